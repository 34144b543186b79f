// fact_digests_products: the digests of every :Product node (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Product)
RETURN n.fact_digest AS digest
