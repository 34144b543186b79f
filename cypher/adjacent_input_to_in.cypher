// adjacent_input_to_in: the INPUT_TO edges entering the :Product nodes with $ids, as four parallel
// lists in one row (source, target, key, props; unordered: the store sorts), one row a
// chunk of ids however many edges they have (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Product)-[r:INPUT_TO]->(b:Product {id: id})
RETURN collect(a.id) AS sources, collect(b.id) AS targets, collect('') AS keys,
       collect(properties(r)) AS props
