"""One source for each shared word (graph/vocab.py, graph/model.py): the layers use it, and
no copy of it creeps back into the code."""

from __future__ import annotations

import csv
import re
from typing import Any

import pytest

from chainatlas.api import deps
from chainatlas.api.app import create_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN, CoopKind, Stage
from chainatlas.graph.vocab import (
    COMPANY_FORMS,
    DISTRICTS,
    ELSEWHERE,
    ID_PATTERN,
    ID_RE,
    PLACE_PREFIXES,
)
from chainatlas.loaders import cells, names
from chainatlas.viz import style
from tests.support import ROOT

CODE = ("graph", "loaders", "api", "viz", "scripts", "bench")

#: a literal that only the one source may spell out -> the file that holds it
SOURCES = {
    "A-Za-z0-9_.-]{1,64}": "graph/vocab.py",
    '"有限责任公司"': "graph/vocab.py",
    '"中游"': "graph/model.py",
    '"人才"': "graph/model.py",
    '"Shangyu"': "graph/vocab.py",
}


def _spelled_in(literal: str) -> set[str]:
    found = set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            if literal in path.read_text(encoding="utf-8"):
                found.add(path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.parametrize("literal", sorted(SOURCES))
def test_only_the_source_spells_it_out(literal: str) -> None:
    assert _spelled_in(literal) == {SOURCES[literal]}


def _patterns(spec: dict[str, Any]) -> set[str]:
    found = set()
    for ops in spec["paths"].values():
        for op in ops.values():
            for param in op.get("parameters", []):
                schema = param.get("schema", {})
                for alt in (schema, *schema.get("anyOf", [])):
                    if "pattern" in alt:
                        found.add(alt["pattern"])
    return found


def test_api_id_parameters_use_the_graph_id_rule() -> None:
    from chainatlas.api.routers.bundles import SCOPE_PATTERN

    assert deps.ID_PATTERN is ID_PATTERN
    # every pattern is the id rule, but the upload's ``scope`` (``all``, ``region=…``,
    # ``source=…``: a load's scope, no id)
    assert _patterns(create_app(store=MemoryStore()).openapi()) == {ID_PATTERN, SCOPE_PATTERN}


def test_bundle_cells_use_the_graph_id_rule() -> None:
    assert vars(cells)["ID_RE"] is ID_RE and ID_RE.pattern == ID_PATTERN
    assert re.fullmatch(ID_PATTERN[1:-1], "E0001") and not ID_RE.match("x" * 65)


def test_name_matching_and_canvas_labels_share_company_forms_and_places() -> None:
    assert set(COMPANY_FORMS) <= set(names.LEGAL_SUFFIXES)
    assert names.REGION_PREFIXES is PLACE_PREFIXES
    assert style.short_name("宁波北仑甲石化集团有限公司") == "甲石化"
    assert names.name_key("宁波北仑甲石化集团有限公司") == "甲石化"


def test_views_label_stages_and_kinds_as_the_model_does() -> None:
    assert tuple((s.value, STAGE_EN[s]) for s in Stage) == style.STAGES
    assert {k: en for k, (en, _) in style.COOP_KINDS.items()} == {
        k.value: en for k, en in COOP_KIND_EN.items()
    }
    assert list(style.COOP_KINDS) == [k.value for k in CoopKind]


def test_every_district_has_a_colour_and_elsewhere_comes_last() -> None:
    assert [d[:3] for d in style.DISTRICTS] == [tuple(d) for d in (*DISTRICTS, ELSEWHERE)]
    assert set(style.DISTRICT_COLOUR) == {d.id for d in (*DISTRICTS, ELSEWHERE)}
    assert len(set(style.DISTRICT_COLOUR.values())) == len(style.DISTRICT_COLOUR)


def test_the_demo_regions_are_the_districts() -> None:
    with (ROOT / "data" / "demo" / "regions.csv").open(encoding="utf-8") as f:
        regions = {(r["id"], r["name"], r["name_en"]) for r in csv.DictReader(f)}
    assert regions == {tuple(d) for d in DISTRICTS}
