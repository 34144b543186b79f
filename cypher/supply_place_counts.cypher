// supply_place_counts: how many SUPPLIES edges join firms of each pair of places (a firm's
// region, null when it is not among $regions, and its stage), and how many of those cross
// chains (the supplier in no chain or in another than its buyer's): the folded map's counts
// between groups of firms, counted where the edges are (graph/store_counts.py). At 1,000,000
// firms the ends of 10,000,000 edges crossing Bolt took 58.6 s. The edges out of the firms
// with $ids (a chunk of them: chunks are counted at once, graph/parallel_reads.py), as one
// row: [source region, source stage, target region, target stage, edges, cross-chain] lists
// (a list holding nulls stays whole in collect).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $regions, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES]->(b:Enterprise)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
  AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH CASE WHEN a.region_id IN $regions THEN a.region_id END AS source_region,
     a.stage AS source_stage,
     CASE WHEN b.region_id IN $regions THEN b.region_id END AS target_region,
     b.stage AS target_stage,
     coalesce(a.chain_id, '') = '' OR b.chain_id IS NULL OR a.chain_id <> b.chain_id AS crosses
WITH source_region, source_stage, target_region, target_stage,
     count(*) AS edges, sum(CASE WHEN crosses THEN 1 ELSE 0 END) AS cross_chain
RETURN collect([source_region, source_stage, target_region, target_stage, edges, cross_chain])
       AS counts
