// degree_supplies_out: how many SUPPLIES edges leave the :Enterprise nodes with $ids,
// every day's counted: what adjacent_keys_supplies_out reads with $as_of null, a bound on
// what it reads on any day. Read from each node's degree (getDegree), its edges not expanded:
// graph/queries/corridor.py grows the side of a path search that costs less to read.
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})
RETURN sum(COUNT { (a)-[:SUPPLIES]->() }) AS degree
