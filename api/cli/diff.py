"""``chainatlas diff``: what a load of a bundle would add, change and end, before it runs.

The bundle is validated first (a bundle with errors prints them, exit 1, and nothing is
read from the store); then it is compared with the store a load would write into
(:func:`loaders.load.plan_load`). Nothing is written.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from rich.console import Console
from rich.markup import escape

from chainatlas.api.cli.common import JsonOpt, emit_json
from chainatlas.api.cli.data import BundleArg, ScopeOpt, StrictOpt, reject
from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.settings import get_settings
from chainatlas.graph.stores import open_load_target
from chainatlas.loaders import read_bundle
from chainatlas.loaders.diff import Diff, Item
from chainatlas.loaders.load import plan_load

MARK = {"add": "+", "change": "~", "end": "-"}


def _label(item: Item) -> str:
    parts = [f"{v} {item.names[k]}" if k in item.names else str(v) for k, v in item.key.items()]
    return " · ".join(parts)


def _fields(item: Item) -> str:
    return "; ".join(f"{k}: {old} → {new}" for k, (old, new) in item.fields.items())


def print_diff(diff: Diff, console: Console) -> None:
    """The diff as people read it: per table, one line per row added (+), changed (~) or
    ended (-), with ids and names, then the counts."""
    scope = "no scope: nothing is ended" if diff.scope is None else f"scope {diff.scope}"
    console.print(f"[bold]{escape(diff.bundle)}[/] on {diff.day.isoformat()} ({escape(scope)})")
    for table, d in diff.tables.items():
        lines = [(kind, i) for kind in ("add", "change", "end") for i in getattr(d, kind)]
        if not lines:
            continue
        console.print(f"[bold]{table.value}[/]")
        for kind, item in lines:
            detail = f"  ({_fields(item)})" if item.fields else ""
            console.print(escape(f"  {MARK[kind]} {_label(item)}{detail}"), highlight=False)
    counts = [
        f"{t.value} +{len(d.add)} ~{len(d.change)} -{len(d.end)}"
        for t, d in diff.tables.items()
        if d.add or d.change or d.end
    ]
    console.print("changes: " + (", ".join(counts) if counts else "none"), highlight=False)


def diff(
    bundle: BundleArg,
    scope: ScopeOpt = None,
    strict: StrictOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Show what loading a bundle would add, change and end 比较数据包与图谱 (writes nothing)."""
    try:
        valid = read_bundle(bundle, strict=strict)
    except BundleInvalid as e:
        reject(bundle, e, json_out=json_out)
    with open_load_target(get_settings()) as store:
        plan = plan_load(store, valid, scope=scope, day=date.today())
    doc: dict[str, Any] = plan.to_dict()
    if json_out:
        emit_json(doc)
        return
    print_diff(plan, Console(file=sys.stdout, soft_wrap=True))
