// fact_digests_enterprises: the digests of every :Enterprise node (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Enterprise)
RETURN n.fact_digest AS digest
