// fact_digests_needs: the digests of every NEEDS relationship (graph/digest.py), what a re-load
// skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH ()-[r:NEEDS]->()
RETURN r.fact_digest AS digest
