"""``chainatlas history``, ``change``, ``digest`` and ``revert``: the change sets of the
configured store.

``history`` lists change sets newest first (a table, or ``--json``); ``change ID`` shows the
facts one touched; ``digest --since DAY`` tells what changed between two days (docs/changes.md,
"The digest"); ``revert ID`` undoes one as a new change set, refusing with exit 1 and both ids
when a later change set built on it. Registered on the app in :mod:`chainatlas.api.cli.app`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from chainatlas.api.cli.common import DataOpt, JsonOpt, emit_json, out
from chainatlas.api.cli.output import CsvOpt, XlsxOpt, atlas_for, day, emit
from chainatlas.graph.changes import OPS
from chainatlas.graph.queries.digest import CAPACITY_THRESHOLD
from chainatlas.graph.revert import revert as revert_change_set
from chainatlas.graph.settings import get_settings
from chainatlas.graph.stores import durable_path, open_configured, open_load_target, write_guard
from chainatlas.loaders.source import os_user

LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=500, help="Change sets to show.")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Newest change sets to skip.")]
SinceOpt = Annotated[
    datetime,
    typer.Option("--since", formats=["%Y-%m-%d"], help="The first day compared (YYYY-MM-DD)."),
]
UntilOpt = Annotated[
    datetime | None,
    typer.Option("--until", formats=["%Y-%m-%d"], help="The second day compared (default: today)."),
]
ThresholdOpt = Annotated[
    float,
    typer.Option(
        "--capacity-threshold",
        min=0,
        max=10,
        help="Least share of its old value a capacity must move by to be listed.",
    ),
]


def counts_text(counts: dict[str, dict[str, int]]) -> str:
    """The facts a change set added, changed, ended and removed, over all tables.

    >>> counts_text({"supplies": {"added": 3, "changed": 1, "ended": 2, "removed": 0},
    ...              "enterprises": {"added": 2, "changed": 0, "ended": 0, "removed": 0}})
    '+5 ~1 ⊣2 −0'
    """
    total = {op: sum(per.get(op, 0) for per in counts.values()) for op in OPS}
    return " ".join(f"{m}{total[op]}" for m, op in zip("+~⊣−", OPS, strict=True))


def history(limit: LimitOpt = 20, offset: OffsetOpt = 0, json_out: JsonOpt = False) -> None:
    """Change sets of the graph, newest first 变更历史 (id, time, author, source, counts)."""
    store = open_configured(get_settings())
    if store is None:
        found: list[dict[str, Any]] = []
        head = 0
    else:
        with store:
            found, head = store.change_sets(limit=limit, offset=offset), store.head()
    if json_out:
        emit_json({"head": head, "items": found, "limit": limit, "offset": offset})
        return
    table = RichTable(title=f"ChainAtlas 变更历史 history (latest {head})")
    for col in ("id", "time 时间", "kind 类型", "author 作者", "source 来源"):
        table.add_column(col)
    table.add_column("+added ~changed ⊣ended −removed", no_wrap=True)
    for cs in found:
        kind = cs["kind"] + (f" of {cs['reverts']}" if cs.get("reverts") else "")
        if cs.get("reverted_by"):
            kind += f" (reverted by {cs['reverted_by']})"
        table.add_row(
            str(cs["id"]), cs["at"], kind, cs["author"], cs["source"], counts_text(cs["counts"])
        )
    out.print(table)


def revert(
    change_set: Annotated[int, typer.Argument(min=1, help="The id of the change set to undo.")],
    json_out: JsonOpt = False,
) -> None:
    """Undo a change set as a new change set 撤销变更集 (refused if a later one built on it)."""
    settings = get_settings()
    with write_guard(settings), open_load_target(settings) as store:
        record = revert_change_set(store, change_set, author=os_user())
        store.commit(durable_path(settings))
    if json_out:
        emit_json(record)
        return
    out.print(
        f"change set {record['id']} reverts {change_set} 已撤销: {counts_text(record['counts'])}",
        markup=False,
        highlight=False,
    )


def change(
    change_id: Annotated[int, typer.Argument(min=1, help="The id of the change set.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="Facts to show.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Facts to skip.")] = 0,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """One change set and the facts it touched 变更详情 (table, key, op, file, row)."""
    with atlas_for(data) as atlas:
        answer = atlas.get_change(change_id, limit, offset)
    title = f"变更集 change set {change_id}: {answer['source']} ({answer['author']})"
    emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx)


def digest(
    since: SinceOpt,
    until: UntilOpt = None,
    capacity_threshold: ThresholdOpt = CAPACITY_THRESHOLD,
    json_out: JsonOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    data: DataOpt = None,
) -> None:
    """What changed between two days 变更摘要: firms, supplies, capacities, gaps, single
    sources and local-supply coverage, per chain and district."""
    with atlas_for(data) as atlas:
        answer = atlas.get_digest(since.date(), day(until), capacity_threshold)
    title = f"变更摘要 digest {answer['since']} → {answer['until']}"
    columns = ("label", "label_en", "id", "name", "chain_id", "region_id", "old", "new")
    emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx, columns=columns)
    if not (json_out or csv or xlsx):
        shown = ", ".join(f"{k} {n}" for k, n in answer["counts"].items() if n) or "none"
        out.print(f"changes 变更: {shown}", markup=False, highlight=False)
