// fact_digests_cooperations: the digests of every COOPERATES relationship (graph/digest.py), what a re-load
// skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH ()-[r:COOPERATES]->()
RETURN r.fact_digest AS digest
