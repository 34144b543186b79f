// change_set_save: record a change set and move the head to it (counts as JSON text).
// params: $id, $at, $author, $kind, $source, $sha256, $counts, $reverts
MATCH (h:ChangeSetHead {name: 'head'})
SET h.id = $id
CREATE (c:ChangeSet {id: $id, at: $at, author: $author, kind: $kind, source: $source,
                     sha256: $sha256, counts: $counts, reverts: $reverts})
RETURN c.id AS id
