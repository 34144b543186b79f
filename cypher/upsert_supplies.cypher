// upsert_supplies: (:Enterprise)-[:SUPPLIES {product_id, volume, unit, ...}]->(:Enterprise),
// one per (supplier, buyer, product).
// params: $rows
UNWIND $rows AS row
MATCH (s:Enterprise {id: row.supplier_id})
MATCH (b:Enterprise {id: row.buyer_id})
MERGE (s)-[r:SUPPLIES {product_id: row.product_id}]->(b)
SET r = row.props
RETURN count(*) AS written
