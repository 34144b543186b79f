// fact_digests_needs: the digests of every NEEDS relationship (graph/digest.py), what a
// re-load skips, as one list (one record, not one per fact: the driver's cost is per record)
// and the count of facts; a fact written before digests existed has none (collect skips it),
// so the count is then larger than the list.
// params: none
MATCH ()-[r:NEEDS]->()
RETURN collect(r.fact_digest) AS digests, count(r) AS facts
