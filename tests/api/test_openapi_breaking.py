"""Changes that break clients need a release (issue 17, item 7).

oasdiff (https://github.com/oasdiff/oasdiff, a maintained Go tool; scripts/setup installs
it into .venv/bin) compares docs/openapi.json with the snapshots in git history. The rule, on
a branch and on main alike (it needs no branch base):

- within one ``info.version``, nothing may break clients: the snapshot is compared with the
  first one committed under the same version;
- a breaking change (a path, operation, answer field or enum value removed, a parameter newly
  required, …) compared with the last snapshot of the previous version needs a major bump
  (minor before 1.0) and a ``## [x.y.z]`` section in CHANGELOG.md.

Without oasdiff these tests skip, but fail under ``CI=true``.
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


def history() -> list[tuple[str, Doc]]:
    """The committed snapshots, newest first, with their commits."""
    found = []
    for commit in git("log", "--format=%H", "--", str(SNAPSHOT)).stdout.split():
        shown = git("show", f"{commit}:{SNAPSHOT}")
        if shown.returncode == 0:
            found.append((commit, json.loads(shown.stdout)))
    return found


Snapshot = tuple[str, Doc]


def baselines(version: str, snapshots: list[Snapshot]) -> tuple[Snapshot | None, Snapshot | None]:
    """From ``snapshots`` (newest first): the first one of ``version`` (what must still work)
    and the last one of the version before (what a breaking change is a release from)."""
    first_of_version = None
    for commit, doc in snapshots:
        if doc["info"]["version"] != version:
            return first_of_version, (commit, doc)
        first_of_version = (commit, doc)
    return first_of_version, None


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
    # a name no operation has (as_of is an optional parameter of /api/chains now)
    parameter = {"name": "tenant", "in": "query", "required": True, "schema": {"type": "string"}}
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


# -- the history of this checkout -----------------------------------------------------------
def doc(version: str, name: str) -> Doc:
    return {"info": {"version": version}, "name": name}


def test_baselines_are_the_first_of_this_version_and_the_last_before() -> None:
    snapshots = [
        ("c4", doc("0.2.0", "d")),
        ("c3", doc("0.2.0", "c")),
        ("c2", doc("0.1.0", "b")),
        ("c1", doc("0.1.0", "a")),
    ]
    assert baselines("0.2.0", snapshots) == (snapshots[1], snapshots[2])
    assert baselines("0.3.0", snapshots) == (None, snapshots[0])
    assert baselines("0.1.0", snapshots[2:]) == (snapshots[3], None)
    assert baselines("0.1.0", []) == (None, None)


def test_nothing_breaks_clients_within_a_version(tmp_path: Path) -> None:
    current = committed()
    same, _ = baselines(current["info"]["version"], history())
    if same is None:
        pytest.skip(f"no {SNAPSHOT} of this version is committed yet")
    commit, first = same
    is_breaking, report = breaking(first, current, tmp_path)
    assert not is_breaking, (
        f"{SNAPSHOT} breaks clients of version {current['info']['version']} as committed in "
        f"{commit[:10]}:\n\n{report}\nA breaking change needs a new version (major; minor "
        "before 1.0) and a CHANGELOG.md section for it."
    )


def test_a_version_that_breaks_clients_is_a_release(tmp_path: Path) -> None:
    current = committed()
    _, before = baselines(current["info"]["version"], history())
    if before is None:
        pytest.skip(f"no {SNAPSHOT} of an earlier version is committed")
    commit, previous = before
    is_breaking, report = breaking(previous, current, tmp_path)
    if not is_breaking:
        return
    lacking = release_problems(
        previous["info"]["version"],
        current["info"]["version"],
        (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"),
    )
    assert not lacking, (
        f"The API breaks clients of {previous['info']['version']} ({commit[:10]}):\n\n"
        f"{report}\nA breaking change needs: " + "; ".join(lacking)
    )
