// stamped_supplies: the SUPPLIES relationships that one change set created, last wrote or ended.
// params: $change_set
MATCH (a:Enterprise)-[r:SUPPLIES]->(b:Enterprise)
WHERE r.created_in = $change_set OR r.changed_in = $change_set OR r.ended_in = $change_set
RETURN a.id AS source, b.id AS target, properties(r) AS props
