// adjacent_keys_produces_out: the PRODUCES edges leaving the :Enterprise nodes with $ids, ids
// only (source, target, key '') as three parallel lists in one row: what each firm makes, for
// the folded map (graph/queries/map_fold.py), without the edges' properties. Read by firms,
// a few edges each: by products, a chunk of a province's products held hundreds of
// thousands of makers, more than a transaction's memory.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:PRODUCES]->(b:Product)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
RETURN collect(a.id) AS sources, collect(b.id) AS targets, collect('') AS keys
