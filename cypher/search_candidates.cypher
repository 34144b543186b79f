// search_candidates: firms and products whose search_text contains the folded query $q (TEXT
// indexes), each with its match kind (graph.text.MatchKind: 0 id or code, 1 name, 2 name
// prefix, 3 in the name, 4 short name, English name or alias, 5 pinyin or initials, 6 inside
// the id or code), read from the lines of search_text (graph.text.SEARCH_LINES); ordered by
// (match, label, id), the first $cap, as ids (a short query can match a tenth of a province's
// firms: 96,283 of 1,000,000 for 新材). graph/neo4j_search.py asks this only when its probes
// and scan cannot tell the answer (it reads every match), keeps the ids per version and reads
// the fields of a page's hits.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $q, $labels, $cap, $as_of
CALL () {
  MATCH (n:Enterprise)
  WHERE n.search_text CONTAINS $q AND 'Enterprise' IN $labels
    AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  RETURN n, 'Enterprise' AS label
  UNION ALL
  MATCH (n:Product)
  WHERE n.search_text CONTAINS $q AND 'Product' IN $labels
  RETURN n, 'Product' AS label
}
WITH n, label, split(n.search_text, '\n') AS f
WITH n, label, CASE
    WHEN f[0] = $q OR f[4] = $q THEN 0
    WHEN f[1] = $q THEN 1
    WHEN f[1] STARTS WITH $q THEN 2
    WHEN f[1] CONTAINS $q THEN 3
    WHEN f[2] CONTAINS $q OR f[3] CONTAINS $q OR any(a IN f[7..] WHERE a CONTAINS $q) THEN 4
    WHEN f[5] CONTAINS $q OR f[6] CONTAINS $q THEN 5
    ELSE 6
  END AS match
WITH n, label, match ORDER BY match, label, n.id LIMIT $cap
RETURN label, match, n.id AS id
