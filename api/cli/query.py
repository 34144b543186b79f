"""Query commands: ``search``, ``match suppliers|buyers``, ``paths supply|route``, ``gaps``,
``impact``, ``export``.

Each calls the same query function as the HTTP route, prints a readable table (Chinese first,
English beside) or, with ``--json``, the query's answer as the API returns it. ``--data
BUNDLE`` reads a bundle directly, like ``stats``. The operator at a terminal sees everything,
contacts included. Registered on the app in :mod:`chainatlas.api.cli.app`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from chainatlas.api.cli.common import (
    AsOfOpt,
    DataOpt,
    JsonOpt,
    emit_json,
    opened,
    out,
    store_on_day,
)
from chainatlas.api.cli.options import (
    ExcludeOpt,
    ExcludeWhomOpt,
    HopsOpt,
    KOpt,
    LimitOpt,
    ProductOpt,
    RegionOpt,
    StepsOpt,
)
from chainatlas.api.cli.output import CsvOpt, OffsetOpt, XlsxOpt, write_files
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import Match
from chainatlas.graph.queries.matching import excluding, match_buyers, match_suppliers
from chainatlas.graph.queries.paths import product_routes, supply_paths
from chainatlas.graph.queries.reasons import plain
from chainatlas.graph.queries.risk import gaps as gaps_query
from chainatlas.graph.queries.risk import impact as impact_query
from chainatlas.graph.queries.search import SEARCHABLE
from chainatlas.graph.queries.search import search as search_query
from chainatlas.graph.settings import get_settings
from chainatlas.graph.store import ROUTE_MAX_HOPS
from chainatlas.graph.tables import tabulate


@contextmanager
def _options() -> Iterator[None]:
    """A query refusing its options is a usage error (exit 2), like a bad option."""
    try:
        yield
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def _table(title: str, *columns: str) -> RichTable:
    table = RichTable(title=title, title_justify="left")
    for c in columns:
        table.add_column(
            c,
            justify="right" if c.endswith(("Score", "Count", "Tier", "Hops", "Firms")) else "left",
        )
    return table


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value, 6)  # as :g, but never an exponent
    return str(value)


def _name(item: Mapping[str, Any]) -> str:
    """``中文名 English name`` as far as known."""
    return " ".join(str(p) for p in (item.get("name"), item.get("name_en")) if p)


# -- search ---------------------------------------------------------------------------------
class Kind(StrEnum):
    enterprise = "enterprise"
    product = "product"


def search(
    q: Annotated[
        str, typer.Argument(help="Name, alias, pinyin or initials, CAS number, credit code.")
    ],
    kind: Annotated[list[Kind] | None, typer.Option("--kind", help="Only this kind.")] = None,
    limit: LimitOpt = 20,
    as_of: AsOfOpt = None,
    offset: OffsetOpt = 0,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Find firms and products 搜索企业和产品 (firms in the map on ``--as-of``, default today)."""
    kinds = [Label(k.value.capitalize()) for k in kind] if kind else SEARCHABLE
    with store_on_day(opened(data), as_of) as store, _options():
        hits = search_query(store, q, limit=offset + limit, kinds=kinds)[offset:]
    if write_files(tabulate("search", {"items": hits}), csv, xlsx, "search"):
        return
    if json_out:
        emit_json(hits)
        return
    table = _table(
        f"搜索 Search: {q}", "类型 Kind", "编号 Id", "名称 Name", "匹配 Match", "得分 Score"
    )
    for h in hits:
        table.add_row(h["label"], h["id"], _name(h), h["matched"], _s(h["score"]))
    out.print(table)


# -- match ----------------------------------------------------------------------------------
match_app = typer.Typer(
    help="Matchmaking 供需匹配: candidate suppliers or buyers with scores and reasons.",
    no_args_is_help=True,
)


def _print_match(answer: Match, title: str) -> None:
    table = _table(title, "得分 Score", "产品 Product", "企业 Firm", "区域 Region", "理由 Reasons")
    for c in answer["candidates"]:
        reasons = "\n".join(f"{r['zh']} / {r['en']}" for r in c.get("reasons", []))
        product = f"{c.get('product_name') or ''} ({c['product_id']})"
        table.add_row(
            _s(c["score"]),
            product,
            f"{c.get('name', '')} ({c['id']})",
            _s(c.get("region_id")),
            reasons,
        )
    out.print(table)


