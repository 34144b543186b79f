// maker_place_counts: for each :Product with one of $ids, how many PRODUCES edges enter it from
// firms of each place (a firm's region, null when it is not among $regions, and its stage) and
// chain, as one row: [product, region, stage, chain, edges] lists (a list holding nulls stays
// whole in collect). An opened product group of the folded map counts its makers where the
// edges are: at 1,000,000 firms one group's 372,000 makers' edges crossing Bolt with the
// makers' places took 7 s of the opening's 9 s (graph/queries/map_fold.py).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $regions, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:PRODUCES]->(b:Product {id: id})
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
WITH b.id AS product, CASE WHEN a.region_id IN $regions THEN a.region_id END AS region,
     a.stage AS stage, a.chain_id AS chain, count(*) AS edges
RETURN collect([product, region, stage, chain, edges]) AS counts
