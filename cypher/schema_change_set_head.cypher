// schema_change_set_head: one :ChangeSetHead node holds the latest change set's id.
// params: none
CREATE CONSTRAINT change_set_head IF NOT EXISTS FOR (h:ChangeSetHead) REQUIRE h.name IS UNIQUE
