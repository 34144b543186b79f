""".env.example documents every variable the compose file and the settings read, and its
secrets are placeholders the settings refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.compose import (
    APP_VARIABLES,
    REQUIRED_ENV,
    collect,
    env_example,
    interpolate_tree,
    raw_compose,
    referenced_variables,
    schema_errors,
)


@pytest.mark.parametrize("name", collect(lambda: referenced_variables(raw_compose())))
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
