// fact_digests_parks: the digests of every :Park node (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Park)
RETURN n.fact_digest AS digest
