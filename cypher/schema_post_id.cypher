// schema_post_id: ids of :Post nodes (the board's offers and needs) are unique (and indexed).
// params: none
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE
