// schema_product_id: ids of :Product nodes are unique (and indexed); must exist before any MERGE.
// params: none
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE
