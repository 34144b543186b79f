// facts_parks: the stored :Park nodes with the given keys ([id] lists), stamps included
// (graph.changes reads a fact before it writes it). Unknown keys give no row.
// params: $keys
UNWIND $keys AS k
MATCH (n:Park {id: k[0]})
RETURN properties(n) AS row
