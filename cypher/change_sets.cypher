// change_sets: change-set records, newest first, one page.
// params: $offset, $limit
MATCH (c:ChangeSet)
RETURN properties(c) AS props
ORDER BY c.id DESC
SKIP $offset
LIMIT $limit
