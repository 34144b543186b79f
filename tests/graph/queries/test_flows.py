"""Supply paths weighted by volume on a generated map, both stores: the search reads the firms
within reach of the two ends and their supplies only, and finds what a brute force over every
supply of the map finds (all simple paths within the bound, ranked by weight). Hand-worked
answers: tests/graph/queries/test_network.py."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from chainatlas.graph.errors import NoPath
from chainatlas.graph.model import Rel
from chainatlas.graph.queries.flows import _shares, weighted_paths
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.loaders.generate import generate_bundle


def _brute(store: GraphStore, source: str, target: str, k: int, hops: int) -> list[list[str]]:
    """The ``k`` heaviest paths by brute force over every supply of the map."""
    every = store.edges(Rel.SUPPLIES)
    shares = _shares(
        ((e["source"], e["target"], e["key"]), e["props"].get("volume_base")) for e in every
    )
    best: dict[tuple[str, str], float] = {}
    for (a, b, _), share in sorted(shares.items()):
        if a != b:
            best[(a, b)] = max(best.get((a, b), 0.0), share)
    g = nx.DiGraph(list(best))
    if source not in g or target not in g:
        return []

    def cost(nodes: list[str]) -> float:
        return round(sum(max(0.0, -math.log(best[p])) for p in pairwise(nodes)), 12)

    paths = [list(p) for p in nx.all_simple_paths(g, source, target, cutoff=hops)]
    return sorted(paths, key=lambda p: (cost(p), len(p), p))[:k]


def test_weighted_paths_are_the_brute_forces_on_a_generated_map(
    store: GraphStore, tmp_path: Path
) -> None:
    generate_bundle(tmp_path, enterprises=300, seed=3)
    store.write_tables(read_bundle(tmp_path).tables)
    buyers: dict[str, set[str]] = {}
    for a, b in store.supply_pairs():
        buyers.setdefault(a, set()).add(b)
    found = missing = 0
    for source in sorted(buyers)[:20]:
        two = sorted({c for b in buyers[source] for c in buyers.get(b, ())} - {source})
        if not two:  # its buyers sell to nobody: no path of two hops or more
            continue
        for target, k, hops in ((two[0], 5, 4), (two[-1], 3, 2), (sorted(buyers)[-1], 5, 3)):
            expected = _brute(store, source, target, k, hops)
            if not expected:
                with pytest.raises(NoPath):
                    weighted_paths(store, source, target, k=k, max_hops=hops)
                missing += 1
                continue
            answer = weighted_paths(store, source, target, k=k, max_hops=hops)
            assert [p["nodes"] for p in answer["paths"]] == expected, (source, target)
            found += 1
    assert found > 20 and missing > 0
