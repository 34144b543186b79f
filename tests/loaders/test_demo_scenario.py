"""Issue 9's demo scenario, on both stores: load data/demo; load the demo a month later
(tests/support/changes.py: 3 firms leave, 5 supply relations end, 2 firms join with 4 new
relations, one capacity doubles) as an authoritative change set. The diff and the history
report exactly those, by name; ``as_of`` the day before answers as before; reverting the
second change set restores the first state answer for answer."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.history import change_facts
from chainatlas.graph.model import Label, Table
from chainatlas.graph.queries import gaps, single_source
from chainatlas.graph.queries.digest import digest
from chainatlas.graph.revert import revert
from chainatlas.graph.store import EDGE_RELS, GraphStore
from chainatlas.loaders import load_bundle, read_bundle
from chainatlas.loaders.diff import parse_scope
from chainatlas.loaders.load import plan_load
from tests.support import changes

DAY = changes.DAY
BEFORE = DAY - timedelta(days=1)
ALL = parse_scope("all")


def answers(store: GraphStore, as_of: Any = None) -> dict[str, Any]:
    """What a reader sees on a day: counts, every edge and firm, gaps, single sources."""
    return {
        "stats": store.stats(as_of=as_of),
        "edges": {rel.value: store.edges(rel, as_of=as_of) for rel in EDGE_RELS},
        "firms": store.nodes(Label.ENTERPRISE, as_of=as_of),
        "gaps": gaps(store, limit=500, as_of=as_of),
        "single": single_source(store, limit=500, as_of=as_of),
    }


def who(store: GraphStore, as_of: Any) -> dict[str, Any]:
    """Who is in the map and who trades with whom on a day (a fact's other properties, a
    capacity, have no valid time: they are as last loaded)."""
    full = answers(store, as_of)
    return {
        "stats": full["stats"],
        "edges": {
            rel: [(e["source"], e["target"], e["key"]) for e in edges]
            for rel, edges in full["edges"].items()
        },
        "firms": [f["id"] for f in full["firms"]],
        "gaps": [g["product_id"] for g in full["gaps"]["gaps"]],
        "single": [(p["product_id"], p["producer"]["id"]) for p in full["single"]["products"]],
    }


def names(store: GraphStore) -> dict[str, str]:
    return {n["id"]: n["name"] for n in store.nodes(Label.ENTERPRISE)}


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changes.changed(tmp_path_factory.mktemp("scenario") / "2026-12")


def test_the_demo_scenario(store: GraphStore, month: Path) -> None:
    first = load_bundle(store, changes.DEMO, author="li", day=DAY).change_set
    assert first is not None and first["id"] == 1
    demo = {d: answers(store, d) for d in (None, BEFORE, DAY)}
    demo_before = who(store, BEFORE)

    # the diff names exactly the month's changes
    plan = plan_load(store, read_bundle(month), scope=ALL, day=DAY).tables
    ids = {
        t: {op: [tuple(i.key.values()) for i in getattr(d, op)] for op in ("add", "end")}
        for t, d in plan.items()
    }
    assert ids[Table.ENTERPRISES] == {
        "add": [(i,) for i in changes.JOINING],
        "end": [(i,) for i in changes.LEAVING],
    }
    assert ids[Table.SUPPLIES] == {
        "add": sorted(changes.NEW_SUPPLIES),
        "end": sorted(changes.ended()),
    }
    (doubled,) = plan[Table.PRODUCES].change
    assert doubled.names["enterprise_id"] == "浙江澜晟氟化工股份有限公司"

    # the load is change set 2, its ends included
    second = load_bundle(store, month, author="wang", scope=ALL, day=DAY).change_set
    assert second is not None and second["id"] == 2
    counts = {t: {op: n for op, n in per.items() if n} for t, per in second["counts"].items()}
    assert counts == {
        "enterprises": {"added": 2, "ended": 3},
        "produces": {"changed": 1, "ended": 4},
        "needs": {"ended": 5},
        "supplies": {"added": 4, "ended": 5},
    }
    assert [(c["id"], c["author"]) for c in store.change_sets()] == [(2, "wang"), (1, "li")]
    facts = change_facts(store, 2)
    firm = names(store)
    by_op = {
        op: sorted(
            firm[f["key"][0]] for f in facts if f["table"] == "enterprises" and f["op"] == op
        )
        for op in ("added", "ended")
    }
    assert by_op == {
        "added": sorted(firm[i] for i in changes.JOINING),
        "ended": sorted(firm[i] for i in changes.LEAVING),
    }
    supplies = {(f["op"], tuple(f["key"])) for f in facts if f["table"] == "supplies"}
    assert supplies == {("added", k) for k in changes.NEW_SUPPLIES} | {
        ("ended", k) for k in changes.ended()
    }
    (cap,) = [f for f in facts if f["table"] == "produces" and f["op"] == "changed"]
    assert tuple(cap["key"]) == changes.DOUBLED[:2]

    # the digest of the day names them too, placed in their chain and district; it places a
    # capacity change on its change set's own (UTC) day, which is DAY unless the run crossed
    # midnight after DAY was read (CI runs this file some twenty minutes after collecting it)
    last = max(DAY, date.fromisoformat(second["at"][:10]))
    told = digest(store, since=BEFORE, until=last)
    listed = {k: [i["id"] for i in told["items"] if i["kind"] == k] for k in told["counts"]}
    assert listed == {
        "firm_joined": list(changes.JOINING),
        "firm_left": list(changes.LEAVING),
        "supply_started": ["|".join(k) for k in sorted(changes.NEW_SUPPLIES)],
        "supply_ended": ["|".join(k) for k in sorted(changes.ended())],
        "capacity_changed": ["|".join(changes.DOUBLED[:2])],
        "gap_opened": [],
        "gap_closed": [],
        "single_source_began": [],
        "single_source_ended": [],
    }
    (grown,) = [i for i in told["items"] if i["kind"] == "capacity_changed"]
    assert (grown["old"], grown["new"], grown["name"]) == (
        changes.DOUBLED[2],
        changes.DOUBLED[3],
        "浙江澜晟氟化工股份有限公司 · 无水氟化氢",
    )
    assert {i["name"] for i in told["items"] if i["kind"] == "firm_left"} == {
        firm[i] for i in changes.LEAVING
    }
    (everything,) = [g for g in told["groups"] if g["scope"] == "all"]
    assert everything["firm_joined"] == 2 and everything["coverage_before"] is not None
    assert digest(store, since=last, until=last)["items"] == []

    # the day before answers as before; the day itself does not
    assert who(store, BEFORE) == demo_before
    assert who(store, DAY) != who(store, BEFORE)

    # reverting the second change set gives the first state back, answer for answer
    undo = revert(store, 2, author="zhao")
    assert undo["reverts"] == 2 and undo["counts"]["enterprises"]["removed"] == 2
    assert {d: answers(store, d) for d in demo} == demo
    after_revert = digest(store, since=BEFORE, until=last)
    assert after_revert["items"] == [] and after_revert["counts"]["capacity_changed"] == 0
