// load_csv_chains: baseline of bench/bench_load.py, LOAD CSV + MERGE of chains.csv from the server's
// import folder, with the same uniqueness constraints (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Chain {id: row.id})
  SET n += row
} IN TRANSACTIONS OF 1000 ROWS
