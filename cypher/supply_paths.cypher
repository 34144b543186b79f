// supply_paths: simple paths from firm $source to firm $target along SUPPLIES of at most
// $max_hops hops, each hop with its product (edges of one pair carrying different products
// make different paths); ordered by (length, nodes, products), the first $limit.
// The quantifier bound must be a literal: 6 is graph.store.MAX_HOPS (a test checks).
// Every hop must hold on $as_of (an ISO date; null keeps every fact): graph/asof.py; the
// predicate sits inside the quantified pattern so the walk prunes ended edges as it goes.
// params: $source, $target, $max_hops, $limit, $as_of
MATCH (a:Enterprise {id: $source}), (b:Enterprise {id: $target})
MATCH p = (a)(()-[r:SUPPLIES]->()
  WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
){1,6}(b)
WHERE length(p) <= $max_hops
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
WITH length(p) AS hops, ids, [r IN relationships(p) | r.product_id] AS products
ORDER BY hops, ids, products
LIMIT $limit
RETURN ids AS nodes, products
