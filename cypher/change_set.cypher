// change_set: one change-set record (no row when the id is unknown).
// params: $id
MATCH (c:ChangeSet {id: $id})
RETURN properties(c) AS props
