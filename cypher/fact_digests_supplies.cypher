// fact_digests_supplies: the digests of every SUPPLIES relationship (graph/digest.py), what a
// re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH ()-[r:SUPPLIES]->()
RETURN r.fact_digest AS digest
