"""``chainatlas report``: the committee's briefing as an XLSX workbook or a printable HTML file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from chainatlas.api.cli.common import AsOfOpt, DataOpt, err, out, store_on_day
from chainatlas.api.cli.output import day
from chainatlas.api.pages import tables
from chainatlas.api.pages.committee import REPORT_TITLE, report_context, report_tables, report_view
from chainatlas.graph.model import Label
from chainatlas.graph.queries.briefing import BRIEFING_LIMIT, DIGEST_DAYS, briefing
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.map_fold import kept_map
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.stores import open_store
from chainatlas.viz import render_standalone

FORMATS = (".xlsx", ".html")


def report(
    output: Annotated[Path, typer.Argument(help="The file to write: .xlsx or .html.")],
    limit: Annotated[
        int, typer.Option(min=1, max=1000, help="Rows of each list.")
    ] = BRIEFING_LIMIT,
    as_of: AsOfOpt = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            formats=["%Y-%m-%d"],
            help=f"The change digest's first day (default: {DIGEST_DAYS} days before the day).",
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """The committee's briefing 汇报材料: KPIs, panorama, 补链 / 强链 / 延链, top risks and
    the change digest."""
    if output.suffix.lower() not in FORMATS:
        err.print(f"report: OUTPUT must end in .xlsx or .html, not {output.name!r}")
        raise typer.Exit(2)
    with store_on_day(open_store(get_settings(), data=data), as_of) as store:
        start = since.date() if since else (day(as_of) or date.today()) - timedelta(DIGEST_DAYS)
        cache = AnalyticsCache(8)  # the panorama the briefing counts is the one it draws
        brief = briefing(store, limit=limit, since=start, cache=cache)
        if output.suffix.lower() == ".xlsx":
            body = tables.workbook(report_tables(brief))
        else:
            names = {p["id"]: p.get("name") or p["id"] for p in store.nodes(Label.PRODUCT)}
            html = render_standalone(
                report_view(kept_map(cache, store), names),
                title=REPORT_TITLE,
                page="report",
                account=None,
                sign_in=False,
                **report_context(brief, {}),
            )
            body = html.encode("utf-8")
    output.write_bytes(body)
    out.print(f"已写入 Wrote {output} ({len(body):,} bytes)")
