// fact_digests_enterprises: the digests of every Enterprise node (graph/digest.py), what a
// re-load skips, as one list (one record, not one per fact: the driver's cost is per record)
// and the count of facts; a fact written before digests existed has none (collect skips it),
// so the count is then larger than the list.
// params: none
MATCH (n:Enterprise)
RETURN collect(n.fact_digest) AS digests, count(n) AS facts
