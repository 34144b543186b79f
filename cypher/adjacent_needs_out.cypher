// adjacent_needs_out: the NEEDS edges leaving the :Enterprise nodes with $ids, shaped and ordered as
// edges_needs (unknown ids give nothing).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:NEEDS]->(b:Product)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
