// degree_input_to_out: how many INPUT_TO edges leave the :Product nodes with $ids,
// every day's counted: what adjacent_keys_input_to_out reads with $as_of null, a bound on
// what it reads on any day. Read from each node's degree (getDegree), its edges not expanded:
// graph/queries/corridor.py grows the side of a path search that costs less to read.
// params: $ids
UNWIND $ids AS id
MATCH (a:Product {id: id})
RETURN sum(COUNT { (a)-[:INPUT_TO]->() }) AS degree
