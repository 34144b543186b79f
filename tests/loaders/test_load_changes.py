"""The demo scenario of docs/changes.md on both stores: the demo is change set 1, its second
month (tests/support/demo_changes.py) change set 2, and reverting 2 gives the demo back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from chainatlas.graph.model import Label
from chainatlas.graph.revert import revert
from chainatlas.graph.store import EDGE_RELS, GraphStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.demo import demo_bundle_path
from tests.support import demo_changes

DAY_BEFORE, DAY_AFTER = date(2026, 10, 31), date(2026, 11, 2)


def answers(store: GraphStore, as_of: date | None = None) -> dict[str, Any]:
    return {
        "stats": store.stats(as_of=as_of),
        "edges": {rel.value: store.edges(rel, as_of=as_of) for rel in EDGE_RELS},
        "firms": store.nodes(Label.ENTERPRISE),
    }


def test_second_month_is_counted_and_reverted(store: GraphStore, tmp_path: Path) -> None:
    first = load_bundle(store, demo_bundle_path(), author="li").change_set
    assert first is not None and first["id"] == 1
    demo, demo_before = answers(store), answers(store, DAY_BEFORE)
    report = load_bundle(store, demo_changes.second_month(tmp_path / "demo"), author="wang")
    assert report.change_set is not None
    counts = {
        t: {op: n for op, n in per.items() if n} for t, per in report.change_set["counts"].items()
    }
    assert counts == {
        "enterprises": {"added": 2},
        "produces": {"changed": 1},
        "supplies": {"added": 4, "ended": 5},
    }
    assert [c["author"] for c in store.change_sets()] == ["wang", "li"]

    def pairs(edges: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
        return [(e["source"], e["target"], e["key"]) for e in edges]

    on_the_day_before = pairs(answers(store, DAY_BEFORE)["edges"]["SUPPLIES"])
    assert on_the_day_before == pairs(demo_before["edges"]["SUPPLIES"])
    after = store.stats(as_of=DAY_AFTER)["supply_edges"]
    assert after == demo_before["stats"]["supply_edges"] - 5 + 4
    revert(store, 2, author="zhao")
    assert answers(store) == demo
