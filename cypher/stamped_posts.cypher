// stamped_posts: the :Post nodes that one change set created, last wrote or ended.
// params: $change_set
MATCH (n:Post)
WHERE n.created_in = $change_set OR n.changed_in = $change_set OR n.ended_in = $change_set
RETURN properties(n) AS row
