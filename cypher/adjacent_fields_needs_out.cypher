// adjacent_fields_needs_out: the NEEDS edges leaving the :Enterprise nodes with $ids, each with the
// properties $fields (in that order; graph/rows.py edge_projection) as the list of its values
// (null where it has none), as four parallel lists in one row (source, target, key, values;
// unordered: the store sorts), one row a chunk of ids. Not every property: a survey of a
// province's needs reads three of a dozen (graph/queries/cluster.py).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $fields, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:NEEDS]->(b:Product)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
RETURN collect(a.id) AS sources, collect(b.id) AS targets, collect('') AS keys,
       collect([k IN $fields | r[k]]) AS values
