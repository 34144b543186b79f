// load_csv_cooperations: baseline of bench/bench_load.py, LOAD CSV + MERGE of cooperations.csv
// (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Enterprise {id: row.from_id})
  MATCH (b:Enterprise {id: row.to_id})
  MERGE (a)-[r:COOPERATES {kind: row.kind}]->(b)
  SET r += row
} IN TRANSACTIONS OF 1000 ROWS
