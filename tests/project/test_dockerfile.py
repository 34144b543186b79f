"""The Dockerfile (base image, install, user, port, healthcheck, command) and what
.dockerignore leaves out of the build context."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib

import pytest

from tests.support import ROOT
from tests.support.compose import DOCKERIGNORE, collect, dockerfile_instructions, dockerfile_last


def test_dockerfile_cmd_runs_chainatlas_serve() -> None:
    assert json.loads(dockerfile_last("CMD")) == [
        "chainatlas",
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "8000",
    ]


def test_dockerfile_builds_on_python_3_11_slim() -> None:
    images = {args.split()[0] for name, args in dockerfile_instructions() if name == "FROM"}
    assert images == {"python:3.11-slim"}


def test_dockerfile_installs_the_project_with_pip() -> None:
    runs = [args for name, args in dockerfile_instructions() if name == "RUN"]
    assert any(re.search(r"\bpip install \.(\s|$)", run) for run in runs)


def test_dockerfile_runs_as_a_non_root_user() -> None:
    user = dockerfile_last("USER").split(":")[0]
    assert user not in {"root", "0"}


def test_dockerfile_exposes_port_8000() -> None:
    assert dockerfile_last("EXPOSE").split() == ["8000"]


def test_dockerfile_healthcheck_probes_api_health_with_urllib() -> None:
    healthcheck = dockerfile_last("HEALTHCHECK")
    assert "urllib.request" in healthcheck and "http://127.0.0.1:8000/api/health" in healthcheck


def test_dockerfile_healthcheck_command_is_valid_python() -> None:
    exec_form = dockerfile_last("HEALTHCHECK").split(" CMD ", 1)[1]
    python, flag, code = json.loads(exec_form)
    assert (python, flag) == ("python", "-c") and compile(code, "<healthcheck>", "exec")


def _ignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    ignored = False
    for pattern in patterns:  # Later lines win, and `!` re-includes, as in Docker.
        negate = pattern.startswith("!")
        if fnmatch.fnmatch(path, pattern.lstrip("!").rstrip("/")):
            ignored = not negate
    return ignored


@pytest.mark.parametrize("path", [".env", ".env.production", ".git", ".venv"])
def test_build_context_leaves_out(path: str) -> None:
    assert _ignored(path)


def _packaged_paths() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = pyproject.get("tool", {}).get("setuptools", {})
    package_dirs = setuptools.get("package-dir", {})
    packages = [package_dirs.get(name, name) for name in setuptools.get("packages", [])]
    readme = pyproject.get("project", {}).get("readme")
    return ["pyproject.toml", *([readme] if isinstance(readme, str) else []), *packages]


@pytest.mark.parametrize("path", collect(_packaged_paths))
def test_build_context_keeps_what_pip_install_needs(path: str) -> None:
    assert not _ignored(path)
