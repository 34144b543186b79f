"""The Python client generated from docs/openapi.json works (issue 17, item 6): it generates
without a warning (``openapi-python-client --fail-on-warning``), passes ``mypy --strict``
together with clients/python/journey.py, and that journey runs against a live
``chainatlas serve`` (search, a firm, match suppliers, supply paths, impact, a 404 read as a
typed ProblemDetails, a bundle upload with ``dry_run``). No JSON operation returns ``Any``: not
at the top, nor in any field of the models it returns, down to the items (Cypher's rows, which
hold any JSON value, are the one open place).

openapi-python-client lives in its own virtualenv (scripts/setup makes it under
``.venv/tools``; its pins would otherwise move the project's own dependencies). Without it the
test skips, but fails under ``CI=true``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from chainatlas.api.cli.contract import SNAPSHOT
from tests.support import ROOT
from tests.support.api import KEY_OF
from tests.support.bundles import GOOD
from tests.support.live import TOOLS, bundle, missing, run, serve

CLIENT = ROOT / "clients" / "python"
GENERATOR = "openapi-python-client"
#: the generator's own client.py forwards ``*args: object`` to httpx's ``__exit__`` (a flaw of
#: its template, not of our document); everything else is checked strictly
MYPY_CONFIG = """\
[mypy]
strict = True
[mypy-chainatlas_client.client]
disable_error_code = arg-type
"""


#: fields that hold any JSON value by design: a Cypher row's cells
OPEN_FIELDS = {"CypherResult.rows"}
PACKAGE = "chainatlas_client"


def generator() -> Path:
    """$OPENAPI_PYTHON_CLIENT, on PATH, or in .venv/tools beside this Python's venv."""
    tools = TOOLS / GENERATOR / "bin" / GENERATOR
    for found in (os.environ.get("OPENAPI_PYTHON_CLIENT"), shutil.which(GENERATOR), tools):
        if found and Path(found).exists():
            return Path(found)
    missing(f"{GENERATOR} is not installed (scripts/setup puts it in .venv/tools)")
    raise AssertionError("unreachable")  # pragma: no cover


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding the client generated from the committed document."""
    tool = generator()
    folder = tmp_path_factory.mktemp("python-client")
    # the generator runs ruff on what it wrote: its own, from its virtualenv
    path = f"{tool.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = run(
        tool,
        "generate",
        "--path",
        ROOT / SNAPSHOT,
        "--config",
        CLIENT / "config.yml",
        "--meta",
        "none",
        "--output-path",
        folder / PACKAGE,
        "--fail-on-warning",
        PATH=path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr
    return folder


@pytest.mark.slow
def test_the_generated_client_type_checks_and_completes_the_journey(
    generated: Path, tmp_path: Path
) -> None:
    shutil.copy(CLIENT / "journey.py", tmp_path / "journey.py")
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    typed = run(
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        tmp_path / "mypy.ini",
        "--cache-dir",
        tmp_path / ".mypy_cache",
        generated / PACKAGE,
        tmp_path / "journey.py",
        MYPYPATH=str(generated),
    )
    assert typed.returncode == 0, typed.stdout + typed.stderr

    upload = bundle(GOOD, tmp_path / "bundle.zip")
    home = tmp_path / "home"
    home.mkdir()
    with serve(GOOD, home) as base:
        journey = run(
            sys.executable,
            tmp_path / "journey.py",
            base,
            KEY_OF["viewer"],
            KEY_OF["editor"],
            upload,
            PYTHONPATH=str(generated),
        )
    assert journey.returncode == 0, journey.stdout + journey.stderr
    lines = journey.stdout.splitlines()
    assert lines[-1] == "journey complete"
    assert "ok   unknown firm is a typed ProblemDetails" in lines
    assert "FAIL" not in journey.stdout


# -- no Any in what JSON operations return ----------------------------------------------------
def inner_types(hint: object) -> Iterator[object]:
    """``hint`` and every type inside it (``list[X] | None`` -> the union, list[X], X, None)."""
    yield hint
    for arg in typing.get_args(hint):
        yield from inner_types(arg)


def untyped(operations: list[ModuleType], models: ModuleType) -> list[str]:
    """Where ``Any`` appears in the return type of an operation's ``sync``, or in a field
    (``additional_properties`` aside) of a model it returns, followed down to the items."""
    names = vars(models)
    found: list[str] = []
    seen: set[type] = set()

    def look(hint: object, where: str) -> None:
        for inner in inner_types(hint):
            if inner is typing.Any:
                found.append(where)
            elif isinstance(inner, type) and attrs.has(inner) and inner not in seen:
                seen.add(inner)
                fields = typing.get_type_hints(inner, localns=names)
                for field in attrs.fields(inner):
                    if field.name != "additional_properties":
                        look(fields[field.name], f"{inner.__name__}.{field.name}")

    for op in operations:
        look(typing.get_type_hints(op.sync, localns=names)["return"], op.__name__)
    return found


def imported(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[ModuleType], ModuleType]:
    monkeypatch.syspath_prepend(str(generated))
    for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
        monkeypatch.delitem(sys.modules, name)
    api = importlib.import_module(PACKAGE + ".api")
    operations = [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(api.__path__, api.__name__ + ".")
        if not m.ispkg
    ]
    return operations, importlib.import_module(PACKAGE + ".models")


@pytest.mark.slow
def test_no_json_operation_returns_any(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    operations, models = imported(generated, monkeypatch)
    assert len(operations) > 20
    assert set(untyped(operations, models)) == OPEN_FIELDS
    # the counter finds Any where it is: in a field of a model an operation returns
    operation = ModuleType("loose_operation")
    operation.sync = loose_sync  # type: ignore[attr-defined]
    assert untyped([operation], ModuleType("no_models")) == ["Loose.rows"]


@attrs.define
class Loose:
    rows: typing.Any


def loose_sync() -> Loose | None:
    return None
