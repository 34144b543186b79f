// create_regions: create :Region nodes whose ids are known to be new (the table is empty: a
// first load, loaders/load.py; or a change set read them as absent, graph/changes.py): CREATE,
// not MERGE.
// params: $rows
UNWIND $rows AS row
CREATE (n:Region)
SET n = row
RETURN count(*) AS written
