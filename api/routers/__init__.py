"""HTTP routers, one per user job (DESIGN.md §2). Each calls the store contract and the query
functions of ``graph.queries`` and adds no logic of its own beyond paging and access rules."""
