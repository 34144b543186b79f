// customers: current customers of one enterprise, one item per (customer, product) edge,
// ordered by (product_id, id). No row when the enterprise is unknown.
// params: $id
MATCH (me:Enterprise {id: $id})
CALL (me) {
  OPTIONAL MATCH (me)-[s:SUPPLIES]->(f:Enterprise)
  OPTIONAL MATCH (p:Product {id: s.product_id})
  WITH f, s, p ORDER BY s.product_id, f.id
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE {
    id: f.id, name: f.name, region_id: f.region_id, product_id: s.product_id,
    product_name: p.name, volume: s.volume, unit: s.unit, since: s.since
  } END) AS items
}
RETURN items
