"""The TypeScript client generated from docs/openapi.json works (issue 17, item 6): types from
openapi-typescript (clients/typescript/generate.mjs), requests through openapi-fetch; tsc
(strict) checks clients/typescript/journey.ts against them with ``--noEmit``, and node runs the
journey against a live ``chainatlas serve``: search, a firm, match suppliers, supply paths,
impact, a 404 read as a typed ProblemDetails, a bundle upload with ``dry_run``.

The tools are the versions pinned in clients/typescript/package-lock.json, which scripts/setup
installs with npm into .venv/tools/typescript; the test itself needs no network. Without node
or the tools it skips, but fails under ``CI=true``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from chainatlas.api.cli.contract import SNAPSHOT
from tests.support import ROOT
from tests.support.api import KEY_OF
from tests.support.bundles import GOOD
from tests.support.live import TOOLS, bundle, missing, run, serve

CLIENT = ROOT / "clients" / "typescript"
SOURCES = ("generate.mjs", "tsconfig.json", "journey.ts")


def node_modules() -> Path:
    """The installed tools (after checking node is there and they are the pinned versions)."""
    if shutil.which("node") is None:
        missing("node is not installed (Node 20: https://nodejs.org/)")
    found = TOOLS / "typescript" / "node_modules"
    pins = json.loads((CLIENT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for name, version in pins.items():
        manifest = found / name / "package.json"
        if not manifest.exists():
            missing(f"{name} is not installed (scripts/setup installs it in {found.parent})")
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        assert installed == version, f"{name} {installed} installed, {version} pinned"
    return found


def prepare(folder: Path, tools: Path) -> None:
    for name in SOURCES:
        shutil.copy(CLIENT / name, folder / name)
    (folder / "node_modules").symlink_to(tools, target_is_directory=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the client's sources, the tools and the types generated from the
    committed document."""
    tools = node_modules()
    folder = tmp_path_factory.mktemp("typescript")
    prepare(folder, tools)
    generated = run("node", "generate.mjs", ROOT / SNAPSHOT, "schema.d.ts", cwd=folder)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    return folder


def tsc(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("node", folder / "node_modules" / "typescript" / "bin" / "tsc", *args, cwd=folder)


@pytest.mark.slow
def test_the_generated_client_type_checks_and_completes_the_journey(
    workspace: Path, tmp_path: Path
) -> None:
    checked = tsc(workspace, "--noEmit", "-p", "tsconfig.json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # the checked journey as JavaScript for node 20 (which runs no TypeScript)
    emitted = tsc(workspace, "--noCheck", "-p", "tsconfig.json")
    assert emitted.returncode == 0, emitted.stdout + emitted.stderr
    (workspace / "out" / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")

    upload = bundle(GOOD, tmp_path / "bundle.zip")
    home = tmp_path / "home"
    home.mkdir()
    with serve(GOOD, home) as base:
        journey = run(
            "node", "out/journey.js", base, KEY_OF["viewer"], KEY_OF["editor"], upload,
            cwd=workspace,
        )  # fmt: skip
    assert journey.returncode == 0, journey.stdout + journey.stderr
    lines = journey.stdout.splitlines()
    assert lines[-1] == "journey complete", journey.stdout
    assert "ok   unknown firm is a typed ProblemDetails" in lines
    assert "FAIL" not in journey.stdout


@pytest.mark.slow
def test_tsc_refuses_a_journey_that_reads_a_field_the_answer_lacks(
    workspace: Path, tmp_path: Path
) -> None:
    """The check can fail: the types are the document's, not ``any``."""
    prepare(tmp_path, workspace / "node_modules")
    shutil.copy(workspace / "schema.d.ts", tmp_path / "schema.d.ts")
    journey = tmp_path / "journey.ts"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("paths[0]?.nodes[0]", "paths[0]?.firms[0]"), encoding="utf-8")
    checked = tsc(tmp_path, "--noEmit", "-p", "tsconfig.json")
    assert checked.returncode != 0
    assert "Property 'firms' does not exist" in checked.stdout, checked.stdout