@match_app.command("suppliers")
def suppliers(
    enterprise: Annotated[str, typer.Argument(help="The buying firm (id).")],
    product: ProductOpt = None,
    region: RegionOpt = None,
    exclude_current: ExcludeOpt = False,
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    exclude: ExcludeWhomOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Who can supply what a firm needs 找供应商."""
    _match(
        match_suppliers,
        "供应商候选 Candidate suppliers",
        enterprise,
        product,
        region,
        (exclude, exclude_current),
        (limit, offset),
        as_of,
        json_out,
        data,
        (csv, xlsx),
    )


@match_app.command("buyers")
def buyers(
    enterprise: Annotated[str, typer.Argument(help="The selling firm (id).")],
    product: ProductOpt = None,
    region: RegionOpt = None,
    exclude_current: ExcludeOpt = False,
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    exclude: ExcludeWhomOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Who needs what a firm makes 找采购方."""
    _match(
        match_buyers,
        "采购方候选 Candidate buyers",
        enterprise,
        product,
        region,
        (exclude, exclude_current),
        (limit, offset),
        as_of,
        json_out,
        data,
        (csv, xlsx),
    )


def _match(
    query: Callable[..., Match],
    title: str,
    enterprise: str,
    product: str | None,
    region: str | None,
    whom: tuple[str | None, bool],
    window: tuple[int, int],
    as_of: datetime | None,
    json_out: bool,
    data: Path | None,
    files: tuple[Path | None, Path | None] = (None, None),
) -> None:
    settings = get_settings()
    with store_on_day(opened(data), as_of) as store, _options():
        answer = query(
            store,
            enterprise,
            product_id=product,
            region=region,
            exclude=excluding(*whom),  # the options exclude and exclude_current
            limit=window[0],
            offset=window[1],
            weights=settings.match_weights,
        )
    if write_files(tabulate("match", answer), *files, "match"):
        return
    if json_out:
        emit_json(answer)
        return
    _print_match(answer, f"{title} for {_name(answer['enterprise'])}")


# -- paths ----------------------------------------------------------------------------------
paths_app = typer.Typer(
    help="Paths 路径: supply paths between firms, process routes between products.",
    no_args_is_help=True,
)


@paths_app.command("supply")
def supply(
    source: Annotated[str, typer.Argument(help="Supplying firm (id).")],
    target: Annotated[str, typer.Argument(help="Receiving firm (id).")],
    k: KOpt = 5,
    max_hops: HopsOpt = 4,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Supply paths from one firm to another 供应路径."""
    with store_on_day(opened(data), as_of) as store, _options():
        answer = supply_paths(store, source, target, k=k, max_hops=max_hops)
    if write_files(tabulate("supply_paths", answer), csv, xlsx, "supply_paths"):
        return
    if json_out:
        emit_json(answer)
        return
    table = _table(
        f"供应路径 Supply paths: {_name(answer['source'])} → {_name(answer['target'])}",
        "#",
        "跳数 Hops",
        "路径 Path",
    )
    for i, p in enumerate(answer["paths"], 1):
        steps = [p["nodes"][0]] + [
            f"─{h.get('product_name') or h['product_id']}→ {h['to']}" for h in p["hops"]
        ]
        table.add_row(str(i), str(p["length"]), " ".join(steps))
    out.print(table)


@paths_app.command("route")
def route(
    source: Annotated[str, typer.Argument(help="Material (product id).")],
    target: Annotated[str, typer.Argument(help="Product (id).")],
    k: KOpt = 5,
    max_hops: StepsOpt = ROUTE_MAX_HOPS,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """How a material becomes a product 工艺路线."""
    with store_on_day(opened(data), as_of) as store, _options():
        answer = product_routes(store, source, target, k=k, max_hops=max_hops)
    if write_files(tabulate("routes", answer), csv, xlsx, "routes"):
        return
    if json_out:
        emit_json(answer)
        return
    table = _table(
        f"工艺路线 Process routes: {_name(answer['source'])} → {_name(answer['target'])}",
        "#",
        "步数 Hops",
        "路线 Route",
        "本地生产 Local producers",
    )
    for i, r in enumerate(answer["routes"], 1):
        makers = "; ".join(
            f"{p}: {', '.join(answer['producers'].get(p, [])) or '—'}" for p in r["nodes"]
        )
        table.add_row(str(i), str(r["length"]), " → ".join(r["nodes"]), makers)
    out.print(table)


# -- gaps, impact ---------------------------------------------------------------------------
def gaps(
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Products needed but made by nobody in the map 补链目标."""
    with store_on_day(opened(data), as_of) as store, _options():
        answer = gaps_query(store, limit=offset + limit)
    answer["gaps"] = answer["gaps"][offset:]
    if write_files(tabulate("gaps", answer), csv, xlsx, "gaps"):
        return
    if json_out:
        emit_json(answer)
        return
    table = _table(
        f"补链目标 Gaps ({answer['total']})",
        "产品 Product",
        "产业链 Chain",
        "环节 Stage",
        "需求企业 Firms",
        "年需求 Demand",
        "需求方 Needed by",
    )
    for g in answer["gaps"]:
        demand = f"{_s(g.get('demand_base'))} {g.get('base_unit') or ''}".strip()
        needed = ", ".join(f["id"] for f in g["needed_by"])
        table.add_row(
            f"{_name(g)} ({g['product_id']})",
            _s(g.get("chain_id")),
            _s(g.get("stage")),
            str(g["firms"]),
            demand,
            needed,
        )
    out.print(table)


def impact(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="The firm that stops.")
    ] = None,
    product: Annotated[
        str | None, typer.Option("--product", help="The product that is lost.")
    ] = None,
    max_tiers: Annotated[int, typer.Option("--max-tiers", min=1, max=10)] = 3,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """What breaks downstream if a firm stops or a product is lost 断链影响."""
    if (enterprise is None) == (product is None):
        raise typer.BadParameter("give exactly one of --enterprise and --product")
    with store_on_day(opened(data), as_of) as store, _options():
        answer = impact_query(
            store, enterprise_id=enterprise, product_id=product, max_tiers=max_tiers
        )
        names = {f"Product:{p['id']}": p["name"] for p in store.nodes(Label.PRODUCT)}
    if write_files(tabulate("impact", answer, names), csv, xlsx, "impact"):
        return
    if json_out:
        emit_json(answer)
        return
    removed = answer["removed"]
    table = _table(
        f"断链影响 Impact of losing {_name(removed)} ({removed['id']})",
        "层级 Tier",
        "企业 Firm",
        "区域 Region",
        "失去 Lost (product: suppliers)",
    )
    for a in answer["affected"]:
        lost = "; ".join(f"{x['product_id']}: {', '.join(x['suppliers'])}" for x in a["lost"])
        table.add_row(
            str(a["tier"]), f"{a.get('name', '')} ({a['id']})", _s(a.get("region_id")), lost
        )
    out.print(table)
