// schema_cooperates_until: a range index on the end of COOPERATES facts (valid time, graph/asof.py):
// what ended before or after a day is found without reading every COOPERATES edge.
// params: none
CREATE RANGE INDEX cooperates_until IF NOT EXISTS FOR ()-[r:COOPERATES]-() ON (r.until)
