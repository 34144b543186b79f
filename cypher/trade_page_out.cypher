// trade_page_out: one page of an enterprise's customers, named by their keys: the item and edge
// properties of the SUPPLIES edges between $id and $others[i] for $products[i], in the order
// given (graph/neo4j_hubs.py: the keys of a hub kept per version, cut to a page in trade
// order, so the server reads the page's edges, not all of the hub's to sort them).
// Items and edges are shaped as customers.cypher's; no row when the enterprise is unknown.
// params: $id, $others, $products
MATCH (me:Enterprise {id: $id})
CALL (me) {
  UNWIND range(0, size($others) - 1) AS i
  MATCH (f:Enterprise {id: $others[i]})
  MATCH (me)-[s:SUPPLIES]->(f)
  WHERE s.product_id = $products[i]
  OPTIONAL MATCH (p:Product {id: s.product_id})
  WITH i, s, f, p ORDER BY i
  RETURN collect({
    id: f.id, name: f.name, region_id: f.region_id, product_id: s.product_id,
    product_name: p.name, volume: s.volume, unit: s.unit, since: s.since
  }) AS items, collect(properties(s)) AS edges
}
RETURN items, edges
