// adjacent_keys_input_to_out: the INPUT_TO edges leaving the :Product nodes with $ids, ids only
// (source, target, key '') as three parallel lists in one row: what a route search needs.
// params: $ids
UNWIND $ids AS id
MATCH (a:Product {id: id})-[r:INPUT_TO]->(b:Product)
RETURN collect(a.id) AS sources, collect(b.id) AS targets, collect('') AS keys
