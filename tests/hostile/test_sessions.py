"""Issue 12, finding 9: sessions every replica sees, a cap per key, and no key's sign-ins
evicting another key's session. Two app instances share only their configuration."""

from __future__ import annotations

import pytest

from chainatlas.api.auth import SESSION_COOKIE
from chainatlas.graph.guards import Guards
from chainatlas.graph.settings import Settings
from tests.support.api import KEY_OF, KEYS, TestClient, client, settings
from tests.support.hostile_service import guards
from tests.support.session import SAME

SECRET = "k7Qv2pX9mZr4Tt8wLb6Nd3Hs5Jf1Yc0Ge"


def sign_in(c: TestClient, role: str) -> str:
    """Sign in as a new browser would (no cookie: signing in again in one browser ends its
    earlier session, by design)."""
    c.cookies.clear()
    answer = c.post("/login", data={"key": KEY_OF[role]}, headers=SAME, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    token = c.cookies.get(SESSION_COOKIE)
    assert token
    return token


def with_cookie(c: TestClient, token: str, path: str = "/api/stats") -> int:
    c.cookies.clear()
    c.cookies.set(SESSION_COOKIE, token)
    return c.get(path).status_code


def test_a_session_made_by_one_replica_works_on_another() -> None:
    shared = guards(session_secret=SECRET)
    with client(guards=shared) as a, client(guards=shared) as b:
        token = sign_in(a, "analyst")
        assert with_cookie(b, token) == 200
        assert b.get("/session").json() == {"signed_in": True, "role": "analyst"}


def test_a_replica_with_another_secret_refuses_it() -> None:
    with client(guards=guards(session_secret=SECRET)) as a:
        token = sign_in(a, "admin")
    with client(guards=guards(session_secret=SECRET[::-1])) as b:
        assert with_cookie(b, token) == 401


def test_a_session_ends_when_its_key_is_no_longer_configured() -> None:
    with client(guards=guards(session_secret=SECRET)) as a:
        token = sign_in(a, "editor")
    fewer = {k: r for k, r in KEYS.items() if r != "editor"}
    with client(keys=fewer, guards=guards(session_secret=SECRET)) as b:
        assert with_cookie(b, token) == 401
    demoted = {k: ("viewer" if r == "editor" else r) for k, r in KEYS.items()}
    with client(keys=demoted, guards=guards(session_secret=SECRET)) as b:
        assert with_cookie(b, token) == 401


def test_many_viewer_sign_ins_never_evict_the_admins_session() -> None:
    with client(guards=guards(sessions_per_key=5)) as c:
        admin = sign_in(c, "admin")
        viewers = [sign_in(c, "viewer") for _ in range(200)]
        assert with_cookie(c, admin, "/api/stats") == 200
        assert c.get("/session").json()["role"] == "admin"
        # the viewer key keeps its 5 newest sessions
        assert [with_cookie(c, t) for t in viewers[-5:]] == [200] * 5
        assert with_cookie(c, viewers[0]) == 401


def test_signing_out_on_a_replica_ends_the_session_there() -> None:
    with client(guards=guards(session_secret=SECRET)) as a:
        token = sign_in(a, "viewer")
        a.post("/logout", follow_redirects=False)
        assert with_cookie(a, token) == 401


@pytest.mark.parametrize("secret", ["change-me-change-me-change-me-change-me", "short"])
def test_a_placeholder_or_short_secret_is_refused(
    secret: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINATLAS_SESSION_SECRET", secret)
    with pytest.raises(ValueError, match="CHAINATLAS_SESSION_SECRET"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINATLAS_SESSION_SECRET", SECRET)
    found = Guards(_env_file=None).session_secret  # type: ignore[call-arg]
    assert found is not None and found.get_secret_value() == SECRET
    assert settings().guards.session_secret is None
