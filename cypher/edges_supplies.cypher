// edges_supplies: every SUPPLIES edge as {source, target, key, props} (key: the discriminator,
// as in neighbours_*). Streamed unsorted: the store sorts by (source, target, key), which
// spares the server an eager sort of every edge of the type.
// params: none
MATCH (a:Enterprise)-[r:SUPPLIES]->(b:Enterprise)
RETURN a.id AS source, b.id AS target, r.product_id AS key, properties(r) AS props
