"""How each graph-shaped answer is presented: its title, the list beside the graph, the layout.

One function per answer of the query catalogue (docs/queries.md), each pure: answer in,
:class:`Presentation` out. The web layer calls the query, then ``present(kind, answer)``, then
:func:`viz.build_view` with ``presentation.build`` and one of the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chainatlas.viz.style import COOP_KINDS, DISTRICTS, STAGES, short_name

Bi = tuple[str, str]
Item = dict[str, Any]
_DISTRICT = {d[0]: (d[1], d[2]) for d in DISTRICTS}
_STAGE_EN = dict(STAGES)


@dataclass
class Presentation:
    title: Bi
    subtitle: Bi = ("", "")
    panel: list[dict[str, Any]] = field(default_factory=list)
    #: keyword arguments for :func:`viz.build_view` (layout, layers, focus, highlight…)
    build: dict[str, Any] = field(default_factory=dict)


@dataclass
class Names:
    """Names of what answers mention by id: products (from the store, when the web layer
    passes them, else from the answer's graph) and firms (from the answer's graph)."""

    products: Mapping[str, str] = field(default_factory=dict)
    nodes: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, answer: Mapping[str, Any], products: Mapping[str, str] | None = None) -> Names:
        nodes = {
            str(n.get("key")): str(n.get("name") or n.get("id"))
            for n in (answer.get("graph") or {}).get("nodes", [])
        }
        known = {k.split(":", 1)[1]: v for k, v in nodes.items() if k.startswith("Product:")}
        return cls({**known, **(products or {})}, nodes)

    def product(self, id: Any) -> str:
        return str(self.products.get(str(id)) or id)

    def firm(self, id: Any) -> str:
        return self.nodes.get(f"Enterprise:{id}") or str(id)


def _name(x: Mapping[str, Any] | None) -> str:
    if not x:
        return ""
    return str(x.get("name") or x.get("id") or "")


def _amount(value: Any, unit: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text} {unit}" if unit else text


def _district(region_id: Any) -> Bi:
    return _DISTRICT.get(str(region_id), (str(region_id or ""), str(region_id or "")))


def _section(
    heading: Bi, items: list[Item], *, empty: Bi = ("无", "none"), note: Bi | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"heading": heading, "items": items, "count": len(items), "empty": empty}
    if note:
        out["note"] = note
    return out


def _trade_items(rows: Iterable[Mapping[str, Any]]) -> list[Item]:
    items = []
    for r in rows:
        product = r.get("product_name") or r.get("product_id")
        lines: list[Any] = [f"{product} · {_amount(r.get('volume'), r.get('unit'))}".rstrip(" ·")]
        if r.get("since"):
            lines.append((f"始于 {r['since']}", f"since {r['since']}"))
        items.append({"title": _name(r), "key": f"Enterprise:{r['id']}", "lines": lines})
    return items


# -- profiles --------------------------------------------------------------------------------
def enterprise_profile(answer: Mapping[str, Any], names: Names) -> Presentation:
    firm = answer.get("enterprise") or {}
    me = f"Enterprise:{firm.get('id')}"
    region, chain = answer.get("region") or {}, answer.get("chain") or {}
    facts: list[Any] = []
    if region:
        facts.append(
            (
                f"区域：{region.get('name', '')}",
                f"District: {region.get('name_en', region.get('id', ''))}",
            )
        )
    if chain:
        stage = chain.get("stage") or ""
        facts.append(
            (
                f"产业链：{chain.get('name', '')} · {stage}",
                f"Chain: {chain.get('name_en') or chain.get('id')} · {_STAGE_EN.get(stage, stage)}",
            )
        )
    for key, zh, en in (
        ("park", "园区", "Park"),
        ("scale", "规模", "Scale"),
        ("credit_code", "统一社会信用代码", "Credit code"),
    ):
        if firm.get(key):
            facts.append((f"{zh}：{firm[key]}", f"{en}: {firm[key]}"))
    needs = {n.get("product_id"): n for n in answer.get("needs", [])}
    partners = [
        {
            "title": _name(p),
            "key": f"Enterprise:{p['id']}",
            "badge": kind,
            "lines": [(f"{kind}合作", f"{COOP_KINDS.get(kind, (kind, ''))[0]} cooperation")],
        }
        for kind, firms in (answer.get("partners") or {}).items()
        for p in firms
    ]
    unmet = [
        {
            "title": _name(needs.get(pid)) or pid,
            "key": f"Product:{pid}",
            "lines": [
                _amount(needs.get(pid, {}).get("annual_demand"), needs.get(pid, {}).get("unit"))
            ],
        }
        for pid in answer.get("needs_without_local_supply", [])
    ]
    need_items = [
        {
            "title": _name(n) or n.get("product_id"),
            "key": f"Product:{n.get('product_id')}",
            "lines": [
                _amount(n.get("annual_demand"), n.get("unit")),
                (
                    f"本地生产企业 {len(n.get('local_producers', []))} 家",
                    f"{len(n.get('local_producers', []))} local producers",
                ),
            ],
        }
        for n in answer.get("needs", [])
    ]
    made = [
        {
            "title": _name(p) or p.get("product_id"),
            "key": f"Product:{p.get('product_id')}",
            "lines": [_amount(p.get("capacity"), p.get("unit"))],
        }
        for p in answer.get("produces", [])
    ]
    return Presentation(
        title=("企业画像", "Enterprise profile"),
        subtitle=(_name(firm), str(firm.get("id", ""))),
        panel=[
            {"heading": (_name(firm), firm.get("short_name") or ""), "items": [], "facts": facts},
            _section(("供应商", "Suppliers"), _trade_items(answer.get("suppliers", []))),
            _section(("客户", "Customers"), _trade_items(answer.get("customers", []))),
            _section(("合作伙伴", "Partners"), partners),
            _section(("本地无供应的需求（补链）", "Needs without local supply"), unmet),
            _section(("原辅料需求", "Needs"), need_items),
            _section(("产品", "Products"), made),
        ],
        build={"layout": "force", "focus": [me]},
    )


def product_profile(answer: Mapping[str, Any], names: Names) -> Presentation:
    product = answer.get("product") or {}
    me = f"Product:{product.get('id')}"

    def firms(rows: Iterable[Mapping[str, Any]], amount: str) -> list[Item]:
        return [
            {
                "title": _name(r),
                "key": f"Enterprise:{r['id']}",
                "lines": [
                    _amount(r.get("amount", r.get(amount)), r.get("unit")),
                    _district(r.get("region_id")),
                ],
            }
            for r in rows
        ]

    def steps(rows: Iterable[Mapping[str, Any]]) -> list[Item]:
        return [
            {
                "title": _name(r),
                "key": f"Product:{r['id']}",
                "lines": [r["note"]] if r.get("note") else [],
            }
            for r in rows
        ]

    facts = [
        (f"{zh}：{product[k]}", f"{en}: {product[k]}")
        for k, zh, en in (
            ("cas", "CAS 号", "CAS"),
            ("hs_code", "HS 编码", "HS code"),
            ("stage", "环节", "Stage"),
        )
        if product.get(k)
    ]
    return Presentation(
        title=("产品画像", "Product profile"),
        subtitle=(_name(product), str(product.get("name_en") or product.get("id", ""))),
        panel=[
            {
                "heading": (_name(product), product.get("name_en") or ""),
                "items": [],
                "facts": facts,
            },
            _section(
                ("生产企业", "Producers"),
                firms(answer.get("producers", []), "capacity"),
                empty=("本地无生产企业（补链目标）", "No producer in the map (a gap)"),
            ),
            _section(
                ("需求企业", "Consumers"), firms(answer.get("consumers", []), "annual_demand")
            ),
            _section(("原料", "Made from"), steps(answer.get("inputs", []))),
            _section(("下游产品", "Goes into"), steps(answer.get("outputs", []))),
        ],
        build={"layout": "force", "focus": [me]},
    )


# -- matchmaking -----------------------------------------------------------------------------
def match(answer: Mapping[str, Any], names: Names) -> Presentation:
    firm = answer.get("enterprise") or {}
    suppliers = answer.get("side", "suppliers") == "suppliers"
    candidates = answer.get("candidates", [])
    items = []
    for rank, c in enumerate(candidates, 1):
        lines: list[Any] = [
            (
                f"产品：{c.get('product_name') or c.get('product_id')} · 得分 {c.get('score')}",
                f"product: {c.get('product_id')} · score {c.get('score')}",
            )
        ]
        lines.append(_district(c.get("region_id")))
        lines += [(r.get("zh", ""), r.get("en", "")) for r in c.get("reasons", [])]
        items.append(
            {
                "title": _name(c),
                "key": f"Enterprise:{c['id']}",
                "badge": rank,
                "lines": lines,
                "score": c.get("score"),
            }
        )
    wanted = answer.get("needs" if suppliers else "products", [])
    title = (
        ("供应商匹配", "Supplier matchmaking") if suppliers else ("客户匹配", "Buyer matchmaking")
    )
    what = "、".join(_name(w) or str(w.get("product_id")) for w in wanted[:6])
    return Presentation(
        title=title,
        subtitle=(f"{_name(firm)}：{what}", str(firm.get("id", ""))),
        panel=[
            _section(
                (
                    "候选供应商" if suppliers else "候选客户",
                    "Candidate suppliers" if suppliers else "Candidate buyers",
                ),
                items,
                empty=("没有候选企业", "No candidates"),
                note=(
                    "按得分排序；理由说明每一项加分。",
                    "Best first; the reasons explain the score.",
                ),
            )
        ],
        build={
            "layout": "force",
            "focus": [f"Enterprise:{firm.get('id')}"],
            "highlight": [f"Enterprise:{c['id']}" for c in candidates],
        },
    )


# -- paths, routes, tiers --------------------------------------------------------------------
def _path_layers(sequences: Iterable[list[str]], label: str) -> dict[str, int]:
    """Column of each node: its furthest position on any path, so every path reads left to
    right and the target sits at the far end."""
    layers: dict[str, int] = {}
    for seq in sequences:
        for i, node in enumerate(seq):
            key = f"{label}:{node}"
            layers[key] = max(layers.get(key, 0), i)
    return layers


def _hop_titles(layers: Mapping[str, int], first: Bi, last: Bi, step: Bi) -> dict[int, Bi]:
    top = max(layers.values(), default=0)
    titles = {i: (f"{step[0]} {i}", f"{step[1]} {i}") for i in range(1, top)}
    titles[0], titles[top] = first, last
    return titles


def supply_paths(answer: Mapping[str, Any], names: Names) -> Presentation:
    src, dst = answer.get("source") or {}, answer.get("target") or {}
    paths = answer.get("paths", [])
    items = []
    for i, p in enumerate(paths, 1):
        hops = p.get("hops", [])
        lines: list[Any] = [
            (f"{p.get('length', len(hops))} 跳", f"{p.get('length', len(hops))} hops")
        ]
        lines += [
            f"{short_name(names.firm(h.get('from')))} → {short_name(names.firm(h.get('to')))} · "
            f"{h.get('product_name') or names.product(h.get('product_id'))}"
            for h in hops
        ]
        items.append(
            {
                "title": " → ".join(short_name(names.firm(n)) for n in p.get("nodes", [])),
                "badge": i,
                "lines": lines,
                "keys": [f"Enterprise:{n}" for n in p.get("nodes", [])],
            }
        )
    layers = _path_layers((p.get("nodes", []) for p in paths), "Enterprise")
    return Presentation(
        title=("供应路径", "Supply paths"),
        subtitle=(f"{_name(src)} → {_name(dst)}", f"{src.get('id', '')} → {dst.get('id', '')}"),
        panel=[_section(("路径", "Paths"), items, empty=("没有路径", "No path"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": _hop_titles(layers, ("起点", "from"), ("终点", "to"), ("第", "hop")),
            "focus": [f"Enterprise:{src.get('id')}", f"Enterprise:{dst.get('id')}"],
            "highlight": sorted(layers),
        },
    )


def routes(answer: Mapping[str, Any], names: Names) -> Presentation:
    src, dst = answer.get("source") or {}, answer.get("target") or {}
    found = answer.get("routes", [])
    makers = answer.get("producers") or {}
    items = []
    for i, r in enumerate(found, 1):
        steps = [names.product(n) for n in r.get("nodes", [])]
        lines: list[Any] = [(f"{r.get('length')} 步", f"{r.get('length')} steps")]
        lines += [
            (
                f"{names.product(n)}：本地生产企业 {len(makers.get(n, []))} 家",
                f"{n}: {len(makers.get(n, []))} local producers",
            )
            for n in r.get("nodes", [])
        ]
        items.append(
            {
                "title": " → ".join(steps),
                "badge": i,
                "lines": lines,
                "keys": [f"Product:{n}" for n in r.get("nodes", [])],
            }
        )
    layers = _path_layers((r.get("nodes", []) for r in found), "Product")
    return Presentation(
        title=("工艺路线", "Process routes"),
        subtitle=(f"{_name(src)} → {_name(dst)}", f"{src.get('id', '')} → {dst.get('id', '')}"),
        panel=[_section(("路线", "Routes"), items, empty=("没有路线", "No route"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": _hop_titles(
                layers, ("原料", "material"), ("产品", "product"), ("工序", "step")
            ),
            "focus": [f"Product:{src.get('id')}", f"Product:{dst.get('id')}"],
        },
    )


def tiers(answer: Mapping[str, Any], names: Names) -> Presentation:
    root = answer.get("root") or {}
    label = root.get("label", "Enterprise")
    up = answer.get("direction", "upstream") == "upstream"
    sign = -1 if up else 1
    layers = {f"{label}:{root.get('id')}": 0}
    sections: dict[int, list[Item]] = {}
    for n in answer.get("nodes", []):
        layers[f"{n['label']}:{n['id']}"] = sign * int(n["tier"])
        of = names.firm if n["label"] == "Enterprise" else names.product
        via = "、".join(short_name(of(v)) for v in n.get("via", []))
        lines: list[Any] = [(f"经由 {via}", f"via {via}")] if via else []
        if n.get("products"):
            lines.append("、".join(names.product(p) for p in n["products"]))
        sections.setdefault(int(n["tier"]), []).append(
            {"title": _name(n), "key": f"{n['label']}:{n['id']}", "lines": lines}
        )
    firm = label == "Enterprise"
    word = (
        (("供应商", "suppliers") if up else ("客户", "customers"))
        if firm
        else (("原料", "inputs") if up else ("下游产品", "outputs"))
    )
    titles = {sign * t: (f"{t} 级{word[0]}", f"tier {t} {word[1]}") for t in sections}
    titles[0] = (_name(root), str(root.get("id", "")))
    return Presentation(
        title=(
            f"{'上游' if up else '下游'}{word[0]}层级",
            f"{'Upstream' if up else 'Downstream'} tiers",
        ),
        subtitle=(_name(root), str(root.get("id", ""))),
        panel=[
            _section((f"第 {t} 级", f"Tier {t}"), items) for t, items in sorted(sections.items())
        ]
        or [_section(("层级", "Tiers"), [], empty=("没有上下游", "Nothing linked"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": titles,
            "focus": [f"{label}:{root.get('id')}"],
        },
    )


# -- chains and weak links -------------------------------------------------------------------
def chain(answer: Mapping[str, Any], names: Names) -> Presentation:
    head = answer.get("chain") or {}
    cov = answer.get("coverage") or {}
    facts: list[Any] = []
    for st in answer.get("stages", []):
        firms, products = len(st.get("firms", [])), len(st.get("products", []))
        facts.append(
            (
                f"{st.get('stage')}：企业 {firms}，产品 {products}",
                f"{st.get('stage_en')}: {firms} firms, {products} products",
            )
        )
    if cov.get("needs"):
        share = cov.get("producible_share") or 0
        facts.append(
            (
                f"本地可供需求占比 {share:.0%}（{cov.get('producible')}/{cov.get('needs')}）",
                f"needs the map can meet: {share:.0%} ({cov.get('producible')}/{cov.get('needs')})",
            )
        )
    regions = [
        {
            "title": f"{r.get('name') or r.get('region_id')}",
            "lines": [
                (f"企业 {r.get('firms')} 家", f"{r.get('firms')} firms"),
                " · ".join(f"{k} {v}" for k, v in (r.get("by_stage") or {}).items()),
            ],
        }
        for r in answer.get("regions", [])
    ]
    links = [
        {
            "title": f"{ln.get('from')} → {ln.get('to')}",
            "badge": ln.get("edges"),
            "lines": ["、".join(names.product(p) for p in ln.get("products", [])[:12])],
        }
        for ln in answer.get("links", [])
    ]
    unmet = [
        {
            "title": names.product(u.get("product_id")),
            "key": f"Product:{u.get('product_id')}",
            "lines": [(f"{u.get('firms')} 家企业需要", f"needed by {u.get('firms')} firms")],
        }
        for u in cov.get("unmet", [])
    ]
    return Presentation(
        title=("产业链全景", "Chain panorama"),
        subtitle=(str(head.get("name", "")), str(head.get("name_en") or head.get("id", ""))),
        panel=[
            {
                "heading": (str(head.get("name", "")), str(head.get("name_en") or "")),
                "items": [],
                "facts": facts,
            },
            _section(("区域", "Districts"), regions),
            _section(("环节间供应", "Supply between stages"), links),
            _section(("本地无供应的需求（补链）", "Needs without local supply"), unmet),
        ],
        build={"layout": "stages", "hide_rels": ["IN_CHAIN", "PRODUCES"]},
    )


def _demand(gap: Mapping[str, Any]) -> str:
    return _amount(gap.get("demand_base"), gap.get("base_unit"))


def gaps(answer: Mapping[str, Any], names: Names) -> Presentation:
    items = [
        {
            "title": _name(g) or g.get("product_id"),
            "title_en": g.get("name_en"),
            "key": f"Product:{g.get('product_id')}",
            "badge": g.get("firms"),
            "lines": [
                (
                    f"{g.get('firms')} 家企业需要 · 年需求 {_demand(g)}",
                    f"needed by {g.get('firms')} firms · {_demand(g)} a year",
                ),
                "、".join(_name(f) for f in g.get("needed_by", [])[:8]),
            ],
        }
        for g in answer.get("gaps", [])
    ]
    total = answer.get("total", len(items))
    return Presentation(
        title=("补链目标", "Gaps: needs without local supply"),
        subtitle=(f"共 {total} 种产品本地无人生产", f"{total} products no firm in the map makes"),
        panel=[
            _section(
                ("缺口产品", "Gap products"),
                items,
                empty=("没有缺口", "No gaps"),
                note=("需求企业越多越靠前。", "Most firms first."),
            )
        ],
        build={"layout": "force", "highlight": [i["key"] for i in items]},
    )


def single_source(answer: Mapping[str, Any], names: Names) -> Presentation:
    items = [
        {
            "title": _name(p) or p.get("product_id"),
            "key": f"Product:{p.get('product_id')}",
            "badge": p.get("consumers"),
            "lines": [
                (
                    f"唯一生产企业：{_name(p.get('producer'))}",
                    f"only producer: {(p.get('producer') or {}).get('id')}",
                ),
                (f"{p.get('consumers')} 家企业需要", f"needed by {p.get('consumers')} firms"),
            ],
        }
        for p in answer.get("products", [])
    ]
    return Presentation(
        title=("单一来源产品", "Single-source products"),
        subtitle=(
            f"共 {answer.get('total', len(items))} 种",
            f"{answer.get('total', len(items))} products",
        ),
        panel=[_section(("产品", "Products"), items, empty=("没有单一来源产品", "None"))],
        build={"layout": "force", "highlight": [i["key"] for i in items]},
    )


def impact(answer: Mapping[str, Any], names: Names) -> Presentation:
    removed = answer.get("removed") or {}
    gone = f"{removed.get('label', 'Enterprise')}:{removed.get('id')}"
    layers = {gone: 0}
    by_tier: dict[int, list[Item]] = {}
    for a in answer.get("affected", []):
        layers[f"Enterprise:{a['id']}"] = int(a["tier"])
        lost = "、".join(names.product(x.get("product_id")) for x in a.get("lost", []))
        by_tier.setdefault(int(a["tier"]), []).append(
            {
                "title": _name(a),
                "key": f"Enterprise:{a['id']}",
                "lines": [
                    (f"失去全部供应：{lost}", f"loses every supplier of: {lost}"),
                    _district(a.get("region_id")),
                ],
            }
        )
    titles = {t: (f"第 {t} 级受影响", f"tier {t} affected") for t in by_tier}
    titles[0] = ("停供", "removed")
    total = len(answer.get("affected", []))
    return Presentation(
        title=("断供影响", "Disruption impact"),
        subtitle=(
            f"{_name(removed)} 停供：{total} 家企业受影响",
            f"if {removed.get('id')} stops: {total} firms affected",
        ),
        panel=[_section((f"第 {t} 级", f"Tier {t}"), items) for t, items in sorted(by_tier.items())]
        or [
            _section(
                ("受影响企业", "Affected firms"),
                [],
                empty=("没有企业失去全部供应", "No firm loses every supplier"),
            )
        ],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": titles,
            "focus": [gone],
            "highlight": [k for k in layers if k != gone],
        },
    )


PRESENTERS: dict[str, Callable[[Mapping[str, Any], Names], Presentation]] = {
    "enterprise": enterprise_profile,
    "product": product_profile,
    "match": match,
    "supply_paths": supply_paths,
    "routes": routes,
    "tiers": tiers,
    "chain": chain,
    "gaps": gaps,
    "single_source": single_source,
    "impact": impact,
}


def present(
    kind: str, answer: Mapping[str, Any], products: Mapping[str, str] | None = None
) -> Presentation:
    """The presentation of an answer of ``kind`` (a key of :data:`PRESENTERS`); ``products``
    names products by id where the answer only gives ids."""
    return PRESENTERS[kind](answer, Names.of(answer, products))
