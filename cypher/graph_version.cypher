// graph_version: the graph's version token, "<epoch>:<n>" (none before the first write), and
// the days on which every fact and firm of that version holds, as the version node keeps
// them (cypher/upsert_graph_version.cypher): span_known, whether they are kept (false for a
// graph written before spans were kept); span_start and span_end, as text (null: unbounded
// that side). A read as of a day inside them may read as it reads every fact.
// params: none
OPTIONAL MATCH (m:GraphVersion {id: 'graph'})
RETURN m.epoch + ':' + toString(m.n) AS version, coalesce(m.span_known, false) AS span_known,
       m.span_start AS span_start, m.span_end AS span_end
