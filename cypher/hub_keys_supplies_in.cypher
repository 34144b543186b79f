// hub_keys_supplies_in: every SUPPLIES edge entering each :Enterprise with an id in $ids,
// every day's, with the days each holds on: the other end's id, the product, and the text of
// the day it starts holding (the later of the edge's since and the other firm's
// member_since) and of the day it stops (the earlier of its until and the other firm's
// member_until), as parallel lists ('' for always begun, '~' for never ending: they sort
// before and after every day); beside them the enterprise's id and its own member_since and
// member_until. A row a firm, none for an unknown one: every hub a query needs read in one
// round trip. What graph/neo4j_hubs.py keeps of a hub per version of the graph; days compare
// as text, as graph/asof.py says (a year's four digits before its dates).
// params: $ids
UNWIND $ids AS id
MATCH (me:Enterprise {id: id})
CALL (me) {
  MATCH (me)<-[r:SUPPLIES]-(b:Enterprise)
  WITH b, r, toString(r.since) AS s1, toString(b.member_since) AS s2,
       toString(r.until) AS e1, toString(b.member_until) AS e2
  RETURN collect(b.id) AS others, collect(r.product_id) AS keys,
         collect(CASE WHEN s1 IS NULL THEN coalesce(s2, '') WHEN s2 IS NULL OR s1 >= s2 THEN s1 ELSE s2 END) AS starts,
         collect(CASE WHEN e1 IS NULL THEN coalesce(e2, '~') WHEN e2 IS NULL OR e1 <= e2 THEN e1 ELSE e2 END) AS ends
}
RETURN id, toString(me.member_since) AS since, toString(me.member_until) AS until,
       others, keys, starts, ends
