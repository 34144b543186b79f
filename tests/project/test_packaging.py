"""The built wheel is one import root, ``chainatlas``, and carries what the installed program
needs: every Cypher statement, the demo bundle, the assets, and the console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from chainatlas.graph.model import Table
from tests.support import ROOT

#: repository folder -> installed package (pyproject.toml [tool.setuptools.package-dir])
LAYERS = {
    "graph": "chainatlas.graph",
    "loaders": "chainatlas.loaders",
    "api": "chainatlas.api",
    "viz": "chainatlas.viz",
    "cypher": "chainatlas.cypher",
    "data": "chainatlas.data",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel, and everything the build printed (pip -v shows the backend's warnings)."""
    out = tmp_path_factory.mktemp("wheel")
    # setuptools builds in the tree and copies into build/lib over what an earlier build left:
    # a statement renamed since would ship under both names (git ignores build/)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-v",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (whl,) = out.glob("chainatlas-*.whl")
    return whl, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def wheel(built: tuple[Path, str]) -> Path:
    return built[0]


def test_wheel_top_level_is_chainatlas_alone(wheel: Path) -> None:
    """One import root: nothing else in site-packages can be overwritten by this wheel."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    tops = {n.split("/", 1)[0] for n in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"chainatlas", f"chainatlas-{version}.dist-info"}


def test_build_prints_no_ignored_package_warning(built: tuple[Path, str]) -> None:
    _, log = built
    assert "would be ignored" not in log.lower()
    assert "absent from the `packages` configuration" not in log


def test_wheel_carries_every_cypher_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"chainatlas/cypher/{p.name}" for p in (ROOT / "cypher").glob("*.cypher")}
    assert expected and expected <= names


def test_wheel_carries_the_demo_bundle(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"chainatlas/data/demo/{p.name}" for p in (ROOT / "data" / "demo").glob("*.csv")}
    assert len(expected) == len(Table) and expected <= names


def test_wheel_carries_the_demo_catalogue(wheel: Path) -> None:
    """The hand-written source of the demo ships beside the bundle it builds."""
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = ROOT / "data" / "catalogue"
    expected = {f"chainatlas/data/catalogue/{p.name}" for p in folder.iterdir() if p.is_file()}
    assert "chainatlas/data/catalogue/firms.csv" in expected and expected <= names


def _declared() -> set[str]:
    return set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )


def _folders() -> set[str]:
    """Every folder of the layout as the package it installs as (data folders included)."""
    found = {"chainatlas"}
    for folder, package in LAYERS.items():
        found.add(package)
        for p in (ROOT / folder).rglob("*"):
            if p.is_dir() and p.name != "__pycache__":
                found.add(".".join([package, *p.relative_to(ROOT / folder).parts]))
    return found


def test_every_folder_of_the_layout_is_declared() -> None:
    """setuptools lists packages one by one (pyproject.toml): a subpackage left out imports
    from a checkout but not from an installed wheel, and a data folder left out is warned
    about as a package that "would be ignored"."""
    assert _folders() == _declared()


def test_package_dir_maps_each_layer_to_its_folder() -> None:
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    assert mapping == {"chainatlas": "chainatlas", **{v: k for k, v in LAYERS.items()}}


@pytest.mark.parametrize("folder", sorted(LAYERS))
def test_checkout_links_each_layer_into_the_root_package(folder: str) -> None:
    """``chainatlas/<layer>`` is a symlink to the top-level folder, so a checkout imports the
    same ``chainatlas.*`` names as the wheel (CONTRIBUTING.md)."""
    link = ROOT / "chainatlas" / folder
    assert link.is_symlink() and link.resolve() == (ROOT / folder).resolve()


def test_wheel_carries_static_assets_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = {
        "chainatlas/" + p.relative_to(ROOT).as_posix()
        for folder in ("viz/static", "viz/templates", "api/static")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert assets and assets <= names
    assert "chainatlas/py.typed" in names


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        (ep,) = [n for n in z.namelist() if n.endswith("entry_points.txt")]
        assert "chainatlas = chainatlas.api.cli:main" in z.read(ep).decode()


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a bare directory (no dependencies: they come from this venv)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def _run_installed(installed: Path, code: str, cwd: Path) -> str:
    """``code`` run from ``installed`` with the source tree and the editable install out of
    sight (python -S skips .pth files; ``-c`` in ``cwd`` puts no checkout on the path)."""
    deps = sysconfig.get_paths()["purelib"]
    proc = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];" + code,
            str(installed),
            deps,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_installed_package_loads_every_statement(installed: Path, tmp_path: Path) -> None:
    """Each statement and the demo bundle are read from the installed package."""
    code = (
        "import chainatlas; from chainatlas.graph import cypher; from importlib import resources;"
        "from chainatlas.loaders.demo import demo_bundle_path;"
        "here = str(resources.files('chainatlas.cypher'));"
        "assert here.startswith(sys.argv[1]), here;"
        "assert str(demo_bundle_path()).startswith(sys.argv[1]);"
        "assert (demo_bundle_path() / 'enterprises.csv').is_file();"
        "names = cypher.names(); [cypher.statement(n) for n in names]; print(len(names))"
    )
    out = _run_installed(installed, code, tmp_path)
    assert int(out) == len(list((ROOT / "cypher").glob("*.cypher")))


def test_installed_package_serves_its_pages_and_assets(installed: Path, tmp_path: Path) -> None:
    """The installed program draws the map: its templates and assets are found by the
    installed package's own name (a page once asked for a top-level ``viz`` that exists only
    in a checkout: every page answered 500 outside the tests)."""
    code = (
        "import os; os.environ['CHAINATLAS_HOME'] = os.path.abspath('home');"
        "os.environ['CHAINATLAS_ANONYMOUS_READ'] = 'true';"
        "from fastapi.testclient import TestClient; from chainatlas.api.app import create_app;"
        "from chainatlas.loaders.demo import demo_bundle_path;"
        "from chainatlas.viz.assets import ASSETS, asset_bytes;"
        "assert all(asset_bytes(name) for name in ASSETS);"
        "app = create_app(data=demo_bundle_path());"
        "c = TestClient(app, base_url='http://localhost').__enter__();"
        "pages = [c.get(p) for p in ('/map', '/report', '/geo', '/view/assets/atlas.js')];"
        "print(*[r.status_code for r in pages]);"
        "assert 'vis-network' in pages[0].text or 'atlas' in pages[0].text"
    )
    out = _run_installed(installed, code, tmp_path)
    assert out.split() == ["200"] * 4
