"""The built wheel carries what the installed program needs: every Cypher statement, the demo
bundle, and the console script."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("chainatlas-*.whl")
    return whl


def test_wheel_carries_every_cypher_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"cypher/{p.name}" for p in (ROOT / "cypher").glob("*.cypher")}
    assert expected and expected <= names


def test_wheel_carries_the_demo_bundle(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"chainatlas_data/demo/{p.name}" for p in (ROOT / "data" / "demo").glob("*.csv")}
    assert len(expected) == 9 and expected <= names


LAYERS = ("graph", "loaders", "api", "viz", "cypher")


def test_every_package_of_the_layout_ships() -> None:
    """setuptools lists packages one by one (pyproject.toml): a subpackage left out imports
    from a checkout but not from an installed wheel."""
    declared = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for layer in LAYERS
        for p in (ROOT / layer).rglob("__init__.py")
    }
    assert found <= declared


def test_wheel_carries_static_assets_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = {
        p.relative_to(ROOT).as_posix()
        for folder in ("viz/static", "viz/templates", "api/static")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert assets and assets <= names


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        (ep,) = [n for n in z.namelist() if n.endswith("entry_points.txt")]
        assert "chainatlas = api.cli:main" in z.read(ep).decode()


def test_installed_package_loads_every_statement(wheel: Path, tmp_path: Path) -> None:
    """Install the wheel into a bare directory and read each statement from there, with the
    source tree and the editable install out of sight (python -S skips .pth files)."""
    target = tmp_path / "site"
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
    deps = sysconfig.get_paths()["purelib"]
    code = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from graph import cypher; from importlib import resources;"
        "assert str(resources.files('cypher')).startswith(sys.argv[1]), resources.files('cypher');"
        "names = cypher.names(); [cypher.statement(n) for n in names]; print(len(names))"
    )
    proc = subprocess.run(
        [sys.executable, "-S", "-c", code, str(target), deps],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(proc.stdout) == len(list((ROOT / "cypher").glob("*.cypher")))
