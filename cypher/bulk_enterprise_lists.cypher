// bulk_enterprise_lists: after a bulk import (loaders/bulk.py), the empty lists of firms that the
// importer leaves out (an empty array field reads as no value); every firm has both lists.
// params: none
MATCH (n:Enterprise) WHERE n.aliases IS NULL OR n.tags IS NULL
CALL (n) {
  SET n.aliases = coalesce(n.aliases, []), n.tags = coalesce(n.tags, [])
} IN TRANSACTIONS OF 10000 ROWS
