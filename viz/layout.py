"""Positions computed on the server, so the browser draws at once with physics off.

Two layouts, both pure and deterministic:

- :func:`force_layout`: Fruchterman–Reingold with a fixed seed (networkx ``spring_layout`` below
  500 nodes; above that networkx wants scipy, which ChainAtlas does not depend on, so the same
  algorithm runs here vectorised in float32 — about a second for 2,000 nodes, and cached).
- :func:`layered_layout`: layers left to right (stages 上游 → 中游 → 下游, path hops, tiers),
  bands top to bottom (districts), each cell a small grid ordered by the neighbours already
  placed (one barycentre sweep), plus the rectangles that the page paints behind them.

>>> pos = force_layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> again = force_layout(["c", "b", "a"], [("b", "c"), ("a", "b")])
>>> sorted(pos) == ["a", "b", "c"] and again == pos
True
>>> lay = layered_layout(["x", "y", "z"], {"x": 0, "y": 1, "z": 1})
>>> lay.positions["x"][0] < lay.positions["y"][0] == lay.positions["z"][0]
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypedDict

import networkx as nx
import numpy as np

Point = tuple[float, float]
SEED = 7
#: above this many nodes networkx's spring_layout needs scipy; we run our own copy instead
NX_LIMIT = 500


def force_layout(
    keys: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = SEED,
    iterations: int = 50,
    spacing: float = 110.0,
) -> dict[str, Point]:
    """Force-directed positions in pixels, the same for the same graph every time.

    Node order does not matter (keys are sorted first); ``spacing`` is the typical distance
    between neighbours.
    """
    nodes = tuple(sorted(set(keys)))
    known = set(nodes)
    pairs = tuple(
        sorted({(min(a, b), max(a, b)) for a, b in edges if a != b and a in known and b in known})
    )
    return dict(_force_cached(nodes, pairs, seed, iterations, spacing))


@lru_cache(maxsize=64)
def _force_cached(
    nodes: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
    seed: int,
    iterations: int,
    spacing: float,
) -> tuple[tuple[str, Point], ...]:
    n = len(nodes)
    if n == 0:
        return ()
    if n == 1:
        return ((nodes[0], (0.0, 0.0)),)
    if n < NX_LIMIT:
        g = nx.Graph()
        g.add_nodes_from(nodes)
        g.add_edges_from(pairs)
        raw = nx.spring_layout(g, seed=seed, iterations=iterations, method="force")
        arr = np.array([raw[k] for k in nodes], dtype=np.float64)
    else:
        index = {k: i for i, k in enumerate(nodes)}
        adj = np.zeros((n, n), dtype=np.float32)
        for a, b in pairs:
            adj[index[a], index[b]] = adj[index[b], index[a]] = 1.0
        arr = _fruchterman_reingold(adj, iterations=iterations, seed=seed).astype(np.float64)
    arr -= arr.mean(axis=0)
    extent = float(np.abs(arr).max()) or 1.0
    scale = spacing * math.sqrt(n) / 2
    arr *= scale / extent
    return tuple(
        (k, (round(float(x), 1), round(float(y), 1))) for k, (x, y) in zip(nodes, arr, strict=True)
    )


def _fruchterman_reingold(adj: np.ndarray, *, iterations: int, seed: int) -> np.ndarray:
    """networkx's dense Fruchterman–Reingold, in float32 and without its (n, n, 2) temporary."""
    n = adj.shape[0]
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, None, 0] - pos[None, :, 0]
        dy = pos[:, None, 1] - pos[None, :, 1]
        d2 = dx * dx + dy * dy
        np.maximum(d2, 1e-4, out=d2)
        force = k * k / d2 - adj * np.sqrt(d2) / k
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1), 0.01)
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    return pos


class Lane(TypedDict):
    """A band (``kind="band"``, a row) or a layer (``"layer"``, a column) painted behind the
    nodes, in canvas pixels, with its title in both languages."""

    kind: str
    key: str
    x: float
    y: float
    w: float
    h: float
    zh: str
    en: str
    colour: str


@dataclass
class Layered:
    """Positions plus the rectangles behind them: ``lanes`` are bands (rows) and layers
    (columns), each ``{kind, key, x, y, w, h, zh, en, colour}`` in canvas pixels."""

    positions: dict[str, Point]
    lanes: list[Lane] = field(default_factory=list)


