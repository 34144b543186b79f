// change_set_lock: the latest change set's id (0 before the first), taking the write lock of
// the :ChangeSetHead node until the transaction ends, so change sets never interleave.
// params: $at
MERGE (h:ChangeSetHead {name: 'head'})
ON CREATE SET h.id = 0
SET h.locked_at = $at
RETURN h.id AS head
