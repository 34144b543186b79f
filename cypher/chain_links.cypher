// chain_links: for the :Enterprise nodes with $ids (firms of the chain $chain), their links
// (SUPPLIES edges to or from a firm of that chain), as one row: degrees, [id, links] of each
// firm with one (a loop counts twice); places, the links entering them counted by [supplier's
// stage, supplier's region, buyer's stage, buyer's region, product]. A grouped panorama ranks
// the firms and groups the trade by these (graph/queries/panorama_groups.py); at 1,000,000
// firms reading the chain's 2.9M links' keys to count them took 32 s of its 50.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py. $ids are the chain's firms on that day
// (cypher/chain_members.cypher); the other ends are tested here.
// params: $ids, $chain, $as_of
UNWIND $ids AS id
MATCH (f:Enterprise {id: id})
CALL (f) {
  OPTIONAL MATCH (a:Enterprise)-[r:SUPPLIES]->(f)
  WHERE a.chain_id = $chain
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
  RETURN count(r) AS ins, collect(CASE WHEN r IS NOT NULL THEN [a.stage, a.region_id, r.product_id] END) AS froms
}
CALL (f) {
  OPTIONAL MATCH (f)-[r:SUPPLIES]->(b:Enterprise)
  WHERE b.chain_id = $chain
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN count(r) AS outs
}
WITH collect(CASE WHEN ins + outs > 0 THEN [f.id, ins + outs] END) AS degrees,
     collect([f.stage, f.region_id, froms]) AS buyers
CALL (buyers) {
  UNWIND buyers AS buyer
  UNWIND buyer[2] AS link
  WITH link[0] AS ss, link[1] AS sr, buyer[0] AS bs, buyer[1] AS br, link[2] AS product, count(*) AS n
  RETURN collect([ss, sr, bs, br, product, n]) AS places
}
RETURN degrees, places
