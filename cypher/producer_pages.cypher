// producer_pages: for each of the products $product_ids made by some firm other than $exclude
// (null: every firm), how many firms make it and the first $limit of them by id (null: all),
// each as {id, name, region_id}; a row a product, none for a product nobody else makes. What
// a firm's profile lists of each need's makers (graph/queries/profiles.py): three fields, not
// the producers statement's eleven (at 1,000,000 firms a firm's needs have hundreds of makers
// each: docs/performance.md).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $product_ids, $exclude, $limit, $as_of
UNWIND $product_ids AS pid
MATCH (:Product {id: pid})<-[r:PRODUCES]-(e:Enterprise)
WHERE ($exclude IS NULL OR e.id <> $exclude)
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of)))
WITH pid, e ORDER BY pid, e.id
WITH pid, collect(e) AS every
RETURN pid AS product_id, size(every) AS total,
       [e IN CASE WHEN $limit IS NULL THEN every ELSE every[..$limit] END |
        {id: e.id, name: e.name, region_id: e.region_id}] AS items
