// firm_count: how many firms are in the map on $as_of (null: every firm): the size of the
// supply network (degree centrality's n - 1), without the headline figures of stats.cypher,
// which walk every edge (21 s at 1,000,000 firms; this is the label's count when $as_of is
// null).
// A firm counts only while it is in the map on $as_of (member_since / member_until):
// graph/asof.py.
// params: $as_of
MATCH (e:Enterprise)
WHERE ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of)))
RETURN count(e) AS firms
