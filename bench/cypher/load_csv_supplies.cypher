// load_csv_supplies: baseline of bench/bench_load.py, LOAD CSV + MERGE of supplies.csv, keyed by
// (supplier, buyer, product) as upsert_supplies is (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Enterprise {id: row.supplier_id})
  MATCH (b:Enterprise {id: row.buyer_id})
  MERGE (a)-[r:SUPPLIES {product_id: row.product_id}]->(b)
  SET r += row, r.volume = toFloat(row.volume), r.since = toInteger(row.since)
} IN TRANSACTIONS OF 1000 ROWS
