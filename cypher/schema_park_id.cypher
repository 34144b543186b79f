// schema_park_id: ids of :Park nodes are unique (and indexed); must exist before any MERGE.
// params: none
CREATE CONSTRAINT park_id IF NOT EXISTS FOR (n:Park) REQUIRE n.id IS UNIQUE
