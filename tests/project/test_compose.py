"""The Docker deployment (docker-compose.yml, Dockerfile, .env.example), checked without Docker.

No Docker engine runs in CI, so these tests do by hand what ``docker compose config`` would do:
interpolate ``${VAR}`` references the way Compose does, validate the result against the Compose
Specification JSON schema that check-jsonschema vendors, then check the promises that
docs/deploy.md makes about the stack (health-gated start, sized Neo4j, loopback-only ports,
no anonymous reads, every variable documented in .env.example).

Interpolation uses a fixed mapping, never ``os.environ``, so a developer's shell cannot change
the outcome.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.support import ROOT

COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / ".env.example"

#: Values for the variables the compose file requires (``${VAR:?message}``).
REQUIRED_ENV = {"NEO4J_PASSWORD": "test-password-123", "CHAINATLAS_API_KEYS": "k-admin:admin"}

#: Variables the ChainAtlas settings read (DESIGN.md section 3 plus the API's auth settings).
APP_VARIABLES = (
    "NEO4J_URI",
    "NEO4J_USER",
    "NEO4J_PASSWORD",
    "NEO4J_DATABASE",
    "CHAINATLAS_HOME",
    "CHAINATLAS_API_KEYS",
    "CHAINATLAS_ANONYMOUS_READ",
)


# --- Compose variable interpolation ------------------------------------------------------------


class InterpolationError(ValueError):
    """A required variable without a value, or a malformed ``$`` template."""


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Longest first, so that ``:-`` is not read as ``-`` applied to a name ending in ``:``.
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")
# ``$$`` is consumed first, so ``$${X}`` (an escaped dollar) never yields X.
_REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?|\$([A-Za-z_][A-Za-z0-9_]*)")


def interpolate(text: str, env: Mapping[str, str]) -> str:
    """Substitute variables in one string as Docker Compose does.

    Supported, per the Compose Specification: ``$$`` (a literal ``$``), ``$VAR``, ``${VAR}``,
    ``${VAR:-default}`` (unset or empty), ``${VAR-default}`` (unset), ``${VAR:?message}`` and
    ``${VAR?message}`` (required), ``${VAR:+alt}`` and ``${VAR+alt}`` (replacement), with
    nested references inside defaults. An unset plain ``${VAR}`` becomes ``""``, as in Compose.

    >>> interpolate("${A:-${B:-x}}/$$HOME", {"B": "b"})
    'b/$HOME'
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "$":
            out.append(text[i])
            i += 1
        elif text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            end = _closing_brace(text, i + 2)
            out.append(_substitute(text[i + 2 : end], env, text))
            i = end + 1
        else:
            name = _NAME.match(text, i + 1)
            if name is None:
                raise InterpolationError(f"invalid interpolation format in {text!r}")
            out.append(env.get(name.group(), ""))
            i = name.end()
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(text):
        if text.startswith("$$", i):
            i += 2
            continue
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise InterpolationError(f"unclosed '${{' in {text!r}")


def _substitute(body: str, env: Mapping[str, str], text: str) -> str:
    name = _NAME.match(body)
    if name is None:
        raise InterpolationError(f"invalid interpolation format in {text!r}")
    rest = body[name.end() :]
    value = env.get(name.group())
    if not rest:
        return value or ""
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        raise InterpolationError(f"invalid interpolation format in {text!r}")
    argument = rest[len(operator) :]
    has_value = bool(value) if operator.startswith(":") else value is not None
    if operator.endswith("-"):
        return value if has_value and value is not None else interpolate(argument, env)
    if operator.endswith("?"):
        if not has_value or value is None:
            message = interpolate(argument, env)
            raise InterpolationError(f"required variable {name.group()} is missing: {message}")
        return value
    return interpolate(argument, env) if has_value else ""


