// load_csv_produces: baseline of bench/bench_load.py, LOAD CSV + MERGE of produces.csv (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Enterprise {id: row.enterprise_id})
  MATCH (b:Product {id: row.product_id})
  MERGE (a)-[r:PRODUCES]->(b)
  SET r += row, r.capacity = toFloat(row.capacity)
} IN TRANSACTIONS OF 1000 ROWS
