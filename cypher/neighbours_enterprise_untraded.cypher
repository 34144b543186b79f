// neighbours_enterprise_untraded: the relationships of one :Enterprise node other than SUPPLIES,
// as neighbours_enterprise gives them (every type but SUPPLIES, named in the pattern, so the
// server expands only those: a hub's 17,000 SUPPLIES relationships are not read; a test checks
// the list against graph.model.Rel).
// $rels (relationship types, none of them SUPPLIES) keeps only those (null: every type listed).
// Relationships without valid time (routes, chains, regions) always hold.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// One record: [rel, direction, label, id, name, key, props] per relationship, in order (a hub's
// hundreds as records cost the driver 5x the CPU: docs/performance.md).
// params: $id, $as_of, $rels
MATCH (n:Enterprise {id: $id})-[r:PRODUCES|NEEDS|COOPERATES|INPUT_TO|IN_CHAIN|LOCATED_IN]-(o)
WHERE ($rels IS NULL OR type(r) IN $rels)
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of))) AND ($as_of IS NULL OR ((o.member_since IS NULL OR toString(o.member_since) <= $as_of) AND (o.member_until IS NULL OR toString(o.member_until) > $as_of)))
WITH type(r) AS rel, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
     labels(o)[0] AS label, o.id AS id, o.name AS name,
     coalesce(r.product_id, r.kind, '') AS key, properties(r) AS props
ORDER BY rel, direction, label, id, key
RETURN collect([rel, direction, label, id, name, key, props]) AS rows
