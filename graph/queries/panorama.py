"""The whole panorama (全景图) as one subgraph: every firm, every supply relation, and what the
map buys from outside itself.

:func:`panorama` answers the all-chains map (``chain_id=None``) and one chain's map:

- **nodes**: the firms (all of them, or the chain's members), the chain's products, the chains;
  for a chain, also the firms of *other* chains that supply its firms (``cross_chain``);
- **edges**: every SUPPLIES edge between drawn firms (a SUPPLIES edge whose two firms belong
  to different chains, or to none, carries ``"cross_chain": true``), IN_CHAIN and PRODUCES
  (the map hides those at first);
- **outside sources** (外部): one node ``Outside:<product>`` per product the drawn firms need
  that no firm in the map produces, with an ``OUTSIDE`` edge to each firm needing it (its
  annual demand on the edge). These products are bought from outside the map, so the picture
  shows the cluster's dependency on the outside.

A pure function of the store (and the day): it can be cached per graph version. Nodes are
ordered by key, edges by ``(source, target, rel, key)`` as every subgraph. The map page and
the briefing draw it folded where it is read (:mod:`graph.queries.map_fold`), which never
holds a province's whole panorama, and draws this one when nothing folds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.subgraph import EDGE_FIELDS, NODE_FIELDS, node_key
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store import GraphStore
from chainatlas.graph.store_counts import crosses_chains

#: the label of an outside source node (a view-only node: it is not stored)
OUTSIDE = "Outside"
#: the relationship from an outside source to a firm needing its product (view-only)
OUTSIDE_REL = "OUTSIDE"


def node_entry(label: str, props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A panorama's node of ``label`` from ``props`` (the fields it draws, and ``extra``)."""
    out = {"key": node_key(label, props["id"]), "label": label, "id": props["id"]}
    out.update({f: props[f] for f in NODE_FIELDS if props.get(f) is not None})
    out.update(extra)
    return out


def _edge(rel: Rel, source: str, target: str, key: str, props: dict[str, Any]) -> dict[str, Any]:
    kept = {f: props[f] for f in EDGE_FIELDS[rel] if props.get(f) is not None}
    return {"source": source, "target": target, "rel": rel.value, "key": key, "props": kept}


def crosses(chain_of: dict[str, Any], source: str, target: str) -> bool:
    """Whether a supply from firm ``source`` to firm ``target`` crosses chains (or either
    firm is in none), by each firm's chain in ``chain_of``."""
    return crosses_chains(chain_of.get(source), chain_of.get(target))


def supply_edge(e: dict[str, Any], chain_of: dict[str, Any]) -> dict[str, Any]:
    """A panorama's SUPPLIES edge from the store's edge ``e``, ``cross_chain`` when it
    :func:`crosses`."""
    edge = _edge(
        Rel.SUPPLIES,
        node_key(Label.ENTERPRISE, e["source"]),
        node_key(Label.ENTERPRISE, e["target"]),
        e["key"],
        e["props"],
    )
    if crosses(chain_of, e["source"], e["target"]):
        edge["cross_chain"] = True
    return edge


def in_chain_edge(label: Label, member: dict[str, Any]) -> dict[str, Any]:
    """A panorama's IN_CHAIN edge from a chain's ``member`` (a firm or product) to its chain."""
    return _edge(
        Rel.IN_CHAIN,
        node_key(label, member["id"]),
        node_key(Label.CHAIN, member["chain_id"]),
        "",
        {"stage": member.get("stage")},
    )


def produces_edge(e: dict[str, Any]) -> dict[str, Any]:
    """A panorama's PRODUCES edge from the store's edge ``e``."""
    return _edge(
        Rel.PRODUCES,
        node_key(Label.ENTERPRISE, e["source"]),
        node_key(Label.PRODUCT, e["target"]),
        "",
        e["props"],
    )


