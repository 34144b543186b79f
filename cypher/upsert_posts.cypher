// upsert_posts: create or update :Post nodes (the board's offers and needs, graph/board).
// A post names its firm, products and chain by id properties (enterprise_id, products,
// chain_id), not by relationships, so the panorama's reads see the same graph with or without
// a board. Every row is the node's whole property map.
// params: $rows
UNWIND $rows AS row
MERGE (p:Post {id: row.id})
SET p = row
RETURN count(*) AS written
