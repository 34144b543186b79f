// schema_supplies_until: a range index on the end of SUPPLIES facts (valid time, graph/asof.py):
// what ended before or after a day is found without reading every SUPPLIES edge.
// params: none
CREATE RANGE INDEX supplies_until IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.until)