def outside_sources(
    store: GraphStore, firm_ids: Iterable[str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Outside source nodes and their ``OUTSIDE`` edges for the products that firms in
    ``firm_ids`` (default: every firm) need and no firm in the map produces.

    A node ``{key: "Outside:fluorspar", label: "Outside", id, name: "外部 · 萤石", name_en,
    product_id}``; an edge to each needing firm with its ``annual_demand``, ``unit``,
    ``demand_base`` and ``base_unit``.
    """
    unmade = [
        c["product_id"] for c in store.product_counts() if c["consumers"] and not c["producers"]
    ]
    wanted = set(firm_ids) if firm_ids is not None else None
    needs = [
        e
        for e in store.adjacent(Rel.NEEDS, unmade, direction="in")
        if wanted is None or e["source"] in wanted
    ]
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, {e["target"] for e in needs})}
    nodes, edges = [], []
    for pid in sorted(products):
        p = products[pid]
        nodes.append(
            {
                "key": node_key(OUTSIDE, pid),
                "label": OUTSIDE,
                "id": pid,
                "name": f"外部 · {p.get('name') or pid}",
                "name_en": f"Outside · {p.get('name_en') or pid}",
                "product_id": pid,
            }
        )
    for e in needs:
        props = {f: e["props"][f] for f in EDGE_FIELDS[Rel.NEEDS] if e["props"].get(f) is not None}
        edges.append(
            {
                "source": node_key(OUTSIDE, e["target"]),
                "target": node_key(Label.ENTERPRISE, e["source"]),
                "rel": OUTSIDE_REL,
                "key": e["target"],
                "props": {"product_id": e["target"], **props},
            }
        )
    return nodes, edges


def panorama(
    store: GraphStore, *, chain_id: str | None = None, as_of: date | None = None
) -> Subgraph:
    """The map of every chain (``chain_id=None``) or of one chain, with cross-chain links
    and outside sources (the module says what is drawn). :class:`UnknownEntity` for an
    unknown chain."""
    store = on_day(store, as_of)
    chains = store.nodes(Label.CHAIN)
    if chain_id is None:
        firms = store.nodes(Label.ENTERPRISE)
        products = [p for p in store.nodes(Label.PRODUCT) if p.get("chain_id")]
        supplies = store.edges(Rel.SUPPLIES)
        shown_chains = chains
    else:
        members = store.chain_members(chain_id)
        firms = [m for m in members if m["label"] == Label.ENTERPRISE.value]
        products = [m for m in members if m["label"] == Label.PRODUCT.value]
        supplies = store.adjacent(Rel.SUPPLIES, [f["id"] for f in firms], direction="in")
        shown_chains = [c for c in chains if c["id"] == chain_id]
    chain_of = {f["id"]: f.get("chain_id") for f in firms}
    own = set(chain_of)
    outsiders = sorted({e["source"] for e in supplies} - set(chain_of))
    nodes: dict[str, dict[str, Any]] = {}
    for c in shown_chains:
        n = node_entry(Label.CHAIN.value, c)
        nodes[n["key"]] = n
    for f in firms:
        n = node_entry(Label.ENTERPRISE.value, f)
        nodes[n["key"]] = n
    for f in store.nodes(Label.ENTERPRISE, outsiders):
        n = node_entry(Label.ENTERPRISE.value, f, cross_chain=True)
        chain_of[f["id"]] = f.get("chain_id")
        nodes[n["key"]] = n
    for p in products:
        n = node_entry(Label.PRODUCT.value, p)
        nodes[n["key"]] = n
    edges = [supply_edge(e, chain_of) for e in supplies]
    drawn_chains = {c["id"] for c in shown_chains}
    for label, members in ((Label.ENTERPRISE, firms), (Label.PRODUCT, products)):
        edges += [in_chain_edge(label, m) for m in members if m.get("chain_id") in drawn_chains]
    in_map = {p["id"] for p in products}
    for e in store.adjacent(Rel.PRODUCES, [f["id"] for f in firms], direction="out"):
        if e["target"] in in_map:
            edges.append(produces_edge(e))
    out_nodes, out_edges = outside_sources(store, None if chain_id is None else own)
    for n in out_nodes:
        nodes[n["key"]] = n
    edges += [e for e in out_edges if e["target"] in nodes]
    edges.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
    return cast(Subgraph, {"nodes": [nodes[k] for k in sorted(nodes)], "edges": edges})


def drawn_counts(graph: Subgraph) -> dict[str, int]:
    """How many supply relations a panorama draws, how many cross chains, how many outside
    sources feed it: ``{supplies, cross_chain, outside_sources, outside_links}``."""
    count: dict[str, int] = defaultdict(int)
    for e in graph["edges"]:
        if e["rel"] == Rel.SUPPLIES.value:
            count["supplies"] += 1
            count["cross_chain"] += bool(cast(dict[str, Any], e).get("cross_chain"))
        elif e["rel"] == OUTSIDE_REL:
            count["outside_links"] += 1
    count["outside_sources"] = sum(1 for n in graph["nodes"] if n["label"] == OUTSIDE)
    return {k: count[k] for k in ("supplies", "cross_chain", "outside_sources", "outside_links")}
