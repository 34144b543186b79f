"""Changes that break clients need a release (issue 17, item 7).

oasdiff (https://github.com/oasdiff/oasdiff, a maintained Go tool; scripts/setup installs
it into .venv/bin) compares the snapshot of the branch's base with this branch's
docs/openapi.json. A breaking change (a path, operation, answer field or enum value removed, a
parameter newly required, …) passes only with a new version (major; minor before 1.0) that
CHANGELOG.md has a section for. Without oasdiff these tests skip, but fail under ``CI=true``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chainatlas.api.cli.contract import SNAPSHOT
from tests.support import ROOT

IN_CI = os.environ.get("CI", "").lower() == "true"
#: where to look for the branch's base, first found wins
BASES = (os.environ.get("CHAINATLAS_API_BASE", ""), "origin/main", "main")
Doc = dict[str, Any]


def oasdiff() -> str:
    """The oasdiff binary: $OASDIFF, on PATH, or beside this Python (.venv/bin)."""
    found = os.environ.get("OASDIFF") or shutil.which("oasdiff")
    beside = Path(sys.executable).parent / "oasdiff"
    if not found and beside.exists():
        found = str(beside)
    if not found:
        message = "oasdiff is not installed (scripts/setup installs it with Go)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def breaking(base: Doc, revision: Doc, tmp_path: Path) -> tuple[bool, str]:
    """Whether oasdiff finds an error-level (breaking) change from ``base`` to ``revision``,
    and its report."""
    files = []
    for name, doc in (("base", base), ("revision", revision)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    run = subprocess.run(
        [oasdiff(), "breaking", *files, "--fail-on", "ERR"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if run.returncode not in (0, 1):
        raise RuntimeError(f"oasdiff failed ({run.returncode}): {run.stderr}")
    return run.returncode == 1, run.stdout


def release_problems(old: str, new: str, changelog: str) -> list[str]:
    """What a breaking change from version ``old`` to ``new`` still lacks."""
    before, after = (tuple(int(n) for n in v.split(".")[:3]) for v in (old, new))
    # semantic versioning: the major number; before 1.0, the minor one
    part = 0 if before[0] >= 1 else 1
    problems = []
    if after[: part + 1] <= before[: part + 1]:
        problems.append(f"version {new} is not a {'major' if part == 0 else 'minor'} bump of {old}")
    if not re.search(rf"^## \[{re.escape(new)}\]", changelog, flags=re.M):
        problems.append(f"CHANGELOG.md has no section `## [{new}]`")
    return problems


def committed() -> Doc:
    doc: Doc = json.loads((ROOT / SNAPSHOT).read_text(encoding="utf-8"))
    return doc


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
    )


def base_snapshot() -> tuple[str, Doc] | None:
    """The branch's base commit and the snapshot committed there (None if it has none)."""
    for ref in filter(None, BASES):
        if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0:
            base = git("merge-base", "HEAD", ref).stdout.strip()
            shown = git("show", f"{base}:{SNAPSHOT}")
            return (base, json.loads(shown.stdout)) if shown.returncode == 0 else None
    return None


# -- the release rule -------------------------------------------------------------------------
CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n- removed `depth`\n"


@pytest.mark.parametrize(
    "old, new, changelog, lacking",
    [
        ("0.1.0", "0.2.0", CHANGELOG, []),
        ("0.1.0", "0.1.1", "## [0.1.1]\n", ["version 0.1.1 is not a minor bump of 0.1.0"]),
        ("0.1.0", "0.2.0", "## [Unreleased]\n", ["CHANGELOG.md has no section `## [0.2.0]`"]),
        ("1.4.2", "1.5.0", "## [1.5.0]\n", ["version 1.5.0 is not a major bump of 1.4.2"]),
        ("1.4.2", "2.0.0", "## [2.0.0]\n", []),
    ],
)
def test_a_breaking_change_needs_a_bump_and_a_changelog_section(
    old: str, new: str, changelog: str, lacking: list[str]
) -> None:
    assert release_problems(old, new, changelog) == lacking


# -- oasdiff sees what breaks clients ---------------------------------------------------------
def remove_answer_field(doc: Doc) -> None:
    tiers = doc["components"]["schemas"]["Tiers"]
    del tiers["properties"]["depth"]
    tiers["required"].remove("depth")


def remove_enum_value(doc: Doc) -> None:
    doc["components"]["schemas"]["Format"]["enum"].remove("gexf")


def require_new_parameter(doc: Doc) -> None:
    parameter = {"name": "as_of", "in": "query", "required": True, "schema": {"type": "string"}}
    doc["paths"]["/api/chains"]["get"].setdefault("parameters", []).append(parameter)


def remove_operation(doc: Doc) -> None:
    del doc["paths"]["/api/gaps"]


BREAKING: dict[str, tuple[Callable[[Doc], None], str]] = {
    "answer field removed": (remove_answer_field, "response-required-property-removed"),
    "enum value removed": (remove_enum_value, "request-parameter-enum-value-removed"),
    "new required parameter": (require_new_parameter, "new-required-request-parameter"),
    "operation removed": (remove_operation, "api-path-removed"),
}


@pytest.mark.parametrize("change", list(BREAKING))
def test_oasdiff_calls_each_change_breaking(change: str, tmp_path: Path) -> None:
    mutate, rule = BREAKING[change]
    revision = copy.deepcopy(committed())
    mutate(revision)
    found, report = breaking(committed(), revision, tmp_path)
    assert found, report
    assert rule in report


def test_oasdiff_lets_an_added_optional_field_through(tmp_path: Path) -> None:
    revision = copy.deepcopy(committed())
    revision["components"]["schemas"]["Tiers"]["properties"]["as_of"] = {"type": "string"}
    found, report = breaking(committed(), revision, tmp_path)
    assert not found, report
    assert "No breaking changes" in report


# -- this branch ------------------------------------------------------------------------------
def test_this_branch_breaks_no_client_without_a_release(tmp_path: Path) -> None:
    found = base_snapshot()
    if found is None:
        pytest.skip(f"the base has no {SNAPSHOT} yet: this snapshot is the first")
    base_commit, base = found
    revision = committed()
    is_breaking, report = breaking(base, revision, tmp_path)
    if not is_breaking:
        return
    lacking = release_problems(
        base["info"]["version"],
        revision["info"]["version"],
        (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"),
    )
    assert not lacking, (
        f"The API breaks clients compared with {base_commit[:10]}:\n\n{report}\n"
        "A breaking change needs: " + "; ".join(lacking)
    )
