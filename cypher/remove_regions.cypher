// remove_regions: delete the :Region nodes with the given keys ([id] lists) and whatever hangs
// on them (a revert of the change set that added them).
// params: $keys
UNWIND $keys AS k
MATCH (n:Region {id: k[0]})
DETACH DELETE n
RETURN count(*) AS removed
