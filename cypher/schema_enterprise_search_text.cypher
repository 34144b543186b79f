// schema_enterprise_search_text: a TEXT index on the folded search keys of firms, which serves
// CONTAINS for queries of any length (search_candidates); the cjk full-text index misses
// one-character queries.
// params: none
CREATE TEXT INDEX enterprise_search_text IF NOT EXISTS FOR (n:Enterprise) ON (n.search_text)
