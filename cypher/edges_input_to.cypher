// edges_input_to: every INPUT_TO edge as {source, target, key, props} (key: the discriminator,
// as in neighbours_*). Streamed unsorted: the store sorts by (source, target, key), which
// spares the server an eager sort of every edge of the type.
// params: none
MATCH (a:Product)-[r:INPUT_TO]->(b:Product)
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
