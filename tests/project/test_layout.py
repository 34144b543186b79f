"""The test tree's rules: a test module imports helpers only from ``tests.support`` and
``tests.data``, never another test module or a conftest; and no module of it is over 400 lines.

A test module that imports another one runs (or re-collects) the other's tests and fixtures
under a second name, and couples two suites that only share a topic; what they share belongs
in tests/support/ (helpers) or in a folder's conftest.py (fixtures), which pytest finds by
itself.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from pathlib import Path

import pytest

from tests.support import ROOT

TESTS = ROOT / "tests"
#: the packages under tests/ that hold helpers rather than tests
HELPERS = ("tests.support", "tests.data")
#: lines; a longer module holds more than one theme (split it, helpers to tests/support)
LIMIT = 400


def module_name(path: Path) -> str:
    """``tests/api/test_app.py`` -> ``tests.api.test_app`` (a package is its ``__init__``)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(
    source: str, module: str, known: Collection[str], *, is_package: bool = False
) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, relative imports resolved.

    ``from P import n`` imports ``P.n`` when that is one of the ``known`` modules, else ``P``.

    >>> known = {"tests.api.test_b", "tests.support"}
    >>> sorted(imported_modules("from .test_b import x", "tests.api.test_a", known))
    ['tests.api.test_b']
    >>> sorted(imported_modules("from .. import support, ROOT", "tests.api.test_a", known))
    ['tests', 'tests.support']
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                target = ".".join([*parts, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                name = f"{target}.{alias.name}"
                found.add(name if name in known else target)
    return found


def forbidden(imports: set[str]) -> list[str]:
    """The imports of modules under ``tests`` other than the helpers (sorted).

    >>> forbidden({"pytest", "tests", "tests.support.api", "tests.data.make_bad"})
    []
    >>> forbidden({"tests.api.test_app", "tests.api.routers.conftest", "tests.supportive"})
    ['tests.api.routers.conftest', 'tests.api.test_app', 'tests.supportive']
    """
    return sorted(
        name
        for name in imports
        if name.startswith("tests.")
        and name not in HELPERS
        and not name.startswith(tuple(f"{helper}." for helper in HELPERS))
    )


def python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


#: modules of a made-up test tree, for the rule's own tests
KNOWN = {
    "tests.api.test_app",
    "tests.api.routers.conftest",
    "tests.e2e.test_login",
    "tests.e2e.test_pages",
    "tests.graph.test_errors",
    "tests.support",
    "tests.support.api",
    "tests.support.compose",
    "tests.data.make_bad",
}


@pytest.mark.parametrize(
    ("source", "module", "bad"),
    [
        (
            "from tests.api.test_app import app_client",
            "tests.api.test_auth",
            ["tests.api.test_app"],
        ),
        ("import tests.graph.test_errors", "tests.viz.test_render", ["tests.graph.test_errors"]),
        (
            "from tests.api import test_app",
            "tests.api.test_auth",
            ["tests.api.test_app"],
        ),
        ("from .test_app import helper", "tests.api.test_auth", ["tests.api.test_app"]),
        ("from . import test_app", "tests.api.test_auth", ["tests.api.test_app"]),
        ("from ..e2e.test_login import _serve", "tests.api.test_auth", ["tests.e2e.test_login"]),
        (
            "from tests.api.routers.conftest import CATALYST",
            "tests.api.test_x",
            ["tests.api.routers.conftest"],
        ),
        (
            "def f():\n    from tests.e2e import test_pages",
            "tests.e2e.test_login",
            ["tests.e2e.test_pages"],
        ),
        ("from tests.support.api import client", "tests.api.test_auth", []),
        ("from tests.data import make_bad", "tests.loaders.test_corpus", []),
        ("from tests.support import ROOT, reference", "tests.api.session.conftest", []),
        ("from . import compose", "tests.support.session", []),
        ("from chainatlas.graph import queries", "tests.graph.test_api", []),
    ],
)
def test_the_rule_tells_a_test_module_from_a_helper(
    source: str, module: str, bad: list[str]
) -> None:
    assert forbidden(imported_modules(source, module, KNOWN)) == bad


def test_the_tree_is_scanned() -> None:
    names = {module_name(p) for p in python_files()}
    # a test module, a conftest and a helper from three folders: the walk reaches them all
    assert {"tests.project.test_layout", "tests.conftest", "tests.support.api"} <= names


def test_no_test_module_imports_another() -> None:
    paths = python_files()
    known = {module_name(path) for path in paths}
    offences = {}
    for path in paths:
        source = path.read_text(encoding="utf-8")
        is_package = path.name == "__init__.py"
        bad = forbidden(imported_modules(source, module_name(path), known, is_package=is_package))
        if bad:
            offences[str(path.relative_to(ROOT))] = bad
    assert offences == {}, "import helpers from tests.support (fixtures: the folder's conftest.py)"


def test_no_test_module_is_over_the_limit() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in python_files()
    }
    assert max(lengths.values()) > 50  # the files are really read
    assert {path: n for path, n in lengths.items() if n > LIMIT} == {}
