// producers: the firms producing any of the products $product_ids, with their capacity
// (as written and in the base unit), ordered by (product_id, id),
// in one list: one record, where a common material's thousands of makers cost a record each.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $product_ids, $as_of
UNWIND $product_ids AS pid
MATCH (:Product {id: pid})<-[r:PRODUCES]-(e:Enterprise)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of)))
WITH {
  product_id: pid, id: e.id, name: e.name, region_id: e.region_id, chain_id: e.chain_id,
  stage: e.stage, scale: e.scale, amount: r.capacity, unit: r.unit,
  amount_base: r.capacity_base, base_unit: r.base_unit
} AS item
ORDER BY pid, e.id
RETURN collect(item) AS items
