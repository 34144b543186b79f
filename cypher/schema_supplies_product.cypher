// schema_supplies_product: SUPPLIES edges by the product they carry (supplies_of: who trades a
// product, the impact of losing it).
// params: none
CREATE INDEX supplies_product IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.product_id)
