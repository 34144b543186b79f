// schema_change_set_id: change sets are numbered; one :ChangeSet per id.
// params: none
CREATE CONSTRAINT change_set_id IF NOT EXISTS FOR (c:ChangeSet) REQUIRE c.id IS UNIQUE
