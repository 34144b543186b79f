"""The helpers of tests/support/compose.py: Compose's ``${VAR}`` interpolation rules and YAML
loading that refuses duplicate keys, as ``docker compose config`` applies them."""

from __future__ import annotations

import pytest
import yaml

from tests.support.compose import InterpolationError, interpolate, load_yaml, referenced_variables


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


def test_load_yaml_refuses_duplicate_keys() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'a'"):
        load_yaml("a: 1\na: 2\n")


def test_load_yaml_lets_own_keys_override_merged_ones() -> None:
    assert load_yaml("x: &x {a: 1, b: 1}\ny: {<<: *x, b: 2}\n")["y"] == {"a": 1, "b": 2}
