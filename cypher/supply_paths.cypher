// supply_paths: simple paths from firm $source to firm $target along SUPPLIES of at most
// $max_hops hops, each hop with its product (edges of one pair carrying different products
// make different paths); ordered by (length, nodes, products), the first $limit.
// The quantifier bound must be a literal: 6 is graph.store.MAX_HOPS (a test checks).
// params: $source, $target, $max_hops, $limit
MATCH (a:Enterprise {id: $source}), (b:Enterprise {id: $target})
MATCH p = (a)-[:SUPPLIES]->{1,6}(b)
WHERE length(p) <= $max_hops
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
WITH length(p) AS hops, ids, [r IN relationships(p) | r.product_id] AS products
ORDER BY hops, ids, products
LIMIT $limit
RETURN ids AS nodes, products
