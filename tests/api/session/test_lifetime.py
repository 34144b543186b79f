"""How a session ends: expiry, garbage cookies, sign-out; and the session table itself
(digests only, expiry, a bound on its size)."""

from __future__ import annotations

import pytest

from chainatlas.api.auth import SESSION_COOKIE, SESSION_TTL_S, Sessions
from tests.support.api import KEY_OF, TestClient, assert_problem, client
from tests.support.session import HTML, app_of, cookie_of, login, set_cookie, use_cookie


def test_an_expired_cookie_is_unauthenticated(closed: TestClient) -> None:
    login(closed, "admin")
    assert closed.get("/api/stats").status_code == 200
    sessions: Sessions = app_of(closed).state.guards.sessions
    now = sessions.clock()
    sessions.clock = lambda: now + SESSION_TTL_S + 1
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    assert closed.get("/session").json()["signed_in"] is False
    answer = closed.get("/map", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2Fmap"
    assert "Max-Age=0" in answer.headers["set-cookie"]  # the dead cookie is cleared


@pytest.mark.parametrize("value", ["garbage", "x" * 500, KEY_OF["admin"], ""])
def test_a_garbage_cookie_is_unauthenticated(closed: TestClient, value: str) -> None:
    use_cookie(closed, value)
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    answer = closed.get("/map", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303


def test_a_garbage_cookie_reads_anonymously_when_that_is_on() -> None:
    with client(anonymous=True) as c:
        use_cookie(c, "garbage")
        assert c.get("/api/stats").status_code == 200
        assert_problem(c.post("/api/cypher", json={"query": "RETURN 1"}), 401, "unauthorized")


def test_logout_clears_the_cookie_and_ends_the_session(closed: TestClient) -> None:
    login(closed, "admin")
    token = cookie_of(closed)
    answer = closed.post("/logout", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?out=1"
    morsel = set_cookie(answer)[SESSION_COOKIE]
    assert morsel.value == "" and morsel["max-age"] == "0"
    assert closed.cookies.get(SESSION_COOKIE) is None
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    use_cookie(closed, token)  # a copy of the old cookie is dead on the server too
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    assert "You have signed out." in closed.get("/login?out=1").text


def test_logout_without_a_session_is_harmless(closed: TestClient) -> None:
    assert closed.post("/logout", follow_redirects=False).status_code == 303
    assert closed.get("/logout").status_code == 405


def test_sessions_keep_only_digests_and_expire() -> None:
    table = Sessions(ttl_s=10)
    now = [100.0]
    table.clock = lambda: now[0]
    token = table.create("editor", key_id="k1")
    assert table.role(token) == "editor"
    assert token not in repr(table._table)
    now[0] += 10
    assert table.role(token) is None and len(table) == 0


def test_sessions_are_bounded_per_key() -> None:
    table = Sessions(ttl_s=100, per_key=3)
    now = [0.0]
    table.clock = lambda: now[0]
    other = table.create("admin", key_id="admin")
    tokens = []
    for _ in range(4):
        tokens.append(table.create("viewer", key_id="viewer"))
        now[0] += 1
    assert len(table) == 4
    assert table.role(tokens[0]) is None  # the key's own oldest made room
    assert all(table.role(t) == "viewer" for t in tokens[1:])
    assert table.role(other) == "admin"  # never another key's session


def test_a_forged_or_re_signed_token_is_refused() -> None:
    table, stranger = Sessions(b"a" * 32), Sessions(b"b" * 32)
    token = table.create("viewer", key_id="k")
    payload, signature = token.split(".")
    assert stranger.role(token) is None
    assert table.role(payload.replace("v", "a") + "." + signature) in (None, "viewer")
    admin = stranger.create("admin", key_id="k").split(".")[0]
    assert table.role(f"{admin}.{signature}") is None
