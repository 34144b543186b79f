// change_set_mark_reverted: set (or clear, with null) the change set that reverted one.
// params: $id, $by
MATCH (c:ChangeSet {id: $id})
SET c.reverted_by = $by
RETURN c.id AS id