def layered_layout(
    keys: Sequence[str],
    layer_of: Mapping[str, int],
    band_of: Mapping[str, str] | None = None,
    *,
    neighbours: Mapping[str, Iterable[str]] | None = None,
    band_order: Sequence[str] = (),
    layer_titles: Mapping[int, tuple[str, str]] | None = None,
    band_titles: Mapping[str, tuple[str, str, str]] | None = None,
    dx: float = 190.0,
    dy: float = 78.0,
    gap: float = 90.0,
    cell_aspect: float = 0.35,
) -> Layered:
    """Layers left to right, bands top to bottom; nodes missing from ``layer_of`` go to layer 0.

    Inside a cell (one layer × one band) nodes sit on a grid about ``cell_aspect`` times as
    wide as tall (narrow columns keep layers apart; the stage panorama, with bands stacked on
    a landscape screen, wants wide cells), filled column by column, ordered by the mean
    height of their neighbours in earlier layers (ties and unconnected nodes by key), so that
    links run mostly straight.
    """
    bands = band_of or {}
    nbrs = neighbours or {}
    cells: dict[tuple[int, str], list[str]] = defaultdict(list)
    for k in sorted(set(keys)):
        cells[(layer_of.get(k, 0), bands.get(k, ""))].append(k)
    layers = sorted({layer for layer, _ in cells})
    present = {b for _, b in cells}
    order = [b for b in band_order if b in present] + sorted(present - set(band_order))

    shape = {c: _grid(len(members), dx, dy, cell_aspect) for c, members in cells.items()}
    layer_w = {layer: max(shape[c][0] for c in cells if c[0] == layer) * dx for layer in layers}
    band_h = {b: max(shape[c][1] for c in cells if c[1] == b) * dy for b in order}
    x0: dict[int, float] = {}
    x = 0.0
    for layer in layers:
        x0[layer] = x
        x += layer_w[layer] + gap
    y0: dict[str, float] = {}
    y = 0.0
    for b in order:
        y0[b] = y
        y += band_h[b] + gap

    pos: dict[str, Point] = {}
    for layer in layers:
        for b in order:
            members = cells.get((layer, b))
            if not members:
                continue
            members = _barycentre_order(members, nbrs, pos)
            cols, rows = shape[(layer, b)]
            left = x0[layer] + (layer_w[layer] - cols * dx) / 2 + dx / 2
            top = y0[b] + (band_h[b] - rows * dy) / 2 + dy / 2
            for i, k in enumerate(members):
                pos[k] = (round(left + (i // rows) * dx, 1), round(top + (i % rows) * dy, 1))

    width, height = x - gap, y - gap
    cx, cy = width / 2, height / 2
    pos = {k: (round(px - cx, 1), round(py - cy, 1)) for k, (px, py) in pos.items()}
    lanes: list[Lane] = []
    for b in order:
        zh, en, colour = (band_titles or {}).get(b, ("", "", "#9E9E9E"))
        if zh or en:
            lanes.append(
                {
                    "kind": "band",
                    "key": b,
                    "x": -cx - gap / 2,
                    "y": y0[b] - cy - gap / 4,
                    "w": width + gap,
                    "h": band_h[b] + gap / 2,
                    "zh": zh,
                    "en": en,
                    "colour": colour,
                }
            )
    for layer in layers:
        zh, en = (layer_titles or {}).get(layer, ("", ""))
        if zh or en:
            lanes.append(
                {
                    "kind": "layer",
                    "key": str(layer),
                    "x": x0[layer] - cx - gap / 4,
                    "y": -cy - gap / 2,
                    "w": layer_w[layer] + gap / 2,
                    "h": height + gap,
                    "zh": zh,
                    "en": en,
                    "colour": "#607D8B",
                }
            )
    return Layered(pos, lanes)


def _grid(m: int, dx: float, dy: float, aspect: float) -> tuple[int, int]:
    """(columns, rows) for ``m`` nodes, a cell about ``aspect`` times as wide as tall."""
    cols = max(1, math.ceil(math.sqrt(m * dy / dx * aspect)))
    return cols, max(1, math.ceil(m / cols))


def _barycentre_order(
    members: list[str], nbrs: Mapping[str, Iterable[str]], placed: Mapping[str, Point]
) -> list[str]:
    def key(k: str) -> tuple[int, float, str]:
        ys = [placed[n][1] for n in nbrs.get(k, ()) if n in placed]
        return (0, sum(ys) / len(ys), k) if ys else (1, 0.0, k)

    return sorted(members, key=key)
