// supplier_counts: how many distinct firms supply each asked (buyer, product): the buyer $ids[i] and each product of $products[i]
// A cascade (graph/queries/risk.py, impact) asks whether a buyer has lost every supplier of a
// product; the count answers it without sending the suppliers (a buyer in a province's map
// has tens of them). Three parallel lists in one row; pairs with no supplier are left out.
// Every SUPPLIES edge joins two firms, so the supplier is not matched by its label (a quarter
// of the time on 1.57M edges at 1,000,000 firms: docs/performance.md).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $products, $as_of
UNWIND range(0, size($ids) - 1) AS i
WITH $ids[i] AS id, $products[i] AS wanted
MATCH (b:Enterprise {id: id})<-[r:SUPPLIES]-(a)
WHERE r.product_id IN wanted
  AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH b.id AS buyer, r.product_id AS product, count(DISTINCT a) AS n
RETURN collect(buyer) AS buyers, collect(product) AS keys, collect(n) AS counts
