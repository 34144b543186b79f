"""Risk commands: ``gaps`` (products needed but made by nobody in the map) and ``impact``
(what breaks downstream when a firm stops or a product is lost). Each answers as its route
does (``--json``), as a table (``--csv``, ``--xlsx``) or on the terminal."""

from __future__ import annotations

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
from chainatlas.api.cli.options import LimitOpt
from chainatlas.api.cli.output import (
    CsvOpt,
    HubPageOpt,
    OffsetOpt,
    XlsxOpt,
    full_name,
    text,
    titled,
    usage_errors,
    write_files,
)
from chainatlas.graph.model import Label
from chainatlas.graph.queries.risk import gaps as gaps_query
from chainatlas.graph.queries.risk import impact as impact_query
from chainatlas.graph.queries.window import DEFAULT_LIMIT as HUB_LIMIT
from chainatlas.graph.tables import tabulate


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
    with store_on_day(opened(data), as_of) as store, usage_errors():
        answer = gaps_query(store, limit=offset + limit)
    answer["gaps"] = answer["gaps"][offset:]
    if write_files(tabulate("gaps", answer), csv, xlsx, "gaps"):
        return
    if json_out:
        emit_json(answer)
        return
    table = titled(
        f"补链目标 Gaps ({answer['total']})",
        "产品 Product",
        "产业链 Chain",
        "环节 Stage",
        "需求企业 Firms",
        "年需求 Demand",
        "需求方 Needed by",
    )
    for g in answer["gaps"]:
        demand = f"{text(g.get('demand_base'))} {g.get('base_unit') or ''}".strip()
        needed = ", ".join(f["id"] for f in g["needed_by"])
        table.add_row(
            f"{full_name(g)} ({g['product_id']})",
            text(g.get("chain_id")),
            text(g.get("stage")),
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
    limit: HubPageOpt = HUB_LIMIT,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """What breaks downstream if a firm stops or a product is lost 断链影响."""
    if (enterprise is None) == (product is None):
        raise typer.BadParameter("give exactly one of --enterprise and --product")
    with store_on_day(opened(data), as_of) as store, usage_errors():
        answer = impact_query(
            store,
            enterprise_id=enterprise,
            product_id=product,
            max_tiers=max_tiers,
            limit=limit,
            offset=offset,
        )
        names = {f"Product:{p['id']}": p["name"] for p in store.nodes(Label.PRODUCT)}
    if write_files(tabulate("impact", answer, names), csv, xlsx, "impact"):
        return
    if json_out:
        emit_json(answer)
        return
    removed = answer["removed"]
    table = titled(
        f"断链影响 Impact of losing {full_name(removed)} ({removed['id']})",
        "层级 Tier",
        "企业 Firm",
        "区域 Region",
        "失去 Lost (product: suppliers)",
    )
    for a in answer["affected"]:
        lost = "; ".join(f"{x['product_id']}: {', '.join(x['suppliers'])}" for x in a["lost"])
        table.add_row(
            str(a["tier"]), f"{a.get('name', '')} ({a['id']})", text(a.get("region_id")), lost
        )
    out.print(table)
    if answer["next"] is not None:
        out.print(f"{answer['total']} firms in all; the next page: --offset {answer['next']}")
