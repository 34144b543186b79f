// schema_product_cas: look-ups by CAS number.
// params: none
CREATE INDEX product_cas IF NOT EXISTS FOR (n:Product) ON (n.cas)
