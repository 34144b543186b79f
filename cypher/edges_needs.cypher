// edges_needs: every NEEDS edge as {source, target, key, props} (key: the discriminator,
// as in neighbours_*). Streamed unsorted: the store sorts by (source, target, key), which
// spares the server an eager sort of every edge of the type.
// params: none
MATCH (a:Enterprise)-[r:NEEDS]->(b:Product)
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
