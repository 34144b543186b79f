"""Commands for the committee's lists and the map on the ground: ``targets fill|strengthen|
extend``, ``kpis`` and ``geo``. Each answers as its route does (``--json``), or as a table
(``--csv``, ``--xlsx``; ``geo`` writes GeoJSON with ``--json``)."""

from __future__ import annotations

from typing import Annotated

import typer

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt
from chainatlas.api.cli.output import CsvOpt, XlsxOpt, atlas_for, day, emit, ranked
from chainatlas.graph.queries.geo import FLOW_LIMIT, MAX_FLOW_LIMIT

targets_app = typer.Typer(
    help="补链 / 强链 / 延链 targets: fill gaps, secure weak links, extend downstream.",
    no_args_is_help=True,
)
RANKED = ("rank", "product_id", "name", "score")


fill = ranked(
    "fill",
    Atlas.fill_targets,
    "补链: needed locally, made by no local firm (with 招商 leads).",
    "补链 Fill",
    (*RANKED, "buyers", "demand_base", "base_unit"),
    pages=False,
)
strengthen = ranked(
    "strengthen",
    Atlas.strengthen_targets,
    "强链: products and firms ranked by supply risk, with reasons.",
    "强链 Strengthen",
    ("list", "rank", "product_id", "id", "name", "score"),
    pages=False,
)
extend = ranked(
    "extend",
    Atlas.extend_targets,
    "延链: inputs largely made locally, the product itself not yet.",
    "延链 Extend",
    (*RANKED, "input_share", "downstream"),
    pages=False,
)
for _command in (fill, strengthen, extend):
    targets_app.command(_command.__name__)(_command)


def kpis(
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """KPIs of the cluster, each chain and each district 关键指标."""
    with atlas_for(data) as atlas:
        answer = atlas.get_kpis(day(as_of))
    emit(answer, title="关键指标 KPIs", json_out=json_out, csv=csv, xlsx=xlsx)


def geo(
    chain: Annotated[str | None, typer.Option("--chain", help="Only this chain (id).")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="上游/中游/下游 or en.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="Only here (id).")] = None,
    product: Annotated[str | None, typer.Option("--product", help="Firms trading it.")] = None,
    flows: Annotated[bool, typer.Option("--flows", help="Add the supply flows.")] = False,
    flow_limit: Annotated[
        int, typer.Option("--flow-limit", min=1, max=MAX_FLOW_LIMIT, help="Flows at most.")
    ] = FLOW_LIMIT,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """The map on the ground 地理分布: GeoJSON with --json, a row per feature otherwise."""
    with atlas_for(data) as atlas:
        answer = atlas.get_geo(chain, stage, region, product, flows, flow_limit, day(as_of))
    columns = ("kind", "id", "name", "region_id", "placed", "lon", "lat")
    emit(answer, title="地理分布 Geography", json_out=json_out, csv=csv, xlsx=xlsx, columns=columns)
