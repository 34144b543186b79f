// partners: the firms at the other end of the SUPPLIES and COOPERATES edges of each
// :Enterprise with one of $ids, either direction (matchmaking counts the partners two firms
// share), as two parallel lists in one row: the firms with a partner, and each one's partners
// (unknown ids and firms without a partner give nothing). One statement where four
// adjacency reads were (graph/store.py, GraphStore.partners).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES|COOPERATES]-(b:Enterprise)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH a, collect(DISTINCT b.id) AS theirs
RETURN collect(a.id) AS ids, collect(theirs) AS partners
