// pair_counts_supplies: for each :Enterprise with $ids, how many SUPPLIES edges join it to each
// other firm it points at, as three parallel lists in one row (sources, targets, edges): the
// weights of the tie network PageRank and the communities read (graph/queries/network.py),
// counted where the edges are, ids and counts only. The store asks by chunks of sources (a
// chunk's pairs are distinct from every other chunk's) and turns the ids into positions as
// each row comes. SUPPLIES joins two firms (graph/model.py: EDGE_TABLES), so the other end's
// label is not checked; a firm's edges to itself are left out. The source's id is the one
// asked, and the other end's is read once per pair, after counting: reading both ids for
// every edge was most of the statement's time at 1,000,000 firms (docs/performance.md).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES]->(b)
WHERE b <> a
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH id AS source, b, count(r) AS edges
RETURN collect(source) AS sources, collect(b.id) AS targets, collect(edges) AS edges
