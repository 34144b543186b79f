// load_csv_products: baseline of bench/bench_load.py, LOAD CSV + MERGE of products.csv
// (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Product {id: row.id})
  SET n += row, n.aliases = split(coalesce(row.aliases, ''), ';')
  WITH n, row
  MATCH (c:Chain {id: row.chain_id})
  MERGE (n)-[l:IN_CHAIN]->(c)
  SET l.stage = row.stage
} IN TRANSACTIONS OF 1000 ROWS
