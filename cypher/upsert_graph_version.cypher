// upsert_graph_version: bump the graph's version (graph/store.py GraphStore.version) in the
// transaction of a write; a new epoch when the node is new (after clear), so a token is
// never reused.
// params: none
MERGE (m:GraphVersion {id: 'graph'})
  ON CREATE SET m.epoch = randomUUID(), m.n = 0
SET m.n = m.n + 1
RETURN m.epoch + ':' + toString(m.n) AS version
