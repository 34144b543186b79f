// route_paths: simple paths from product $source to product $target along INPUT_TO (process
// routes) of at most $max_hops steps; ordered by (length, nodes), the first $limit.
// The quantifier bound must be a literal: 20 is graph.store.ROUTE_MAX_HOPS (a test checks).
// params: $source, $target, $max_hops, $limit
MATCH (a:Product {id: $source}), (b:Product {id: $target})
MATCH p = (a)-[:INPUT_TO]->{1,20}(b)
WHERE length(p) <= $max_hops
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
WITH length(p) AS hops, ids
ORDER BY hops, ids
LIMIT $limit
RETURN ids AS nodes
