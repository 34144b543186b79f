// load_csv_parks: baseline of bench/bench_load.py, LOAD CSV + MERGE of parks.csv (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Park {id: row.id})
  SET n += row, n.lon = toFloat(row.lon), n.lat = toFloat(row.lat)
  WITH n, row
  MATCH (r:Region {id: row.region_id})
  MERGE (n)-[:LOCATED_IN]->(r)
} IN TRANSACTIONS OF 1000 ROWS
