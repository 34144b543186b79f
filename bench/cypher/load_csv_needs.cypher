// load_csv_needs: baseline of bench/bench_load.py, LOAD CSV + MERGE of needs.csv (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Enterprise {id: row.enterprise_id})
  MATCH (b:Product {id: row.product_id})
  MERGE (a)-[r:NEEDS]->(b)
  SET r += row, r.annual_demand = toFloat(row.annual_demand)
} IN TRANSACTIONS OF 1000 ROWS
