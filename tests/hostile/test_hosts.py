"""Issue 12, finding 8: DNS rebinding. With anonymous reading on loopback, a request naming
another host gets 421 and no data; the configured names (and only they) get through."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from chainatlas.api.cli.serve import settled
from chainatlas.graph.guards import LOOPBACK_HOSTS
from tests.support.api import assert_problem, reference_store, settings
from tests.support.hostile_service import guards, served


@pytest.fixture(scope="module")
def loopback() -> Iterator[str]:
    """The real app as ``chainatlas serve`` configures it on 127.0.0.1 (anonymous reading)."""
    config = settled(settings(anonymous=None, guards=guards(allowed_hosts=None)), "127.0.0.1")  # type: ignore[arg-type]
    assert config.anonymous_read and set(config.guards.allowed_hosts or ()) == set(LOOPBACK_HOSTS)
    with served(reference_store(), config) as url:
        yield url


@pytest.mark.parametrize(
    "host",
    ["rebind.attacker.example", "rebind.attacker.example:8000", "127.0.0.1.nip.io", "", "[::2]"],
)
def test_another_host_name_gets_no_data(loopback: str, host: str) -> None:
    for path in ("/api/stats", "/api/export?format=json", "/map", "/api/health"):
        answer = httpx.get(loopback + path, headers={"Host": host})
        problem = assert_problem(answer, 421, "misdirected")
        assert "CHAINATLAS_ALLOWED_HOSTS" in problem["detail"]
        assert "E3" not in answer.text and "enterprises" not in answer.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "LOCALHOST.", "[::1]:8000"])
def test_the_names_of_this_machine_are_served(loopback: str, host: str) -> None:
    assert httpx.get(loopback + "/api/stats", headers={"Host": host}).status_code == 200


def test_configured_names_replace_the_defaults() -> None:
    config = settled(settings(guards=guards(allowed_hosts="atlas.example.org, [::1]")), "0.0.0.0")
    assert config.guards.allowed_hosts == ("atlas.example.org", "::1")
    with served(reference_store(), config) as url:
        ok = httpx.get(url + "/api/health", headers={"Host": "atlas.example.org"})
        assert ok.status_code == 200
        assert httpx.get(url + "/api/health").status_code == 421  # 127.0.0.1 not listed


def test_a_star_allows_any_name() -> None:
    with served(
        reference_store(), settings(anonymous=True, guards=guards(allowed_hosts="*"))
    ) as url:
        answer = httpx.get(url + "/api/stats", headers={"Host": "anything.example"})
        assert answer.status_code == 200


def test_a_wildcard_bind_allows_only_loopback_names_unless_configured() -> None:
    config = settled(settings(guards=guards(allowed_hosts=None)), "0.0.0.0")
    assert config.guards.allowed_hosts == LOOPBACK_HOSTS
    assert settled(
        settings(guards=guards(allowed_hosts=None)), "10.0.0.5"
    ).guards.allowed_hosts == (
        "10.0.0.5",
        *LOOPBACK_HOSTS,
    )
