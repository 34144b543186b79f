// schema_region_id: ids of :Region nodes are unique (and indexed); must exist before any MERGE.
// params: none
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE
