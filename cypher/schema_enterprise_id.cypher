// schema_enterprise_id: ids of :Enterprise nodes are unique (and indexed); must exist before any MERGE.
// params: none
CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE
