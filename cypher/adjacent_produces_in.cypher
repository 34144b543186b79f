// adjacent_produces_in: the PRODUCES edges entering the :Product nodes with $ids, as four parallel
// lists in one row (source, target, key, props; unordered: the store sorts), one row a
// chunk of ids however many edges they have (unknown ids give nothing).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:PRODUCES]->(b:Product {id: id})
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
RETURN collect(a.id) AS sources, collect(b.id) AS targets, collect('') AS keys,
       collect(properties(r)) AS props
