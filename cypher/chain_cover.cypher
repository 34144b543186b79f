// chain_cover: for the :Enterprise nodes with $ids (firms of the chain $chain), the SUPPLIES
// edges entering them from firms of that chain (links), and their NEEDS edges counted by
// product (counts: [product, needs, needs of a firm that makes the product itself, needs the
// firm has a supplier of], by product id), as one row. A chains overview counts these for
// each chain (graph/queries/chains.py); at 1,000,000 firms reading the 10,000,000 supplies'
// keys and 3,200,000 needs to count them in Python took 100 s of its 160 s.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py. $ids are the chain's firms on that day
// (cypher/chain_members.cypher); their suppliers are tested here.
// params: $ids, $chain, $as_of
UNWIND $ids AS id
MATCH (b:Enterprise {id: id})
CALL (b) {
  OPTIONAL MATCH (a:Enterprise)-[r:SUPPLIES]->(b)
  WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
  RETURN collect(r.product_id) AS bought, count(CASE WHEN a.chain_id = $chain THEN 1 END) AS links
}
CALL (b) {
  OPTIONAL MATCH (b)-[m:PRODUCES]->(x:Product)
  WHERE ($as_of IS NULL OR ((m.since IS NULL OR toString(m.since) <= $as_of) AND (m.until IS NULL OR toString(m.until) > $as_of)))
  RETURN collect(x.id) AS made
}
CALL (b, bought, made) {
  OPTIONAL MATCH (b)-[n:NEEDS]->(p:Product)
  WHERE ($as_of IS NULL OR ((n.since IS NULL OR toString(n.since) <= $as_of) AND (n.until IS NULL OR toString(n.until) > $as_of)))
  WITH p, count(n) AS needs
  RETURN collect(CASE WHEN p IS NOT NULL THEN [p.id, needs, p.id IN made, p.id IN bought] END) AS wants
}
WITH sum(links) AS links, collect(wants) AS wants
CALL (wants) {
  UNWIND wants AS firm
  UNWIND firm AS w
  WITH w[0] AS product, sum(w[1]) AS needs, sum(CASE WHEN w[2] THEN w[1] ELSE 0 END) AS own,
       sum(CASE WHEN w[3] THEN w[1] ELSE 0 END) AS supplied
  ORDER BY product
  RETURN collect([product, needs, own, supplied]) AS counts
}
RETURN links, counts
