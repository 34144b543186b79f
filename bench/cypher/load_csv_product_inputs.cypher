// load_csv_product_inputs: baseline of bench/bench_load.py, LOAD CSV + MERGE of
// product_inputs.csv (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Product {id: row.input_id})
  MATCH (b:Product {id: row.output_id})
  MERGE (a)-[r:INPUT_TO]->(b)
  SET r += row
} IN TRANSACTIONS OF 1000 ROWS
