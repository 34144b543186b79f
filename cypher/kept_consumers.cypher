// kept_consumers: for each of the products $product_ids, every firm needing it, every day's,
// as the consumers statement lists them (annual demand as written and in the base unit; ordered by
// id), with the text of the day each holds from (the later of the edge's since and the
// firm's member_since) and until (the earlier of its until and the firm's member_until), as
// parallel lists ('' for always begun, '~' for never ending: they sort before and after every
// day); a row a product, none for a product without any. What graph/neo4j_makers.py keeps of
// a product with many firms on that side per version of the graph; days compare as text, as
// graph/asof.py says (a year's four digits before its dates).
// params: $product_ids
UNWIND $product_ids AS pid
MATCH (:Product {id: pid})<-[r:NEEDS]-(e:Enterprise)
WITH pid, r, e, toString(r.since) AS s1, toString(e.member_since) AS s2,
     toString(r.until) AS e1, toString(e.member_until) AS e2
ORDER BY pid, e.id
WITH pid, collect({
  product_id: pid, id: e.id, name: e.name, region_id: e.region_id, chain_id: e.chain_id,
  stage: e.stage, scale: e.scale, amount: r.annual_demand, unit: r.unit,
  amount_base: r.demand_base, base_unit: r.base_unit
}) AS items,
  collect(CASE WHEN s1 IS NULL THEN coalesce(s2, '') WHEN s2 IS NULL OR s1 >= s2 THEN s1 ELSE s2 END) AS starts,
  collect(CASE WHEN e1 IS NULL THEN coalesce(e2, '~') WHEN e2 IS NULL OR e1 <= e2 THEN e1 ELSE e2 END) AS ends
RETURN pid AS product_id, items, starts, ends
