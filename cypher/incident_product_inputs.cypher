// incident_product_inputs: the INPUT_TO relationships with either end among the given ids (a revert checks
// that nothing of a later change set hangs on a node it would remove).
// params: $ids
UNWIND $ids AS id
CALL (id) {
  MATCH (a:Product {id: id})-[r:INPUT_TO]->(b:Product)
  RETURN a, r, b
  UNION
  MATCH (a:Product)-[r:INPUT_TO]->(b:Product {id: id})
  RETURN a, r, b
}
WITH DISTINCT a, r, b
RETURN a.id AS source, b.id AS target, properties(r) AS props
