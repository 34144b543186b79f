// shared_partners: for each :Enterprise with an id in $among, how many of the firms with $ids
// (other than itself) are its partners: at the other end of one of its SUPPLIES or COOPERATES
// edges, either direction. Two parallel lists in one row (firms with none left out): the
// counts matchmaking needs, counted in the server instead of every partner of a hub's
// neighbours sent over (graph/store.py, GraphStore.shared_partners).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $among, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES|COOPERATES]-(b:Enterprise)
WHERE b.id IN $among AND b.id <> id
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH b.id AS firm, count(DISTINCT a) AS shared
RETURN collect(firm) AS ids, collect(shared) AS counts
