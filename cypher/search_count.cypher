// search_count: how many firms and products have a search_text containing the folded query $q
// (TEXT indexes), at most $cap: the size of a search's answer, no match classified or read.
// graph/queries/search.py asks it for a page's total when it ranks only up to the page's end.
// A firm counts only while it is in the map on $as_of (member_since / member_until).
// params: $q, $labels, $cap, $as_of
CALL () {
  MATCH (n:Enterprise)
  WHERE n.search_text CONTAINS $q AND 'Enterprise' IN $labels
    AND ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  RETURN n
  UNION ALL
  MATCH (n:Product)
  WHERE n.search_text CONTAINS $q AND 'Product' IN $labels
  RETURN n
}
WITH n LIMIT $cap
RETURN count(n) AS n
