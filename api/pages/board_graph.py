"""The graph behind a post's matches (``/board/{post_id}``): the posting firm, each candidate,
and the graph facts that explain its reasons (``links`` of graph.board.matching), in the
shared subgraph shape for :func:`viz.build_view`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.graph.model import Label
from chainatlas.graph.store import GraphStore

#: what a candidate's link points at: the label of its target
_TARGET = {"PRODUCES": Label.PRODUCT, "NEEDS": Label.PRODUCT, "IN_CHAIN": Label.CHAIN}


def match_graph(store: GraphStore, answer: Mapping[str, Any]) -> dict[str, Any]:
    """``{nodes, edges}``: the poster, its post, the candidates and, per reason, the product,
    chain, counterpart post or past cooperation behind it."""
    post = answer["post"]
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}

    def node(label: Label, id: str) -> str | None:
        key = f"{label.value}:{id}"
        if key not in nodes:
            found = store.nodes(label, [id])
            if not found:
                return None
            props = {k: v for k, v in found[0].items() if isinstance(v, str | int | float)}
            if label is Label.POST:
                props["name"] = f"{id} {found[0].get('title') or ''}".strip()
            nodes[key] = {**props, "key": key, "label": label.value, "id": id}
        return key

    def edge(source: str | None, target: str | None, rel: str, key: str = "") -> None:
        if source and target:
            edges.setdefault(
                (source, target, rel, key),
                {"source": source, "target": target, "rel": rel, "key": key, "props": {}},
            )

    me = node(Label.ENTERPRISE, post["enterprise_id"])
    edge(me, node(Label.POST, post["id"]), "POSTED")
    for c in answer["candidates"]:
        firm = node(Label.ENTERPRISE, c["enterprise_id"])
        for link in c.get("links") or ():
            rel, target = link["rel"], link["target"]
            if rel == "POSTED":
                edge(firm, node(Label.POST, target), rel)
            elif rel == "COOPERATES":
                edge(firm, me, rel, target)
            elif rel in _TARGET:
                edge(firm, node(_TARGET[rel], target), rel)
    return {
        "nodes": [nodes[k] for k in sorted(nodes)],
        "edges": [edges[k] for k in sorted(edges)],
    }
