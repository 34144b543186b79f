"""Settings read from the environment: match weights and API keys fail fast on bad values."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chainatlas.graph.queries.scoring import MatchWeights
from chainatlas.graph.settings import Settings


def test_match_weights_override_named_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINATLAS_MATCH_WEIGHTS", "region=0.5, trade=0")
    assert Settings(_env_file=None).match_weights == MatchWeights(region=0.5, trade=0.0)  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["region", "region=x", "region=-1", "bogus=1"])
def test_bad_match_weights_are_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CHAINATLAS_MATCH_WEIGHTS", value)
    with pytest.raises(ValidationError, match="CHAINATLAS_MATCH_WEIGHTS"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_api_keys_map_to_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINATLAS_API_KEYS", "abcdefghijklmnopq:admin,qrstuvwxyzabcdefg:viewer")
    keys = Settings(_env_file=None).api_keys  # type: ignore[call-arg]
    assert keys == {"abcdefghijklmnopq": "admin", "qrstuvwxyzabcdefg": "viewer"}


def test_a_tile_url_is_an_xyz_template_on_an_http_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINATLAS_TILE_URL", " https://tiles.internal:8443/osm/{z}/{x}/{y}.png ")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.tile_url == "https://tiles.internal:8443/osm/{z}/{x}/{y}.png"
    assert settings.tile_origin == "https://tiles.internal:8443"
    monkeypatch.setenv("CHAINATLAS_TILE_URL", "")
    assert Settings(_env_file=None).tile_origin is None  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "value",
    [
        "ftp://tiles/{z}/{x}/{y}.png",
        "https:///{z}/{x}/{y}",
        "https://t/{z}/{x}.png",
        "https://t/{z}/{x}/{y}/{s}",
    ],
)
def test_bad_tile_urls_are_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CHAINATLAS_TILE_URL", value)
    with pytest.raises(ValidationError, match="CHAINATLAS_TILE_URL must be an http"):
        Settings(_env_file=None)  # type: ignore[call-arg]


# -- role@scope keys (the board's member@firm; docs/board.md) ----------------------------------
@pytest.mark.parametrize(
    "value, grants",
    [
        ("member-key-0123456789:member@E0001", {"member-key-0123456789": "member@E0001"}),
        ("editor-key-0123456789:editor@shangyu", {"editor-key-0123456789": "editor@shangyu"}),
        ("viewer-key-0123456789:viewer", {"viewer-key-0123456789": "viewer"}),
    ],
)
def test_keys_take_a_role_and_maybe_a_scope(value: str, grants: dict[str, str]) -> None:
    assert Settings(_env_file=None, CHAINATLAS_API_KEYS=value).api_keys == grants  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "value, words",
    [
        ("member-key-0123456789:member", "needs a scope"),
        ("member-key-0123456789:member@", "scope after @"),
        ("member-key-0123456789:member@E 1", "scope after @"),
        ("member-key-0123456789:boss@E0001", "unknown role"),
    ],
)
def test_a_bad_grant_is_refused_naming_it(value: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Settings(_env_file=None, CHAINATLAS_API_KEYS=value)  # type: ignore[call-arg]
