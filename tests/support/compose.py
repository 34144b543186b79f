"""Docker deployment files read as Docker would, without Docker (tests/project).

No Docker engine runs in CI, so these helpers do by hand what ``docker compose config`` would
do: interpolate ``${VAR}`` references the way Compose does (:func:`interpolate`), load YAML
refusing duplicate keys (:func:`load_yaml`), and validate against the Compose Specification JSON
schema that check-jsonschema vendors (:func:`schema_errors`); plus readers for .env.example and
the Dockerfile.

Interpolation uses a fixed mapping, never ``os.environ``, so a developer's shell cannot change
the outcome.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

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


# --- Loading and reading the files --------------------------------------------------------------


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


def collect(make: Callable[[], Iterable[Any]]) -> list[Any]:
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
