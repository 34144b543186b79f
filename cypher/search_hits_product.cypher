// search_hits_product: what a search hit shows of the :Product nodes with the given ids (id,
// name, name_en, short_name: graph/store.py SEARCH_FIELDS) as one list in one row (unordered;
// unknown ids give nothing), read by chunks of ids.
// params: $ids
UNWIND $ids AS id
MATCH (n:Product {id: id})
RETURN collect(n {.id, .name, .name_en, .short_name}) AS props
