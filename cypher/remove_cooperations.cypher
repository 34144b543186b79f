// remove_cooperations: delete the COOPERATES relationships with the given keys ([from_id, to_id, kind] lists).
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:COOPERATES {kind: k[2]}]->(b:Enterprise {id: k[1]})
DELETE r
RETURN count(*) AS removed
