// schema_chain_id: ids of :Chain nodes are unique (and indexed); must exist before any MERGE.
// params: none
CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.id IS UNIQUE
