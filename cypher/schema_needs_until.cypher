// schema_needs_until: a range index on the end of NEEDS facts (valid time, graph/asof.py):
// what ended before or after a day is found without reading every NEEDS edge.
// params: none
CREATE RANGE INDEX needs_until IF NOT EXISTS FOR ()-[r:NEEDS]-() ON (r.until)
