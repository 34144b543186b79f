// schema_graph_version_id: one version node (upsert_graph_version MERGEs it by id).
// params: none
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (m:GraphVersion) REQUIRE m.id IS UNIQUE
