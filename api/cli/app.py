"""The ``chainatlas`` command line: the second front door beside the HTTP API.

Every command reads the store from the environment (``NEO4J_URI`` or the embedded store) and
prints a readable table, or JSON with ``--json``. Errors of the exception tree become exit
codes: 1 for bad input, 2 for usage, 3 for an unreachable store.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from chainatlas.api.cli import changes as cli_changes
from chainatlas.api.cli import contract as cli_contract
from chainatlas.api.cli import data as cli_data
from chainatlas.api.cli import query as cli_query
from chainatlas.api.cli import serve as cli_serve
from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt, emit_json, err, out, store_on_day
from chainatlas.graph.errors import BundleInvalid, ChainAtlasError, StoreUnavailable
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.generate import generate_bundle
from chainatlas.loaders.stores import open_store

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
    with store_on_day(open_store(get_settings(), data=data), as_of) as store:
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
app.command()(cli_serve.serve)
app.command()(cli_serve.demo)
app.command()(cli_query.search)
app.add_typer(cli_query.match_app, name="match")
app.add_typer(cli_query.paths_app, name="paths")
app.command()(cli_query.gaps)
app.command()(cli_query.impact)
app.command()(cli_query.export)
app.command()(cli_contract.openapi)
app.command()(cli_changes.history)
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
    try:
        app()
    except BundleInvalid as e:
        for issue in e.issues:
            err.print(str(issue), markup=False, highlight=False)
        err.print(str(e), markup=False)
        sys.exit(1)
    except StoreUnavailable as e:
        err.print(f"store unavailable: {e}", markup=False)
        sys.exit(3)
    except ChainAtlasError as e:
        err.print(f"error: {e}", markup=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
