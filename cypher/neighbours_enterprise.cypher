// neighbours_enterprise: every relationship of one :Enterprise node with the node at its other end,
// ordered as GraphStore.neighbours documents (an empty list when the id is unknown or it is alone;
// node_enterprise tells the two apart).
// $rels (relationship types) keeps only those (null: every type; a profile leaves out
// SUPPLIES and reads one window of them instead).
// Relationships without valid time (routes, chains, regions) always hold.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// One record: [rel, direction, label, id, name, key, props] per relationship, in order (a hub's
// hundreds as records cost the driver 5x the CPU: docs/performance.md).
// params: $id, $as_of, $rels
MATCH (n:Enterprise {id: $id})-[r]-(o)
WHERE ($rels IS NULL OR type(r) IN $rels)
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of))) AND ($as_of IS NULL OR ((o.member_since IS NULL OR toString(o.member_since) <= $as_of) AND (o.member_until IS NULL OR toString(o.member_until) > $as_of)))
WITH type(r) AS rel, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
     labels(o)[0] AS label, o.id AS id, o.name AS name,
     coalesce(r.product_id, r.kind, '') AS key, properties(r) AS props
ORDER BY rel, direction, label, id, key
RETURN collect([rel, direction, label, id, name, key, props]) AS rows