def interpolate_tree(node: Any, env: Mapping[str, str]) -> Any:
    """Interpolate every string value of a parsed compose file (keys stay as written)."""
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [interpolate_tree(item, env) for item in node]
    if isinstance(node, dict):
        return {key: interpolate_tree(value, env) for key, value in node.items()}
    return node


def referenced_variables(node: Any) -> dict[str, set[str]]:
    """Map each variable a compose document references to the operators used with it."""
    found: dict[str, set[str]] = {}
    if isinstance(node, str):
        for match in _REFERENCE.finditer(node):
            name = match.group(1) or match.group(3)
            if name:
                found.setdefault(name, set()).add(match.group(2) or "")
    elif isinstance(node, list | dict):
        for item in node.values() if isinstance(node, dict) else node:
            for name, operators in referenced_variables(item).items():
                found.setdefault(name, set()).update(operators)
    return found


@pytest.mark.parametrize(
    ("template", "env", "expected"),
    [
        ("plain", {}, "plain"),
        ("$$", {}, "$"),
        ("$${NOT_ME}", {"NOT_ME": "x"}, "${NOT_ME}"),
        ("${A}", {"A": "a"}, "a"),
        ("$A/b", {"A": "a"}, "a/b"),
        ("${A}", {}, ""),
        ("${A:-d}", {}, "d"),
        ("${A:-d}", {"A": ""}, "d"),
        ("${A:-d}", {"A": "a"}, "a"),
        ("${A-d}", {"A": ""}, ""),
        ("${A-d}", {}, "d"),
        ("${A:?must}", {"A": "a"}, "a"),
        ("${A?must}", {"A": ""}, ""),
        ("${A:+alt}", {"A": "a"}, "alt"),
        ("${A:+alt}", {"A": ""}, ""),
        ("${A+alt}", {"A": ""}, "alt"),
        ("${A:-${B:-x}}", {}, "x"),
        ("${A:-${B}}-${C}", {"B": "b", "C": "c"}, "b-c"),
        ("${H:-127.0.0.1}:${P:-8000}:8000", {"P": "9000"}, "127.0.0.1:9000:8000"),
    ],
)
def test_interpolate_follows_compose_rules(
    template: str, env: dict[str, str], expected: str
) -> None:
    assert interpolate(template, env) == expected


@pytest.mark.parametrize(
    ("template", "env"),
    [("${A:?set A}", {}), ("${A:?set A}", {"A": ""}), ("${A?set A}", {})],
)
def test_interpolate_refuses_a_missing_required_variable(
    template: str, env: dict[str, str]
) -> None:
    with pytest.raises(InterpolationError, match="required variable A"):
        interpolate(template, env)


@pytest.mark.parametrize("template", ["$", "cost: 5$", "${}", "${A", "${A!x}", "${1A}"])
def test_interpolate_refuses_a_malformed_template(template: str) -> None:
    with pytest.raises(InterpolationError):
        interpolate(template, {})


def test_referenced_variables_skip_escaped_dollars() -> None:
    found = referenced_variables({"a": ["$${SHELL_VAR} ${A:?x} $B ${C:-${D}}"]})
    assert found == {"A": {":?"}, "B": {""}, "C": {":-"}, "D": {""}}


# --- Loading ----------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys; Compose refuses them, and so does this."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor`; own keys win
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects


