"""Hand-made subgraphs in the shared answer shape (docs/queries.md): the reference network,
one whose names are attacks, and synthetic ones of any size."""

from __future__ import annotations

import random
from typing import Any

from chainatlas.graph.model import Stage
from chainatlas.graph.vocab import DISTRICTS
from tests.support import reference as R

XSS_FIRM = "<img src=x onerror=alert(1)>"
XSS_PRODUCT = "</script><script>alert(2)</script>"
XSS_CHAIN = "<!--<script>alert(3)</script>"


def _node(label: str, row: dict[str, Any]) -> dict[str, Any]:
    keep = ("name", "name_en", "region_id", "chain_id", "stage")
    return {
        "key": f"{label}:{row['id']}",
        "label": label,
        "id": row["id"],
        **{k: row[k] for k in keep if row.get(k) is not None},
    }


def _edge(rel: str, source: str, target: str, key: str = "", **props: Any) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "rel": rel,
        "key": key,
        "props": {k: v for k, v in props.items() if v is not None},
    }


def _sorted(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "nodes": sorted(nodes, key=lambda n: n["key"]),
        "edges": sorted(edges, key=lambda e: (e["source"], e["target"], e["rel"], e["key"])),
    }


def ref_subgraph() -> dict[str, Any]:
    """The whole reference network: 2 chains, 3 regions, 7 products, 7 firms."""
    nodes = [_node("Chain", c) for c in R.CHAINS] + [_node("Region", r) for r in R.REGIONS]
    nodes += [_node("Product", p) for p in R.PRODUCTS] + [
        _node("Enterprise", e) for e in R.ENTERPRISES
    ]
    E, P = "Enterprise:", "Product:"
    edges = [
        _edge(
            "SUPPLIES",
            E + s["supplier_id"],
            E + s["buyer_id"],
            s["product_id"],
            product_id=s["product_id"],
            volume=s["volume"],
            unit=s["unit"],
            since=s["since"],
        )
        for s in R.SUPPLIES
    ]
    edges += [
        _edge(
            "COOPERATES",
            E + c["from_id"],
            E + c["to_id"],
            c["kind"],
            kind=c["kind"],
            since=c.get("since"),
            note=c.get("note"),
        )
        for c in R.COOPERATIONS
    ]
    edges += [
        _edge(
            "PRODUCES",
            E + r["enterprise_id"],
            P + r["product_id"],
            capacity=r["capacity"],
            unit=r["unit"],
        )
        for r in R.PRODUCES
    ]
    edges += [
        _edge(
            "NEEDS",
            E + r["enterprise_id"],
            P + r["product_id"],
            annual_demand=r["annual_demand"],
            unit=r["unit"],
        )
        for r in R.NEEDS
    ]
    edges += [_edge("INPUT_TO", P + r["input_id"], P + r["output_id"]) for r in R.PRODUCT_INPUTS]
    edges += [_edge("LOCATED_IN", E + e["id"], "Region:" + e["region_id"]) for e in R.ENTERPRISES]
    edges += [
        _edge("IN_CHAIN", E + e["id"], "Chain:" + e["chain_id"], stage=e["stage"])
        for e in R.ENTERPRISES
    ]
    return _sorted(nodes, edges)


def hostile_subgraph() -> dict[str, Any]:
    """A firm, a product and a chain whose names are attacks, linked to each other."""
    nodes = [
        {
            "key": "Enterprise:X1",
            "label": "Enterprise",
            "id": "X1",
            "name": XSS_FIRM,
            "region_id": "shangyu",
            "chain_id": "evil",
            "stage": "中游",
        },
        {
            "key": "Enterprise:X2",
            "label": "Enterprise",
            "id": "X2",
            "name": "正常企业有限公司",
            "region_id": "keqiao",
            "chain_id": "evil",
            "stage": "下游",
        },
        {
            "key": "Product:p1",
            "label": "Product",
            "id": "p1",
            "name": XSS_PRODUCT,
            "name_en": "\u2028</SCRIPT>",
            "chain_id": "evil",
            "stage": "中游",
        },
        {"key": "Chain:evil", "label": "Chain", "id": "evil", "name": XSS_CHAIN, "name_en": "x&y"},
    ]
    edges = [
        _edge(
            "SUPPLIES", "Enterprise:X1", "Enterprise:X2", "p1", product_id="p1", volume=10, unit="t"
        ),
        _edge("PRODUCES", "Enterprise:X1", "Product:p1"),
        _edge("COOPERATES", "Enterprise:X1", "Enterprise:X2", XSS_FIRM, kind=XSS_FIRM),
    ]
    return _sorted(nodes, edges)


DISTRICT_IDS = tuple(d.id for d in DISTRICTS)
STAGE_NAMES = tuple(s.value for s in Stage)


def synthetic_subgraph(
    firms: int, products: int, *, seed: int = 1, chains: int = 4
) -> dict[str, Any]:
    """A seeded network: firms spread over three districts and ``chains`` chains, each making
    two products and needing two, each supplying about two others."""
    rnd = random.Random(seed)
    nodes = [
        {
            "key": f"Chain:c{i}",
            "label": "Chain",
            "id": f"c{i}",
            "name": f"链{i}",
            "name_en": f"Chain {i}",
        }
        for i in range(chains)
    ]
    for i in range(products):
        nodes.append(
            {
                "key": f"Product:p{i:05d}",
                "label": "Product",
                "id": f"p{i:05d}",
                "name": f"产品{i}",
                "chain_id": f"c{i % chains}",
                "stage": STAGE_NAMES[i % 3],
            }
        )
    for i in range(firms):
        nodes.append(
            {
                "key": f"Enterprise:F{i:05d}",
                "label": "Enterprise",
                "id": f"F{i:05d}",
                "name": f"浙江测试{i}化工有限公司",
                "region_id": DISTRICT_IDS[i % 3],
                "chain_id": f"c{i % chains}",
                "stage": STAGE_NAMES[(i // 3) % 3],
            }
        )
    edges = []
    for i in range(firms):
        me = f"Enterprise:F{i:05d}"
        for p in rnd.sample(range(products), 2):
            edges.append(_edge("PRODUCES", me, f"Product:p{p:05d}", capacity=1000, unit="t"))
        for p in rnd.sample(range(products), 2):
            edges.append(_edge("NEEDS", me, f"Product:p{p:05d}", annual_demand=100, unit="t"))
        for j in rnd.sample(range(firms), 2):
            if j != i:
                pid = f"p{rnd.randrange(products):05d}"
                edges.append(
                    _edge(
                        "SUPPLIES",
                        me,
                        f"Enterprise:F{j:05d}",
                        pid,
                        product_id=pid,
                        volume=rnd.randint(10, 50000),
                        unit="t",
                    )
                )
    unique = {(e["source"], e["target"], e["rel"], e["key"]): e for e in edges}
    return _sorted(nodes, list(unique.values()))


# -- the factories keep the shared shape -----------------------------------------------------
