// schema_produces_until: a range index on the end of PRODUCES facts (valid time, graph/asof.py):
// what ended before or after a day is found without reading every PRODUCES edge.
// params: none
CREATE RANGE INDEX produces_until IF NOT EXISTS FOR ()-[r:PRODUCES]-() ON (r.until)
