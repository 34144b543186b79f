// supply_paths: simple paths from firm $source to firm $target along SUPPLIES of at most
// $max_hops hops, each hop with its product (edges of one pair carrying different products
// make different paths); ordered by (length, nodes, products), the first $limit.
// The quantifier bound must be a literal: 6 is graph.store.MAX_HOPS (a test checks).
// Every hop must hold on $as_of (an ISO date; null keeps every fact): graph/asof.py; the
// predicate sits inside the quantified pattern so the walk prunes ended edges as it goes.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $source, $target, $max_hops, $limit, $as_of
MATCH (a:Enterprise {id: $source}), (b:Enterprise {id: $target})
WHERE ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
MATCH p = (a)((x)-[r:SUPPLIES]->(y)
  WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((x.member_since IS NULL OR toString(x.member_since) <= $as_of) AND (x.member_until IS NULL OR toString(x.member_until) > $as_of))) AND ($as_of IS NULL OR ((y.member_since IS NULL OR toString(y.member_since) <= $as_of) AND (y.member_until IS NULL OR toString(y.member_until) > $as_of)))
){1,6}(b)
WHERE length(p) <= $max_hops
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
WITH length(p) AS hops, ids, [r IN relationships(p) | r.product_id] AS products
ORDER BY hops, ids, products
LIMIT $limit
RETURN ids AS nodes, products
