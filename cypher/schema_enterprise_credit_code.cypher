// schema_enterprise_credit_code: look-ups by unified social credit code.
// params: none
CREATE INDEX enterprise_credit_code IF NOT EXISTS FOR (n:Enterprise) ON (n.credit_code)
