"""Commands about chains, weak links and key firms: ``chains``, ``chain ID``,
``single-source``, ``centrality``, ``pagerank``, ``communities``, ``paths weighted`` and
``cypher``. Each answers as its route does (``--json``), or as a table (``--csv``,
``--xlsx``)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt, emit_json, out
from chainatlas.api.cli.output import (
    CsvOpt,
    OffsetOpt,
    PageOpt,
    XlsxOpt,
    atlas_for,
    day,
    emit,
    ranked,
)
from chainatlas.graph.queries.export import ExportQuery

FIRM_RANK = ("rank", "id", "name", "region_id", "value")


chains = ranked(
    "chains",
    Atlas.list_chains,
    "Every chain with its figures and local-supply coverage 产业链概况.",
    "产业链 Chains",
    ("id", "name", "firms", "products", "links", "producible_share", "supplied_share"),
)


def chain(
    id: Annotated[str, typer.Argument(help="The chain (id).")],
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """A chain's panorama: firms and products by stage 产业链全景."""
    with atlas_for(data) as atlas:
        answer = atlas.get_chain(id, day(as_of))
    title = f"全景 Panorama: {answer['chain'].get('name') or id}"
    emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx)


def chain_firms(
    id: Annotated[str, typer.Argument(help="The chain (id).")],
    stage: Annotated[str | None, typer.Option(help="Only this stage (上游…).")] = None,
    region: Annotated[str | None, typer.Option(help="Only firms of this region id.")] = None,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Every firm of a chain, most supply links inside it first 产业链企业."""
    with atlas_for(data) as atlas:
        answer = atlas.list_chain_firms(id, stage, region, limit, offset, day(as_of))
    columns = ("id", "name", "stage", "region_id", "scale", "links")
    emit(answer, title=f"企业 Firms: {id}", json_out=json_out, csv=csv, xlsx=xlsx, columns=columns)


single_source = ranked(
    "single_source",
    Atlas.list_single_sourced,
    "Products with one producer that others need 单一来源产品.",
    "单一来源 Single-source products",
    ("product_id", "name", "producer_id", "producer_name", "consumers", "consumer_names"),
)


class Measure(StrEnum):
    betweenness = "betweenness"
    degree = "degree"


def centrality(
    measure: Annotated[
        Measure, typer.Option("--measure", help="betweenness or degree.")
    ] = Measure.betweenness,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Key firms by centrality on the supply network 关键企业（中心性）."""
    with atlas_for(data) as atlas:
        answer = atlas.centrality(measure.value, limit, offset, day(as_of))
    columns = (*FIRM_RANK, "degree", "betweenness", "in_degree", "out_degree")
    emit(
        answer,
        title=f"中心性 Centrality ({measure.value})",
        json_out=json_out,
        csv=csv,
        xlsx=xlsx,
        columns=columns,
    )


class Ties(StrEnum):
    all = "all"
    supply = "supply"
    cooperation = "cooperation"


TiesOpt = Annotated[Ties, typer.Option("--ties", help="supply, cooperation or all.")]


def pagerank(
    ties: TiesOpt = Ties.all,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Firms others rely on, by PageRank over supply and cooperation ties 关键企业（PageRank）."""
    with atlas_for(data) as atlas:
        answer = atlas.pagerank(ties.value, limit, offset, day(as_of))
    emit(answer, title=f"PageRank ({ties.value})", json_out=json_out, csv=csv, xlsx=xlsx)


def communities(
    ties: TiesOpt = Ties.all,
    resolution: Annotated[
        float, typer.Option("--resolution", min=0.01, max=10, help="Above 1: smaller groups.")
    ] = 1.0,
    seed: Annotated[int, typer.Option("--seed", min=0, help="The same seed, the same groups.")] = 0,
    limit: PageOpt = 50,
    offset: OffsetOpt = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Communities of firms (Louvain, seeded) 企业社群."""
    with atlas_for(data) as atlas:
        answer = atlas.communities(ties.value, resolution, seed, limit, offset, day(as_of))
    title = f"社群 Communities (modularity {answer['modularity']})"
    emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx)


def weighted(
    source: Annotated[str, typer.Argument(help="Supplying firm (id).")],
    target: Annotated[str, typer.Argument(help="Receiving firm (id).")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="Paths at most.")] = 5,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=6, help="Hops at most.")] = 4,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Supply paths weighted by volume, heaviest first 按供应量加权的供应路径."""
    with atlas_for(data) as atlas:
        answer = atlas.weighted_paths(source, target, k, max_hops, day(as_of))
    columns = (
        "path",
        "path_share",
        "step",
        "from_name",
        "to_name",
        "product_name",
        "volume",
        "unit",
        "share",
    )
    emit(
        answer,
        title="加权供应路径 Weighted supply paths",
        json_out=json_out,
        csv=csv,
        xlsx=xlsx,
        columns=columns,
    )


def cypher(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query with $parameters.")],
    params: Annotated[
        str | None, typer.Option("--params", help='Its parameters as a JSON object: {"id": "E1"}.')
    ] = None,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """Run a read-only Cypher query on Neo4j (at most 1,000 rows, 10 s) 只读 Cypher 查询."""
    try:
        values = json.loads(params) if params else {}
    except json.JSONDecodeError as e:
        raise typer.BadParameter(f"--params is not JSON: {e.msg}") from None
    if not isinstance(values, dict):
        raise typer.BadParameter("--params must be a JSON object")
    with atlas_for(data) as atlas:
        answer = atlas.run_cypher(query, values)
    emit(answer, title="Cypher", json_out=json_out, csv=csv, xlsx=xlsx)


# -- export ---------------------------------------------------------------------------------
class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


EXTENSION = {"graphml": "graphml", "gexf": "gexf", "json": "json", "csv": "zip"}


def export(
    format: Annotated[
        ExportFormat, typer.Argument(metavar="FORMAT", help="graphml, gexf, json or csv (a zip).")
    ],
    query: Annotated[
        ExportQuery | None,
        typer.Option("--query", help="Export this query's subgraph; default the whole graph."),
    ] = None,
    id: Annotated[
        str | None, typer.Option("--id", help="The id the query is about (chain, enterprise…).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write; default chainatlas.<ext> here."),
    ] = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Export the whole graph, or one query's subgraph, for Gephi or notebooks 导出图谱."""
    target = output or Path(f"chainatlas.{EXTENSION[format.value]}")
    with atlas_for(data) as atlas:
        raw = atlas.export_graph(format.value, query.value if query else None, id)
    target.write_bytes(raw)
    summary = {"file": str(target), "format": format.value, "bytes": len(raw)}
    if json_out:
        emit_json(summary)
        return
    out.print(f"导出 Exported {format.value} → {target} ({len(raw):,} bytes)", highlight=False)
