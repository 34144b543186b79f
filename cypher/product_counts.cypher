// product_counts: for every product, how many firms produce it and how many need it (degree
// counts, no rows of edges), ordered by product id.
// params: none
MATCH (p:Product)
RETURN p.id AS product_id,
       COUNT { (p)<-[:PRODUCES]-(:Enterprise) } AS producers,
       COUNT { (p)<-[:NEEDS]-(:Enterprise) } AS consumers
ORDER BY product_id
