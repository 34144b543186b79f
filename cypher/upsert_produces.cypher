// upsert_produces: (:Enterprise)-[:PRODUCES {capacity, unit, ...}]->(:Product), one per pair.
// params: $rows
UNWIND $rows AS row
MATCH (e:Enterprise {id: row.enterprise_id})
MATCH (p:Product {id: row.product_id})
MERGE (e)-[r:PRODUCES]->(p)
SET r = row.props
RETURN count(*) AS written
