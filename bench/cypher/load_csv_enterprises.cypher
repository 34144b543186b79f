// load_csv_enterprises: baseline of bench/bench_load.py, LOAD CSV + MERGE of enterprises.csv
// with their region and chain links (params: $url)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Enterprise {id: row.id})
  SET n += row, n.lon = toFloat(row.lon), n.lat = toFloat(row.lat),
      n.founded = toInteger(row.founded), n.listed = row.listed = 'true',
      n.aliases = split(coalesce(row.aliases, ''), ';'), n.tags = split(coalesce(row.tags, ''), ';')
  WITH n, row
  CALL (n, row) {
    MATCH (r:Region {id: row.region_id})
    MERGE (n)-[:LOCATED_IN]->(r)
  }
  CALL (n, row) {
    MATCH (c:Chain {id: row.chain_id})
    MERGE (n)-[l:IN_CHAIN]->(c)
    SET l.stage = row.stage
  }
} IN TRANSACTIONS OF 1000 ROWS
