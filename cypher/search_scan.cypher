// search_scan: the next $rows firms by id after $after (the id index gives the order), how
// many were read, the last one's id, and the ids of those whose folded name (the second line
// of search_text, graph.text.SEARCH_LINES) starts with $q ($prefix) or contains it:
// graph/neo4j_search.py walks a broad query's firms in answer order with it.
// A firm counts only while it is in the map on $as_of (member_since / member_until).
// params: $q, $prefix, $after, $rows, $as_of
MATCH (n:Enterprise)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $rows
WITH collect(n) AS read
RETURN size(read) AS scanned, read[-1].id AS last,
  [n IN read WHERE n.search_text CONTAINS $q
    AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
    AND CASE WHEN $prefix THEN split(n.search_text, '\n')[1] STARTS WITH $q
             ELSE split(n.search_text, '\n')[1] CONTAINS $q END
    | n.id] AS found
