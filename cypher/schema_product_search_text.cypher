// schema_product_search_text: a TEXT index on the folded search keys of products, which serves
// CONTAINS for queries of any length (search_candidates).
// params: none
CREATE TEXT INDEX product_search_text IF NOT EXISTS FOR (n:Product) ON (n.search_text)
