// change_entries_save: what a change set did to facts it did not add, one :FactChange per
// entry {seq, table, key, op, before} (before: the fact before, as JSON text; null if none).
// params: $id, $entries
MATCH (c:ChangeSet {id: $id})
UNWIND $entries AS e
CREATE (c)-[:RECORDS]->(:FactChange {seq: e.seq, table: e.table, key: e.key, op: e.op,
                                    before: e.before})
RETURN count(*) AS written
