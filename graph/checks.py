"""Checks the stores share on their read arguments: an edge type stored as a table, path
bounds, and the label at the far end of an edge type."""

from __future__ import annotations

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES, Label, Rel
from chainatlas.graph.store import EDGE_RELS, MAX_HOPS, Direction


def check_edge_rel(rel: Rel) -> Rel:
    """``rel`` when it is stored as an edge table; ``ValueError`` otherwise."""
    if rel not in EDGE_RELS:
        raise ValueError(f"{rel.value} edges are not stored as a table; use nodes() and their ids")
    return rel


def check_path_bounds(max_hops: int, limit: int, bound: int = MAX_HOPS) -> None:
    """``ValueError`` unless ``1 <= max_hops <= bound`` and ``limit >= 1``."""
    if not 1 <= max_hops <= bound:
        raise InvalidOption("max_hops", f"max_hops must be between 1 and {bound}, not {max_hops}")
    if limit < 1:
        raise InvalidOption("limit", f"limit must be at least 1, not {limit}")


def endpoint_label(rel: Rel, direction: Direction) -> Label:
    """The label of the nodes whose ``direction`` edges of type ``rel`` are asked for."""
    for r, (src, _), (dst, _) in EDGE_TABLES.values():
        if r is rel:
            return src if direction == "out" else dst
    raise ValueError(f"{rel.value} edges are not stored as a table")
