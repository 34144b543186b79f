// member_ids: the id of every firm in the map on $as_of, as one list in one row: the firms
// of a dated whole-map answer (PageRank, communities on a day), which node_fields_enterprise
// read by chunks of every firm's id (10 s at 1,000,000 firms).
// A firm counts only while it is in the map on $as_of (member_since / member_until):
// graph/asof.py.
// params: $as_of
MATCH (n:Enterprise)
WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
RETURN collect(n.id) AS ids
