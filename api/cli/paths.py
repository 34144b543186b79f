"""Path commands: ``paths supply`` (supply paths between firms) and ``paths route`` (process
routes between products); ``paths weighted`` is in :mod:`.analytics`. Each answers as its
route does (``--json``), as a table (``--csv``, ``--xlsx``) or on the terminal."""

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
from chainatlas.api.cli.options import HopsOpt, KOpt, StepsOpt
from chainatlas.api.cli.output import CsvOpt, XlsxOpt, full_name, titled, usage_errors, write_files
from chainatlas.graph.queries.paths import product_routes, supply_paths
from chainatlas.graph.store import ROUTE_MAX_HOPS
from chainatlas.graph.tables import tabulate

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
    with store_on_day(opened(data), as_of) as store, usage_errors():
        answer = supply_paths(store, source, target, k=k, max_hops=max_hops)
    if write_files(tabulate("supply_paths", answer), csv, xlsx, "supply_paths"):
        return
    if json_out:
        emit_json(answer)
        return
    table = titled(
        f"供应路径 Supply paths: {full_name(answer['source'])} → {full_name(answer['target'])}",
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
    with store_on_day(opened(data), as_of) as store, usage_errors():
        answer = product_routes(store, source, target, k=k, max_hops=max_hops)
    if write_files(tabulate("routes", answer), csv, xlsx, "routes"):
        return
    if json_out:
        emit_json(answer)
        return
    table = titled(
        f"工艺路线 Process routes: {full_name(answer['source'])} → {full_name(answer['target'])}",
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
