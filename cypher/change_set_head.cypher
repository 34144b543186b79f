// change_set_head: the latest change set's id, 0 before the first (the graph's version).
// params: none
OPTIONAL MATCH (h:ChangeSetHead {name: 'head'})
RETURN coalesce(h.id, 0) AS head
