// graph_version: the graph's version token, "<epoch>:<n>" (none before the first write).
// params: none
OPTIONAL MATCH (m:GraphVersion {id: 'graph'})
RETURN m.epoch + ':' + toString(m.n) AS version
