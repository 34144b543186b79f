// consumers: the firms needing any of the products $product_ids, with their annual demand
// (as written and in the base unit), ordered by (product_id, id).
// params: $product_ids
UNWIND $product_ids AS pid
MATCH (:Product {id: pid})<-[r:NEEDS]-(e:Enterprise)
RETURN {
  product_id: pid, id: e.id, name: e.name, region_id: e.region_id, chain_id: e.chain_id,
  stage: e.stage, scale: e.scale, amount: r.annual_demand, unit: r.unit,
  amount_base: r.demand_base, base_unit: r.base_unit
} AS item
ORDER BY pid, e.id
