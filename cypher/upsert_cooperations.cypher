// upsert_cooperations: (:Enterprise)-[:COOPERATES {kind, since, note}]->(:Enterprise),
// one per (from, to, kind); kind is one of 信息/技术/人才/资金/产品.
// params: $rows
UNWIND $rows AS row
MATCH (a:Enterprise {id: row.from_id})
MATCH (b:Enterprise {id: row.to_id})
MERGE (a)-[r:COOPERATES {kind: row.kind}]->(b)
SET r = row.props
RETURN count(*) AS written
