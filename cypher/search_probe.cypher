// search_probe: how many (at most $probe) firms and products have a search_text containing $a
// or $b (TEXT indexes), and when fewer than $probe, each as (label, id, text), in no order:
// graph/neo4j_search.py classifies them (graph.text.match_kind) and knows it has every match
// when the probe is not full.
// A firm counts only while it is in the map on $as_of (member_since / member_until).
// params: $a, $b, $labels, $probe, $as_of
CALL () {
  MATCH (n:Enterprise)
  WHERE (n.search_text CONTAINS $a OR n.search_text CONTAINS $b) AND 'Enterprise' IN $labels
    AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  RETURN n, 'Enterprise' AS label
  UNION ALL
  MATCH (n:Product)
  WHERE (n.search_text CONTAINS $a OR n.search_text CONTAINS $b) AND 'Product' IN $labels
  RETURN n, 'Product' AS label
}
WITH n, label LIMIT $probe
WITH collect([label, n]) AS found
// a full probe tells only that it is full: its texts would be read and sent for nothing
RETURN size(found) AS n,
  [f IN CASE WHEN size(found) < $probe THEN found ELSE [] END
    | {label: f[0], id: f[1].id, text: f[1].search_text}] AS found
