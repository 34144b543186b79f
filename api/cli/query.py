"""Query commands: ``search`` and ``match suppliers|buyers`` (paths: :mod:`.paths`; gaps and
impact: :mod:`.risk`).

Each calls the same query function as the HTTP route, prints a readable table (Chinese first,
English beside) or, with ``--json``, the query's answer as the API returns it. ``--data
BUNDLE`` reads a bundle directly, like ``stats``. The operator at a terminal sees everything,
contacts included. Registered on the app in :mod:`chainatlas.api.cli.app`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer

from chainatlas.api.cli.common import (
    AsOfOpt,
    DataOpt,
    JsonOpt,
    emit_json,
    opened,
    out,
    store_on_day,
)
from chainatlas.api.cli.options import ExcludeOpt, ExcludeWhomOpt, LimitOpt, ProductOpt, RegionOpt
from chainatlas.api.cli.output import (
    CsvOpt,
    OffsetOpt,
    XlsxOpt,
    full_name,
    retyped,
    text,
    titled,
    usage_errors,
    write_files,
)
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import Match
from chainatlas.graph.queries.matching import excluding, match_buyers, match_suppliers
from chainatlas.graph.queries.search import SEARCHABLE, search_page
from chainatlas.graph.settings import get_settings
from chainatlas.graph.tables import tabulate


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
    with store_on_day(opened(data), as_of) as store, usage_errors():
        _, hits = search_page(store, q, kinds=kinds, limit=limit, offset=offset)
    if write_files(tabulate("search", {"items": hits}), csv, xlsx, "search"):
        return
    if json_out:
        emit_json(hits)
        return
    table = titled(
        f"搜索 Search: {q}", "类型 Kind", "编号 Id", "名称 Name", "匹配 Match", "得分 Score"
    )
    for h in hits:
        table.add_row(h["label"], h["id"], full_name(h), h["matched"], text(h["score"]))
    out.print(table)


# -- match ----------------------------------------------------------------------------------
match_app = typer.Typer(
    help="Matchmaking 供需匹配: candidate suppliers or buyers with scores and reasons.",
    no_args_is_help=True,
)


def _print_match(answer: Match, title: str) -> None:
    table = titled(title, "得分 Score", "产品 Product", "企业 Firm", "区域 Region", "理由 Reasons")
    for c in answer["candidates"]:
        reasons = "\n".join(f"{r['zh']} / {r['en']}" for r in c.get("reasons", []))
        product = f"{c.get('product_name') or ''} ({c['product_id']})"
        table.add_row(
            text(c["score"]),
            product,
            f"{c.get('name', '')} ({c['id']})",
            text(c.get("region_id")),
            reasons,
        )
    out.print(table)


def _match_command(
    query: Callable[..., Match], title: str, firm: str, doc: str
) -> Callable[..., None]:
    """The command of one side of matchmaking: ``query`` for the firm (help ``firm``)."""

    def command(
        enterprise: str,
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
        settings = get_settings()
        with store_on_day(opened(data), as_of) as store, usage_errors():
            answer = query(
                store,
                enterprise,
                product_id=product,
                region=region,
                exclude=excluding(exclude, exclude_current),
                limit=limit,
                offset=offset,
                weights=settings.match_weights,
            )
        if write_files(tabulate("match", answer), csv, xlsx, "match"):
            return
        if json_out:
            emit_json(answer)
            return
        _print_match(answer, f"{title} for {full_name(answer['enterprise'])}")

    command.__doc__ = doc
    return retyped(command, enterprise=Annotated[str, typer.Argument(help=firm)])


suppliers = match_app.command("suppliers")(
    _match_command(
        match_suppliers,
        "供应商候选 Candidate suppliers",
        "The buying firm (id).",
        "Who can supply what a firm needs 找供应商.",
    )
)
buyers = match_app.command("buyers")(
    _match_command(
        match_buyers,
        "采购方候选 Candidate buyers",
        "The selling firm (id).",
        "Who needs what a firm makes 找采购方.",
    )
)
