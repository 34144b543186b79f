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
