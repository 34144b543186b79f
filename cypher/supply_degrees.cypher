// supply_degrees: for each of the :Enterprise nodes with $ids that has a supply partner other
// than itself, how many distinct firms it supplies (buyers) and how many supply it
// (suppliers), as three parallel lists in one row: degree centrality's counts, counted where
// the edges are (at 1,000,000 firms the 10,000,000 supply pairs crossing Bolt took most of
// its first call). The store asks by chunks of firms and sums the buyers for the pairs.
// SUPPLIES joins two firms (graph/model.py: EDGE_TABLES), so the other end's label is not
// checked: reading it for 20,000,000 ends was a third of the statement's time.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})
WHERE ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
CALL (a) {
  OPTIONAL MATCH (a)-[r:SUPPLIES]->(b)
  WHERE b <> a
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN count(DISTINCT b) AS buyers
}
CALL (a) {
  OPTIONAL MATCH (a)<-[r:SUPPLIES]-(b)
  WHERE b <> a
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN count(DISTINCT b) AS suppliers
}
WITH a, buyers, suppliers WHERE buyers > 0 OR suppliers > 0
RETURN collect(a.id) AS ids, collect(buyers) AS buyers, collect(suppliers) AS suppliers
