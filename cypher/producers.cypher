// producers: the firms producing any of the products $product_ids, with their capacity
// (as written and in the base unit), ordered by (product_id, id).
// params: $product_ids
UNWIND $product_ids AS pid
MATCH (:Product {id: pid})<-[r:PRODUCES]-(e:Enterprise)
RETURN {
  product_id: pid, id: e.id, name: e.name, region_id: e.region_id, chain_id: e.chain_id,
  stage: e.stage, scale: e.scale, amount: r.capacity, unit: r.unit,
  amount_base: r.capacity_base, base_unit: r.base_unit
} AS item
ORDER BY pid, e.id