@cache
def raw_compose() -> dict[str, Any]:
    document = load_yaml(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _collect(make: Any) -> list[Any]:
    """Parameters read from the files at collection time; a broken file fails the tests that
    load it instead of the collection of the whole module."""
    try:
        return sorted(make())
    except Exception:
        return ["<unreadable>"]


def compose(**overrides: str) -> dict[str, Any]:
    """The compose file as ``docker compose`` would see it with REQUIRED_ENV (plus overrides)."""
    result = interpolate_tree(copy.deepcopy(raw_compose()), {**REQUIRED_ENV, **overrides})
    assert isinstance(result, dict)
    return result


def service(name: str, **overrides: str) -> dict[str, Any]:
    services = compose(**overrides)["services"]
    assert isinstance(services, dict)
    return dict(services[name])


@cache
def compose_schema() -> dict[str, Any]:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads(vendor.joinpath("compose-spec.json").read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def schema_errors(document: dict[str, Any]) -> list[str]:
    # The schema uses no "format" assertions worth checking (durations are plain strings), so
    # no format checker: only the structural rules Compose itself enforces.
    validator = Draft202012Validator(compose_schema())
    return sorted(
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in validator.iter_errors(document)
    )


@cache
def env_example() -> dict[str, tuple[str, bool]]:
    """``NAME -> (value, active)`` for every ``NAME=value`` line; inactive if commented out."""
    entries: dict[str, tuple[str, bool]] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*(#\s*)?([A-Z_][A-Z0-9_]*)=(.*)", line)
        if match:
            active = match.group(1) is None
            if active or match.group(2) not in entries:
                entries[match.group(2)] = (match.group(3).strip().strip("'\""), active)
    return entries


@cache
def dockerfile_instructions() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` pairs, continuation lines joined and comments dropped."""
    lines = [
        line
        for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def dockerfile_last(keyword: str) -> str:
    values = [arguments for name, arguments in dockerfile_instructions() if name == keyword]
    assert values, f"Dockerfile has no {keyword}"
    return values[-1]


def host_ip(port: Any) -> str:
    """The host address a published port binds to; ``0.0.0.0`` (all) when none is given."""
    if isinstance(port, dict):
        return str(port.get("host_ip", "0.0.0.0"))
    parts = str(port).rsplit(":", 2)
    return parts[0] if len(parts) == 3 else "0.0.0.0"


def test_load_yaml_refuses_duplicate_keys() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'a'"):
        load_yaml("a: 1\na: 2\n")


def test_load_yaml_lets_own_keys_override_merged_ones() -> None:
    assert load_yaml("x: &x {a: 1, b: 1}\ny: {<<: *x, b: 2}\n")["y"] == {"a": 1, "b": 2}


# --- The Compose Specification ------------------------------------------------------------------


def test_compose_file_parses_without_duplicate_keys() -> None:
    assert isinstance(raw_compose().get("services"), dict)


def test_compose_file_interpolates() -> None:
    assert interpolate_tree(raw_compose(), REQUIRED_ENV) is not None


def test_vendored_schema_is_draft_2020_12() -> None:
    assert compose_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_compose_file_matches_the_compose_specification() -> None:
    assert schema_errors(compose()) == []


def test_schema_check_rejects_an_unknown_service_key() -> None:
    broken = compose()
    broken["services"]["api"]["healthchek"] = {"test": ["CMD", "true"]}
    assert any("healthchek" in error for error in schema_errors(broken))


def test_schema_check_rejects_a_wrongly_typed_value() -> None:
    broken = compose()
    broken["services"]["neo4j"]["ports"] = "127.0.0.1:7687:7687"
    assert any(error.startswith("services/neo4j/ports") for error in schema_errors(broken))


@pytest.mark.parametrize("name", sorted(REQUIRED_ENV))
def test_compose_refuses_to_start_without_a_required_secret(name: str) -> None:
    env = {key: value for key, value in REQUIRED_ENV.items() if key != name}
    with pytest.raises(InterpolationError, match=f"required variable {name}"):
        interpolate_tree(raw_compose(), env)


def test_required_variables_are_exactly_the_secrets() -> None:
    required = {
        name
        for name, operators in referenced_variables(raw_compose()).items()
        if operators & {":?", "?"}
    }
    assert required == set(REQUIRED_ENV)


# --- neo4j ------------------------------------------------------------------------------------


def test_neo4j_image_is_pinned_to_the_5_26_lts() -> None:
    assert re.fullmatch(r"neo4j:5\.26(\.\d+)?-community", service("neo4j")["image"])


def test_neo4j_auth_uses_the_required_password() -> None:
    auth = raw_compose()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/${NEO4J_PASSWORD:?")


def test_neo4j_auth_interpolates_to_the_password() -> None:
    auth = service("neo4j")["environment"]["NEO4J_AUTH"]
    assert auth == f"neo4j/{REQUIRED_ENV['NEO4J_PASSWORD']}"


@pytest.mark.parametrize(
    "setting",
    [
        "NEO4J_server_memory_pagecache_size",
        "NEO4J_server_memory_heap_initial__size",
        "NEO4J_server_memory_heap_max__size",
    ],
)
def test_neo4j_memory_is_sized(setting: str) -> None:
    assert re.fullmatch(r"\d+[kKmMgG]", service("neo4j")["environment"].get(setting, ""))


def test_neo4j_memory_follows_the_env_file() -> None:
    environment = service("neo4j", NEO4J_PAGECACHE="4G", NEO4J_HEAP="2G")["environment"]
    assert (
        environment["NEO4J_server_memory_pagecache_size"],
        environment["NEO4J_server_memory_heap_initial__size"],
        environment["NEO4J_server_memory_heap_max__size"],
    ) == ("4G", "2G", "2G")


def test_neo4j_healthcheck_runs_cypher_shell() -> None:
    test = service("neo4j")["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "cypher-shell" in test[1] and "RETURN 1" in test[1]


def test_neo4j_healthcheck_reads_its_variable_from_the_container() -> None:
    # `$${X}` in the file reaches the container's shell as `${X}`; X must be set in there.
    command = service("neo4j")["healthcheck"]["test"][1]
    names = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", command))
    assert names and names <= set(service("neo4j")["environment"])


@pytest.mark.parametrize("option", ["interval", "timeout", "retries", "start_period"])
def test_neo4j_healthcheck_timing_is_set(option: str) -> None:
    assert option in service("neo4j")["healthcheck"]


def test_neo4j_keeps_data_and_logs_on_named_volumes() -> None:
    mounts = dict(reversed(volume.split(":")[:2]) for volume in service("neo4j")["volumes"])
    assert {mounts.get("/data"), mounts.get("/logs")} <= set(compose()["volumes"])


# --- api and loader ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["api", "loader"])
def test_waits_for_a_healthy_neo4j(name: str) -> None:
    assert service(name)["depends_on"] == {"neo4j": {"condition": "service_healthy"}}


@pytest.mark.parametrize("name", ["api", "loader"])
def test_connects_to_the_neo4j_service(name: str) -> None:
    environment = service(name)["environment"]
    assert (environment["NEO4J_URI"], environment["NEO4J_USER"]) == ("bolt://neo4j:7687", "neo4j")


@pytest.mark.parametrize("name", ["api", "loader"])
def test_uses_the_required_neo4j_password(name: str) -> None:
    password = raw_compose()["services"][name]["environment"]["NEO4J_PASSWORD"]
    assert password.startswith("${NEO4J_PASSWORD:?")


def test_api_keys_are_required() -> None:
    keys = raw_compose()["services"]["api"]["environment"]["CHAINATLAS_API_KEYS"]
    assert keys.startswith("${CHAINATLAS_API_KEYS:?")


def test_api_anonymous_read_is_off() -> None:
    assert service("api")["environment"]["CHAINATLAS_ANONYMOUS_READ"] == "false"


def test_api_is_built_from_this_repository() -> None:
    assert service("api")["build"] == "." and (ROOT / "Dockerfile").is_file()


@pytest.mark.parametrize("name", ["neo4j", "api"])
def test_long_running_services_restart(name: str) -> None:
    assert service(name)["restart"] in {"always", "unless-stopped"}


def test_loader_only_runs_under_the_load_profile() -> None:
    assert service("loader")["profiles"] == ["load"]


def test_loader_loads_the_mounted_bundle() -> None:
    assert service("loader")["command"] == ["chainatlas", "load", "/bundle"]


def test_loader_mounts_the_demo_bundle_read_only_by_default() -> None:
    (mount,) = service("loader")["volumes"]
    assert (mount["source"], mount["target"], mount["read_only"]) == (
        "./data/demo",
        "/bundle",
        True,
    )


def test_loader_default_bundle_exists() -> None:
    assert (ROOT / service("loader")["volumes"][0]["source"]).is_dir()


def test_loader_bundle_follows_the_env_file() -> None:
    assert service("loader", BUNDLE_DIR="/srv/bundle")["volumes"][0]["source"] == "/srv/bundle"


def test_named_volumes_are_declared() -> None:
    document = compose()
    used = {
        volume.split(":")[0]
        for definition in document["services"].values()
        for volume in definition.get("volumes", [])
        if isinstance(volume, str) and not volume.startswith((".", "/", "~"))
    }
    assert used <= set(document.get("volumes") or {})


# --- published ports --------------------------------------------------------------------------


@pytest.mark.parametrize("name", _collect(lambda: raw_compose()["services"]))
def test_published_ports_bind_to_loopback_by_default(name: str) -> None:
    ports = service(name).get("ports", [])
    assert [host_ip(port) for port in ports] == ["127.0.0.1"] * len(ports)


def test_api_port_follows_the_env_file() -> None:
    assert service("api", CHAINATLAS_PORT="9000")["ports"] == ["127.0.0.1:9000:8000"]


def test_api_address_can_be_opened_deliberately() -> None:
    ports = service("api", CHAINATLAS_BIND_ADDRESS="0.0.0.0")["ports"]
    assert [host_ip(port) for port in ports] == ["0.0.0.0"]


def test_opening_the_api_leaves_neo4j_ports_alone() -> None:
    opened = service("neo4j", CHAINATLAS_BIND_ADDRESS="0.0.0.0")["ports"]
    assert opened == service("neo4j")["ports"]


# --- .env.example -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", _collect(lambda: referenced_variables(raw_compose())))
def test_compose_variable_is_documented_in_env_example(name: str) -> None:
    assert name in env_example()


@pytest.mark.parametrize("name", sorted(REQUIRED_ENV))
def test_required_variable_is_set_in_env_example(name: str) -> None:
    assert env_example().get(name, ("", False))[1]


@pytest.mark.parametrize("name", APP_VARIABLES)
def test_app_variable_is_documented_in_env_example(name: str) -> None:
    assert name in env_example()


@pytest.mark.parametrize("name", sorted(REQUIRED_ENV))
def test_env_example_secret_is_a_placeholder(name: str) -> None:
    value = env_example()[name][0]
    assert all("change-me" in part for part in value.split(","))


def test_settings_refuse_the_env_example_api_keys(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pydantic import ValidationError

    from chainatlas.graph.settings import Settings

    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.setenv("CHAINATLAS_API_KEYS", env_example()["CHAINATLAS_API_KEYS"][0])
    with pytest.raises(ValidationError, match="CHAINATLAS_API_KEYS"):
        Settings()


def test_settings_refuse_the_env_example_password(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pydantic import ValidationError

    from chainatlas.graph.settings import Settings

    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.setenv("NEO4J_URI", "bolt://neo4j:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", env_example()["NEO4J_PASSWORD"][0])
    monkeypatch.delenv("CHAINATLAS_API_KEYS", raising=False)
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD"):
        Settings()


def test_env_example_fills_in_the_compose_file() -> None:
    env = {name: value for name, (value, active) in env_example().items() if active}
    assert schema_errors(interpolate_tree(raw_compose(), env)) == []


# --- Dockerfile and build context -------------------------------------------------------------


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


@pytest.mark.parametrize("path", _collect(_packaged_paths))
def test_build_context_keeps_what_pip_install_needs(path: str) -> None:
    assert not _ignored(path)
