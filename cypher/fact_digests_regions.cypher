// fact_digests_regions: the digests of every :Region node (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Region)
RETURN n.fact_digest AS digest
