// facts_cooperations: the stored COOPERATES relationships with the given keys ([from_id, to_id, kind] lists), stamps
// included, as source id, target id and properties. Unknown keys give no row.
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:COOPERATES {kind: k[2]}]->(b:Enterprise {id: k[1]})
RETURN a.id AS source, b.id AS target, properties(r) AS props
