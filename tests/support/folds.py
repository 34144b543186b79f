"""The folded map against the view's fold of the whole panorama (graph/queries/map_fold.py,
viz/aggregate.py): what tests/graph/queries/test_map_fold*.py compare."""

from __future__ import annotations

from chainatlas.graph.queries.map_fold import folded_panorama
from chainatlas.graph.queries.panorama import drawn_counts, panorama
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store import GraphStore
from chainatlas.viz.aggregate import Aggregation, Drawable


def _view_fold(
    store: GraphStore, chain: str | None, limit: int, expand: tuple[str, ...]
) -> tuple[Subgraph, Aggregation]:
    """What the map did before: the whole panorama, folded by the view."""
    whole = panorama(store, chain_id=chain)
    return whole, Drawable(whole).fold(limit=limit, expand=expand)


def check(store: GraphStore, chain: str | None, limit: int, expand: tuple[str, ...]) -> Aggregation:
    """``folded_panorama`` is the view's fold of the whole panorama, node for node and edge
    for edge, with the same counts; the view's fold."""
    whole, want = _view_fold(store, chain, limit, expand)
    got = folded_panorama(store, chain_id=chain, limit=limit, expand=expand)
    assert got["graph"]["nodes"] == want.graph["nodes"]
    assert got["graph"]["edges"] == want.graph["edges"]
    assert got["folded"] == {g: len(m) for g, m in want.folded.items()}
    assert got["whole"] == {"nodes": len(whole["nodes"]), "edges": len(whole["edges"])}
    assert got["drawn"] == drawn_counts(whole)
    return want
