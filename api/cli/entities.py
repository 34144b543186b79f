"""Commands about firms and products: ``enterprises``, ``products``, ``enterprise ID``,
``product ID`` (profiles), ``suppliers ID``, ``customers ID`` and ``tiers enterprise|product
ID``. Each answers as its route does (``--json``), or as a table (``--csv``, ``--xlsx``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt
from chainatlas.api.cli.output import (
    CsvOpt,
    HubPageOpt,
    OffsetOpt,
    PageOpt,
    XlsxOpt,
    atlas_for,
    day,
    emit,
)
from chainatlas.graph.queries.window import DEFAULT_LIMIT as HUB_LIMIT

IdArg = Annotated[str, typer.Argument(help="The id.")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="Only firms in this region (id).")]
ChainOpt = Annotated[str | None, typer.Option("--chain", help="Only this chain (id).")]
StageOpt = Annotated[
    str | None, typer.Option("--stage", help="Only this stage: 上游/中游/下游 or upstream/…")
]
ENTITY_COLUMNS = ("id", "name", "name_en", "region_id", "chain_id", "stage", "scale")


def enterprises(
    region: RegionOpt = None,
    chain: ChainOpt = None,
    stage: StageOpt = None,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Firms, filtered by region, chain and stage 企业列表."""
    with atlas_for(data) as atlas:
        answer = atlas.list_enterprises(region, chain, stage, limit, offset)
    emit(
        answer,
        title="企业 Enterprises",
        json_out=json_out,
        csv=csv,
        xlsx=xlsx,
        columns=ENTITY_COLUMNS,
    )


def products(
    chain: ChainOpt = None,
    stage: StageOpt = None,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Products and materials, filtered by chain and stage 产品列表."""
    with atlas_for(data) as atlas:
        answer = atlas.list_products(chain, stage, limit, offset)
    emit(
        answer, title="产品 Products", json_out=json_out, csv=csv, xlsx=xlsx, columns=ENTITY_COLUMNS
    )


def enterprise(
    id: IdArg,
    limit: HubPageOpt = HUB_LIMIT,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """A firm's profile: what it makes and needs, its suppliers, customers, partners 企业画像."""
    with atlas_for(data) as atlas:
        answer = atlas.get_enterprise(id, day(as_of), limit, offset)
    name = answer["enterprise"].get("name", id)
    emit(answer, title=f"企业画像 Profile: {name} ({id})", json_out=json_out, csv=csv, xlsx=xlsx)


def product(
    id: IdArg,
    limit: HubPageOpt = HUB_LIMIT,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """A product's profile: producers, consumers, inputs and outputs 产品画像."""
    with atlas_for(data) as atlas:
        answer = atlas.get_product(id, day(as_of), limit, offset)
    name = answer["product"].get("name", id)
    emit(answer, title=f"产品画像 Profile: {name} ({id})", json_out=json_out, csv=csv, xlsx=xlsx)


def suppliers(
    id: IdArg,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """A firm's current suppliers, one row per (supplier, product) 当前供应商."""
    with atlas_for(data) as atlas:
        answer = atlas.list_enterprise_suppliers(id, limit, offset, day(as_of))
    emit(answer, title=f"供应商 Suppliers of {id}", json_out=json_out, csv=csv, xlsx=xlsx)


def customers(
    id: IdArg,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """A firm's current customers, one row per (customer, product) 当前客户."""
    with atlas_for(data) as atlas:
        answer = atlas.list_enterprise_customers(id, limit, offset, day(as_of))
    emit(answer, title=f"客户 Customers of {id}", json_out=json_out, csv=csv, xlsx=xlsx)


tiers_app = typer.Typer(
    help="Tiers 层级: suppliers or customers of a firm, inputs or outputs of a product.",
    no_args_is_help=True,
)


class Direction(StrEnum):
    upstream = "upstream"
    downstream = "downstream"


DirectionOpt = Annotated[
    Direction, typer.Option("--direction", help="upstream (suppliers, inputs) or downstream.")
]
DepthOpt = Annotated[int, typer.Option("--depth", min=1, max=10, help="Tiers to follow.")]


@tiers_app.command("enterprise")
def enterprise_tiers(
    id: IdArg,
    direction: DirectionOpt = Direction.upstream,
    depth: DepthOpt = 3,
    limit: HubPageOpt = HUB_LIMIT,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Tiers of a firm's suppliers (upstream) or customers (downstream) 企业上下游层级."""
    with atlas_for(data) as atlas:
        answer = atlas.enterprise_tiers(id, direction.value, depth, day(as_of), limit, offset)
    title = f"层级 Tiers {direction.value} of {answer['root'].get('name') or id}"
    columns = ("tier", "id", "name", "via_names", "product_names")
    emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx, columns=columns)


@tiers_app.command("product")
def product_tiers(
    id: IdArg,
    direction: DirectionOpt = Direction.upstream,
    depth: DepthOpt = 3,
    limit: HubPageOpt = HUB_LIMIT,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Tiers of a product's inputs (upstream) or outputs (downstream) 产品上下游层级."""
    with atlas_for(data) as atlas:
        answer = atlas.product_tiers(id, direction.value, depth, day(as_of), limit, offset)
    title = f"层级 Tiers {direction.value} of {answer['root'].get('name') or id}"
    emit(
        answer,
        title=title,
        json_out=json_out,
        csv=csv,
        xlsx=xlsx,
        columns=("tier", "id", "name", "via", "via_names"),
    )
