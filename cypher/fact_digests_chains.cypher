// fact_digests_chains: the digests of every :Chain node (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Chain)
RETURN n.fact_digest AS digest
