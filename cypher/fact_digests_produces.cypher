// fact_digests_produces: the digests of every PRODUCES relationship (graph/digest.py), what a re-load
// skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH ()-[r:PRODUCES]->()
RETURN r.fact_digest AS digest
