// fact_digests_posts: the digests of every :Post (graph/digest.py), what a re-load skips.
// A fact written before digests existed gives null: the table is then not empty.
// params: none
MATCH (n:Post)
RETURN n.fact_digest AS digest
