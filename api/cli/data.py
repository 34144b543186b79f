"""``chainatlas check`` and ``chainatlas load``: bundles in, with every problem listed at once.

Both print each issue as ``file:row:column: message`` on stderr and end with a summary line;
exit 0 when the bundle is clean (warnings allowed), 1 when it has an error (or a warning
under ``--strict``). ``load`` first asks the store's receipt whether the bundle is the one the
graph last took with nothing written since (:mod:`loaders.receipt`: then it reads nothing);
else it validates before it writes, so a bad bundle never changes the store. Registered on
the app in :mod:`chainatlas.api.cli.app`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from chainatlas.api.cli.common import JsonOpt, emit_json
from chainatlas.graph.errors import BundleInvalid, InvalidOption, Issue, LoadRefused
from chainatlas.graph.model import Row, Table
from chainatlas.graph.settings import get_settings
from chainatlas.graph.store import DEFAULT_BATCH, GraphStore
from chainatlas.graph.stores import durable_path, open_load_target, write_guard
from chainatlas.loaders import (
    Bundle,
    Change,
    LoadReport,
    check_bundle,
    read_bundle,
)
from chainatlas.loaders.baseline import keep_bundle
from chainatlas.loaders.bulk import WriterStopped, bulk_files, require_empty
from chainatlas.loaders.diff import MAX_END_SHARE, Scope, parse_scope
from chainatlas.loaders.issues import Issues
from chainatlas.loaders.load import Read, read_for_load
from chainatlas.loaders.receipt import load_key, recall, remember
from chainatlas.loaders.source import bundle_sha256, os_user

BundleArg = Annotated[
    Path,
    typer.Argument(
        exists=True, help="A folder of CSV files or one .xlsx workbook (see docs/bundle.md)."
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write batch.")]
BulkOpt = Annotated[
    Path | None,
    typer.Option(
        "--bulk",
        file_okay=False,
        help="Into an empty Neo4j database: write the files of neo4j-admin's importer into this "
        "folder instead of loading; then `scripts/neo4j-local import DIR` (docs/performance.md).",
    ),
]


def _scope(value: str | None) -> Scope | None:
    if value is None:
        return None
    try:
        return parse_scope(value)
    except InvalidOption as e:
        raise typer.BadParameter(str(e)) from None


ScopeOpt = Annotated[
    Scope | None,
    typer.Option(
        "--scope",
        parser=_scope,
        metavar="all|region=ID|source=NAME",
        help="Authoritative for this scope: its firms and facts absent from the bundle are "
        "ended (until = the load date), never deleted (docs/lifecycle.md).",
    ),
]
ShareOpt = Annotated[
    float,
    typer.Option(
        "--max-end-share",
        min=0.0,
        max=1.0,
        help="Refuse a scoped load that would end more than this share of a table of its scope.",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Load even past --max-end-share.")]
BaselinesOpt = Annotated[
    bool,
    typer.Option(
        "--baselines/--no-baselines",
        help="Keep what the load read in CHAINATLAS_HOME/baselines (about the bundle's size), so "
        "that a later load of the files with some fact lines changed reads only those lines.",
    ),
]


def _say(line: str) -> None:
    # plain writes: rich would wrap long issue lines at the terminal width
    sys.stderr.write(line + "\n")


def _issue_doc(issues: list[Issue]) -> dict[str, Any]:
    errors = [asdict(i) for i in issues if i.severity == "error"]
    warnings = [asdict(i) for i in issues if i.severity == "warning"]
    shown = Issues.of(issues) if not isinstance(issues, Issues) else issues
    return {
        "ok": not shown.errors,
        "errors": errors,
        "warnings": warnings,
        "counts": shown.counts,
        "total": shown.total,
    }


def _summary(issues: list[Issue]) -> str:
    shown = Issues.of(issues) if not isinstance(issues, Issues) else issues
    return f"{shown.errors} error(s), {shown.warnings} warning(s)"


def _print_issues(issues: list[Issue], *, quiet: bool) -> None:
    for issue in issues:
        if issue.severity == "error" or not quiet:
            _say(str(issue))
    if isinstance(issues, Issues) and issues.truncated:
        by_code = ", ".join(f"{code} {n}" for code, n in issues.counts.items())
        _say(f"… {issues.total - len(issues)} more issue(s) not shown; by code: {by_code}")


def check(
    bundle: BundleArg, strict: StrictOpt = False, json_out: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """Validate a bundle without loading it 校验数据包."""
    issues = check_bundle(bundle, strict=strict, limits=get_settings().limits)
    failed = issues.errors > 0
    if json_out:
        emit_json(_issue_doc(issues))
    else:
        _print_issues(issues, quiet=quiet)
        if failed or not quiet:
            _say(f"{bundle}: {_summary(issues)}" + ("; bundle is invalid" if failed else "; ok"))
    if failed:
        raise typer.Exit(1)


def _progress_bar(bundle: Bundle, enabled: bool) -> Progress:
    total = sum(len(rows) for rows in bundle.tables.values())
    bar = Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=True,
    )
    bar.add_task("loading", total=total)
    return bar


def _report_table(report: LoadReport) -> RichTable:
    table = RichTable(title=f"{report.bundle} → {report.store}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in report.counts.items():
        table.add_row(name, str(count))
    table.add_row("total", str(report.total))
    return table


def load(
    bundle: BundleArg,
    strict: StrictOpt = False,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH,
    scope: ScopeOpt = None,
    max_end_share: ShareOpt = MAX_END_SHARE,
    force: ForceOpt = False,
    bulk: BulkOpt = None,
    baselines: BaselinesOpt = True,
) -> None:
    """Validate a bundle, then load it into the configured store 导入数据包."""
    settings = get_settings()
    sha256, today = bundle_sha256(bundle), date.today()
    key = load_key(bundle, sha256=sha256, scope=scope, strict=strict, limits=settings.limits)
    change = Change(os_user(), bundle.name, sha256)
    root = settings.home / "baselines" if baselines else None
    if bulk is not None:
        _bulk_target()  # before the read: a province's bundle takes minutes to validate
        valid = _valid(bundle, strict, json_out)
        _bulk(valid, bulk, change, key, json_out=json_out)
        if root is not None:  # the graph the import makes keeps this load's receipt
            keep_bundle(root, bundle, valid, key, today)
        return
    # the embedded graph's lock, held from reading it to saving it: loads take turns
    with write_guard(settings), open_load_target(settings) as store:
        report = recall(store, key, today)  # the bundle the graph last took, nothing since?
        if report is None:
            read = _valid_read(store, bundle, key, today, root, strict, json_out)
            valid = read.bundle
            show = not (quiet or json_out) and sys.stderr.isatty()
            with _progress_bar(valid, show) as bar:
                try:
                    report = read.write(
                        store,
                        batch_size=batch_size,
                        progress=_advance(bar, valid),
                        scope=scope,
                        max_end_share=max_end_share,
                        force=force,
                        change=change,
                    )
                except LoadRefused as e:
                    _refused(e, json_out=json_out)
                except BundleInvalid as e:  # read whole again: the graph moved since (rare)
                    reject(bundle, e, json_out=json_out)
            if remember(store, key, today, report) or report.change_set is not None:
                store.commit(durable_path(settings))
            read.keep()
    if json_out:
        emit_json(report.to_dict())
        return
    if not quiet:
        _print_issues(report.warnings, quiet=False)
        Console().print(_report_table(report))
        cs = report.change_set
        if report.changed_lines is not None:
            _say(
                f"read {report.changed_lines} changed line(s) against the files of the last "
                "load 仅读取变更行"
            )
        if cs:
            _say(f"change set {cs['id']} recorded 已记录变更集 (chainatlas history)")
        elif report.recalled:
            _say(
                "nothing changed: the bundle the graph last took, and nothing written since; "
                "not read again 无变化（与上次导入相同）"
            )
        else:
            _say("nothing changed; no change set recorded 无变化")


def _valid(bundle: Path, strict: bool, json_out: bool) -> Bundle:
    """The validated bundle at ``bundle``; its issues printed and exit 1 when it has an error."""
    try:
        return read_bundle(bundle, strict=strict, limits=get_settings().limits)
    except BundleInvalid as e:
        reject(bundle, e, json_out=json_out)


def _valid_read(
    store: GraphStore,
    bundle: Path,
    key: Row,
    today: date,
    root: Path | None,
    strict: bool,
    json_out: bool,
) -> Read:
    """:func:`_valid`, read by its changed lines when a baseline under ``root`` answers."""
    try:
        limits = get_settings().limits
        return read_for_load(store, bundle, key, today, root, strict=strict, limits=limits)
    except BundleInvalid as e:
        reject(bundle, e, json_out=json_out)


def _advance(bar: Progress, valid: Bundle) -> Callable[[Table, int, int], None]:
    def advance(table: Table, done: int, total: int) -> None:
        bar.update(
            bar.task_ids[0],
            description=table.value,
            completed=_done_before(valid, table) + done,
        )

    return advance


def _bulk_target() -> None:
    """Exit 2 unless the configured store is an empty Neo4j database (what the importer
    replaces)."""
    try:
        with open_load_target(get_settings()) as store:
            require_empty(store)
    except InvalidOption as e:
        _say(f"error: {e}")
        raise typer.Exit(2) from None


def _bulk(valid: Bundle, folder: Path, change: Change, key: Row, *, json_out: bool) -> None:
    _bulk_target()  # again: another load may have written while the bundle was read
    try:
        files = bulk_files(valid, folder, change=change, receipt_key=key)
    except InvalidOption as e:
        _say(f"error: {e}")
        raise typer.Exit(2) from None
    except WriterStopped as e:
        _say(f"error: {e}; the folder {folder} holds part of the files")
        raise typer.Exit(1) from None
    if json_out:
        emit_json({"folder": str(folder), "counts": files.counts})
        return
    _say(f"wrote the import files into {folder}: run scripts/neo4j-local import {folder}")


def reject(bundle: Path, e: BundleInvalid, *, json_out: bool) -> NoReturn:
    """Print an invalid bundle's issues (and, with ``--json``, the issue document); exit 1."""
    _print_issues(e.issues, quiet=False)
    _say(f"{bundle}: {_summary(e.issues)}; nothing was written")
    if json_out:
        emit_json(_issue_doc(e.issues))
    raise typer.Exit(1) from None


def _refused(e: LoadRefused, *, json_out: bool) -> NoReturn:
    for table, c in e.counts.items():
        _say(f"{table}: would end {c['end']} of {c['in_force']} ({c['share']:.0%})")
    _say(f"refused: {e}")
    if json_out:
        emit_json({"ok": False, "refused": e.counts, "max_end_share": e.max_share})
    raise typer.Exit(1) from None


def _done_before(bundle: Bundle, table: Table) -> int:
    """Rows of the tables a load writes before ``table``."""
    order = list(Table)
    return sum(len(bundle.tables.get(t, [])) for t in order[: order.index(table)])
