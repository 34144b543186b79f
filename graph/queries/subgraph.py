"""The subgraph shape every graph-shaped answer carries as ``graph`` (docs/queries.md).

``viz/`` draws it and ``export`` writes it::

    {"nodes": [{"key": "Enterprise:E1", "label": "Enterprise", "id": "E1", "name": "…",
                "name_en": "…", "region_id": "ningbo", "chain_id": "poly", "stage": "上游"}],
     "edges": [{"source": "Enterprise:E1", "target": "Enterprise:E3", "rel": "SUPPLIES",
                "key": "pta", "props": {"product_id": "pta", "volume": 12000, "unit": "t"}}]}

Node fields are present when known; nodes are sorted by key, edges by
``(source, target, rel, key)``.

>>> g = Subgraph()
>>> a = g.node(Label.ENTERPRISE, {"id": "E1", "name": "甲", "region_id": "ningbo", "x": 1})
>>> b = g.node(Label.PRODUCT, {"id": "pta", "name": "精对苯二甲酸"})
>>> g.edge(Rel.PRODUCES, a, b, props={"capacity": 5, "source_row": 3})
>>> g.build()["edges"]
[{'source': 'Enterprise:E1', 'target': 'Product:pta', 'rel': 'PRODUCES', 'key': '', \
'props': {'capacity': 5}}]
>>> [n["key"] for n in g.build()["nodes"]]
['Enterprise:E1', 'Product:pta']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from chainatlas.graph import shapes
from chainatlas.graph.memory_graph import edge_table
from chainatlas.graph.memory_rows import edge_item
from chainatlas.graph.model import LABEL_VALUE, REL_VALUE, Label, Rel

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

#: node properties a subgraph keeps (besides key, label and id)
NODE_FIELDS = ("name", "name_en", "region_id", "chain_id", "stage")
#: relationship properties a subgraph keeps, per type
EDGE_FIELDS: dict[Rel, tuple[str, ...]] = {
    Rel.SUPPLIES: ("product_id", "volume", "unit", "volume_base", "base_unit", "since"),
    Rel.COOPERATES: ("kind", "since", "note"),
    Rel.PRODUCES: ("capacity", "unit", "capacity_base", "base_unit"),
    Rel.NEEDS: ("annual_demand", "unit", "demand_base", "base_unit"),
    Rel.INPUT_TO: ("note",),
    Rel.IN_CHAIN: ("stage",),
    Rel.LOCATED_IN: (),
}


def node_key(label: Label | str, id: str) -> str:
    """``"Enterprise:E1"``: how graphs name a node (``label`` a Label or its value)."""
    return f"{label}:{id}"


def label_value(label: Label | str) -> str:
    """``label``'s value, a plain ``str`` (``label`` a Label or its value); ValueError when it
    is not a label."""
    value = LABEL_VALUE.get(label)
    return Label(label).value if value is None else value


def ref(label: Label | str, props: Mapping[str, Any]) -> shapes.NodeRef:
    """A node reference: ``{label, id, name}``."""
    return {"label": label_value(label), "id": props["id"], "name": props.get("name")}


class Subgraph:
    """Collects nodes and edges once each and builds the shared shape."""

    def __init__(self) -> None:
        self._nodes: dict[str, dict[str, Any]] = {}
        self._edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._nodes

    def node(self, label: Label | str, props: Mapping[str, Any]) -> str:
        """Add a node (fields already known are kept; missing ones are filled); its key."""
        value = label_value(label)
        key = node_key(value, props["id"])
        entry = self._nodes.setdefault(key, {"key": key, "label": value, "id": props["id"]})
        for f in NODE_FIELDS:
            if entry.get(f) is None and props.get(f) is not None:
                entry[f] = props[f]
        return key

    def edge(
        self,
        rel: Rel,
        source: str,
        target: str,
        *,
        key: str = "",
        props: Mapping[str, Any] | None = None,
    ) -> None:
        """Add an edge between two nodes already added (by their keys)."""
        if source not in self._nodes or target not in self._nodes:
            raise ValueError(f"add both ends before the edge {source} -> {target}")
        kept = {f: props[f] for f in EDGE_FIELDS[rel] if props and props.get(f) is not None}
        name = REL_VALUE[rel]
        self._edges.setdefault(
            (source, target, name, key),
            {"source": source, "target": target, "rel": name, "key": key, "props": kept},
        )

    def firm_edge(self, rel: Rel, e: Mapping[str, Any]) -> None:
        """Add an edge item between two firms already added, as :meth:`GraphStore.edges` and
        :meth:`GraphStore.adjacent` give them (``{source, target, key, props}``)."""
        self.edge(
            rel,
            node_key(Label.ENTERPRISE, e["source"]),
            node_key(Label.ENTERPRISE, e["target"]),
            key=e["key"],
            props=e["props"],
        )

    def build(self) -> shapes.Subgraph:
        nodes = [dict(self._nodes[k]) for k in sorted(self._nodes)]
        edges = [dict(self._edges[k]) for k in sorted(self._edges)]
        return {
            "nodes": cast(list[shapes.SubgraphNode], nodes),
            "edges": cast(list[shapes.SubgraphEdge], edges),
        }


def fact_edges(
    store: GraphStore, rel: Rel, keys: Iterable[tuple[str, str, str]]
) -> list[dict[str, Any]]:
    """The edge items (as :meth:`GraphStore.adjacent` gives them) of the ``rel`` facts with
    ``(source, target, key)`` ``keys``, read by key: what a walk that read ids only
    (:meth:`GraphStore.adjacent_keys`) draws for the page it shows. Unordered."""
    wanted = sorted({(a, b, k) if k else (a, b) for a, b, k in keys})
    return [edge_item(rel, row) for row in store.fact_rows(edge_table(rel), wanted)]
