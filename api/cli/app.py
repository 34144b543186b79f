"""The ``chainatlas`` command line: the second front door beside the HTTP API.

Every command reads the store from the environment (``NEO4J_URI`` or the embedded store) and
prints a readable table, or JSON with ``--json``. Errors of the exception tree become exit
codes: 1 for bad input, 2 for usage, 3 for an unreachable store.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table as RichTable

from chainatlas.api.cli import analytics as cli_analytics
from chainatlas.api.cli import board as cli_board
from chainatlas.api.cli import changes as cli_changes
from chainatlas.api.cli import committee as cli_committee
from chainatlas.api.cli import contract as cli_contract
from chainatlas.api.cli import data as cli_data
from chainatlas.api.cli import diff as cli_diff
from chainatlas.api.cli import entities as cli_entities
from chainatlas.api.cli import paths as cli_paths
from chainatlas.api.cli import query as cli_query
from chainatlas.api.cli import report as cli_report
from chainatlas.api.cli import risk as cli_risk
from chainatlas.api.cli import serve as cli_serve
from chainatlas.api.cli.common import (
    AsOfOpt,
    DataOpt,
    JsonOpt,
    config_errors,
    emit_json,
    err,
    opened,
    out,
    store_on_day,
)
from chainatlas.graph.errors import BundleInvalid, ChainAtlasError, StoreUnavailable
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.generate import generate_bundle

app = typer.Typer(
    name="chainatlas",
    help="ChainAtlas 产业链图谱 — industry-chain supply knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


STAT_LABELS = {
    "enterprises": "企业 Enterprises",
    "collaborating_enterprises": "协作企业 Collaborating enterprises",
    "supplied_products": "互供产品 Supplied products",
    "chains": "产业链 Chains",
    "regions": "区域 Regions",
    "products": "产品 Products",
    "supply_edges": "供应关系 Supply edges",
    "cooperation_edges": "合作关系 Cooperation edges",
    "produces_edges": "生产关系 Produces edges",
    "needs_edges": "需求关系 Needs edges",
    "route_edges": "工艺路线 Route edges",
}


@app.command()
def stats(as_of: AsOfOpt = None, json_out: JsonOpt = False, data: DataOpt = None) -> None:
    """Headline figures of the graph 图谱统计 (facts that hold on ``--as-of``, default today)."""
    with store_on_day(opened(data), as_of) as store:
        figures = store.stats()
    if json_out:
        emit_json(figures)
        return
    table = RichTable(title="ChainAtlas 图谱统计")
    table.add_column("指标 Figure")
    table.add_column("数量 Count", justify="right")
    for key, value in figures.items():
        table.add_row(STAT_LABELS.get(key, key), str(value))
    out.print(table)


app.command()(cli_data.check)
app.command()(cli_data.load)
app.command()(cli_diff.diff)
app.command()(cli_serve.serve)
app.command()(cli_serve.demo)
app.command()(cli_query.search)
app.add_typer(cli_query.match_app, name="match")
app.add_typer(cli_paths.paths_app, name="paths")
app.command()(cli_risk.gaps)
app.command()(cli_risk.impact)
app.command()(cli_analytics.export)
app.command()(cli_contract.openapi)
app.command()(cli_entities.enterprises)
app.command()(cli_entities.enterprise)
app.command()(cli_entities.suppliers)
app.command()(cli_entities.customers)
app.command()(cli_entities.products)
app.command()(cli_entities.product)
app.add_typer(cli_entities.tiers_app, name="tiers")
app.command()(cli_analytics.chains)
app.command()(cli_analytics.chain)
app.command("chain-firms")(cli_analytics.chain_firms)
app.command("single-source")(cli_analytics.single_source)
app.command()(cli_analytics.centrality)
app.command()(cli_analytics.pagerank)
app.command()(cli_analytics.communities)
app.command()(cli_analytics.cypher)
app.command()(cli_report.report)
app.add_typer(cli_committee.targets_app, name="targets")
app.add_typer(cli_board.board_app, name="board")
app.command()(cli_committee.kpis)
app.command()(cli_committee.geo)
cli_paths.paths_app.command("weighted")(cli_analytics.weighted)

#: the command (words after ``chainatlas``) that answers each query route, by operation id;
#: tests/api/atlas/test_coverage.py checks it against the OpenAPI document
OPERATIONS: dict[str, tuple[str, ...]] = {
    "get_stats": ("stats",),
    "search": ("search",),
    "list_enterprises": ("enterprises",),
    "get_enterprise": ("enterprise",),
    "list_enterprise_suppliers": ("suppliers",),
    "list_enterprise_customers": ("customers",),
    "enterprise_tiers": ("tiers", "enterprise"),
    "list_products": ("products",),
    "get_product": ("product",),
    "product_tiers": ("tiers", "product"),
    "match_suppliers": ("match", "suppliers"),
    "match_buyers": ("match", "buyers"),
    "supply_paths": ("paths", "supply"),
    "product_routes": ("paths", "route"),
    "weighted_paths": ("paths", "weighted"),
    "list_chains": ("chains",),
    "get_chain": ("chain",),
    "list_chain_firms": ("chain-firms",),
    "list_gaps": ("gaps",),
    "list_single_sourced": ("single-source",),
    "impact": ("impact",),
    "centrality": ("centrality",),
    "pagerank": ("pagerank",),
    "communities": ("communities",),
    "export_graph": ("export",),
    "run_cypher": ("cypher",),
    "fill_targets": ("targets", "fill"),
    "strengthen_targets": ("targets", "strengthen"),
    "extend_targets": ("targets", "extend"),
    "get_kpis": ("kpis",),
    "get_geo": ("geo",),
    "list_board_posts": ("board", "list"),
    "get_board_post": ("board", "show"),
    "create_board_post": ("board", "add"),
    "board_matches": ("board", "matches"),
    "accept_board_match": ("board", "accept"),
    "withdraw_board_post": ("board", "withdraw"),
    "list_changes": ("history",),
    "get_change": ("change",),
    "get_digest": ("digest",),
}
app.command()(cli_changes.history)
app.command()(cli_changes.change)
app.command()(cli_changes.digest)
app.command()(cli_changes.revert)


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the bundle into (created).")],
    enterprises: Annotated[
        int, typer.Option("--enterprises", "-n", min=1, help="Number of firms.")
    ] = 1000,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed; the same seed gives the same bundle.")
    ] = 0,
    json_out: JsonOpt = False,
) -> None:
    """Write a synthetic bundle of any size 生成测试数据包 (deterministic for a seed)."""
    counts = generate_bundle(out_dir, enterprises=enterprises, seed=seed)
    if json_out:
        emit_json({"out": str(out_dir), "rows": counts})
    else:
        out.print(f"wrote {out_dir}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def main() -> None:
    """Entry point of the ``chainatlas`` console script."""
    # the driver logs every retry of a transaction; the one line below says it all
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        app()
    except BundleInvalid as e:
        for issue in e.issues:
            err.print(str(issue), markup=False, highlight=False)
        err.print(str(e), markup=False)
        sys.exit(1)
    except StoreUnavailable as e:
        uri = get_settings().neo4j_uri or "the store"
        # one plain line: rich would wrap it at the terminal's width
        sys.stderr.write(f"store unavailable: {uri} cannot be reached ({e}); check NEO4J_URI\n")
        sys.exit(3)
    except ValidationError as e:  # the settings (environment, .env): one line per variable
        for line in config_errors(e):
            err.print(line, markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)
    except ChainAtlasError as e:
        err.print(f"error: {e}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
