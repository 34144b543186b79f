// bulk_product_lists: after a bulk import (loaders/bulk.py), the empty alias lists of products
// that the importer leaves out (an empty array field reads as no value).
// params: none
MATCH (n:Product) WHERE n.aliases IS NULL
CALL (n) {
  SET n.aliases = []
} IN TRANSACTIONS OF 10000 ROWS
