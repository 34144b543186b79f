// upsert_graph_version: bump the graph's version (graph/store.py GraphStore.version) in the
// transaction of a write; a new epoch when the node is new (after clear), so a token is
// never reused. The node also keeps the days every fact and firm holds (graph/asof.py Span,
// as text): a new node's graph is empty, so its span is known (span_known) and unbounded;
// each write narrows it by what it writes ($start, the latest start among its rows; $end,
// the earliest end; null: none), and nothing widens it (a fact removed may leave it
// narrower than the graph's own: a day outside it is only checked fact by fact). A node of
// a graph written before spans were kept has no span_known: every day is checked.
// params: $start, $end
MERGE (m:GraphVersion {id: 'graph'})
  ON CREATE SET m.epoch = randomUUID(), m.n = 0, m.span_known = true
SET m.n = m.n + 1,
    m.span_start = CASE WHEN $start IS NOT NULL AND (m.span_start IS NULL OR m.span_start < $start) THEN $start ELSE m.span_start END,
    m.span_end = CASE WHEN $end IS NOT NULL AND (m.span_end IS NULL OR m.span_end > $end) THEN $end ELSE m.span_end END
RETURN m.epoch + ':' + toString(m.n) AS version
