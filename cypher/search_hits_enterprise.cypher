// search_hits_enterprise: what a search hit shows of the :Enterprise nodes with the given ids
// (id, name, name_en, short_name: graph/store.py SEARCH_FIELDS) as one list in one row
// (unordered; unknown ids give nothing), read by chunks of ids. Not the whole node: a firm's
// search_text alone is ~400 bytes, and a search reads up to 500 of them.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (n:Enterprise {id: id})
WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
RETURN collect(n {.id, .name, .name_en, .short_name}) AS props
