// change_entries: the entries of one change set, in the order they were made.
// params: $id
MATCH (:ChangeSet {id: $id})-[:RECORDS]->(f:FactChange)
RETURN properties(f) AS props
ORDER BY f.seq
