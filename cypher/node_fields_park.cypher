// node_fields_park: the properties $fields (in that order; graph/store.py projection) of the
// :Park nodes with the given ids, each node as the list of its values (null where it has
// none), as one list in one row (unordered: the store sorts; unknown ids give nothing), read
// by chunks of ids.
// params: $ids, $fields
UNWIND $ids AS id
MATCH (n:Park {id: id})
RETURN collect([k IN $fields | n[k]]) AS values
