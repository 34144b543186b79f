// fact_digests_product_inputs: the digests of every INPUT_TO relationship (graph/digest.py), what a re-load
// skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH ()-[r:INPUT_TO]->()
RETURN r.fact_digest AS digest
