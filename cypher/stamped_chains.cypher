// stamped_chains: the :Chain nodes that one change set created, last wrote or ended.
// params: $change_set
MATCH (n:Chain)
WHERE n.created_in = $change_set OR n.changed_in = $change_set OR n.ended_in = $change_set
RETURN properties(n) AS row
