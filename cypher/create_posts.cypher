// create_posts: create :Post nodes whose ids are known to be new (the table is empty, or a
// change set read them as absent: graph/changes.py): CREATE, not MERGE. Every row is the node's
// whole property map, as upsert_posts writes it.
// params: $rows
UNWIND $rows AS row
CREATE (p:Post)
SET p = row
RETURN count(*) AS written
