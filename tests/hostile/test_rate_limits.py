"""Issue 12, findings 7 and 9: request rates per key (per client when anonymous) and failed
sign-ins per client and per key, each answered 429 with ``Retry-After``."""

from __future__ import annotations

import time

from chainatlas.api.limits import FailureThrottle, RateLimiter
from chainatlas.graph.guards import Guards
from chainatlas.graph.limits import _NAMES as LIMIT_NAMES
from chainatlas.graph.limits import DEFAULT_LIMITS
from tests.support import ROOT
from tests.support.api import KEY_OF, assert_problem, client
from tests.support.hostile_service import guards, key
from tests.support.session import SAME


def test_a_key_over_its_rate_gets_429_with_retry_after_and_others_do_not() -> None:
    with client(guards=guards(rate_limit=1, rate_burst=5)) as c:
        codes = [c.get("/api/stats", headers=key("viewer")).status_code for _ in range(8)]
        assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
        answer = c.get("/api/stats", headers=key("viewer"))
        assert_problem(answer, 429, "too-many-requests")
        assert int(answer.headers["retry-after"]) >= 1
        assert c.get("/api/stats", headers=key("analyst")).status_code == 200  # its own bucket
        assert c.get("/api/health").status_code == 200  # health needs no key and is not counted


def test_anonymous_callers_are_limited_per_client() -> None:
    with client(anonymous=True, guards=guards(rate_limit=1, rate_burst=3)) as c:
        codes = [c.get("/api/search?q=化纤").status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]


def test_a_session_counts_against_its_key() -> None:
    with client(guards=guards(rate_limit=1, rate_burst=3)) as c:
        c.post("/login", data={"key": KEY_OF["viewer"]}, headers=SAME, follow_redirects=False)
        assert [c.get("/api/stats").status_code for _ in range(3)] == [200] * 3
        c.cookies.clear()
        assert c.get("/api/stats", headers=key("viewer")).status_code == 429


def test_a_thousand_wrong_keys_are_throttled_per_client() -> None:
    with client(guards=guards(login_failures=10)) as c:
        started = time.monotonic()
        codes = [
            c.get("/api/stats", headers={"X-API-Key": f"wrong-key-{i:06d}-abcdef"}).status_code
            for i in range(1000)
        ]
        assert codes[:10] == [401] * 10 and set(codes[10:]) == {429}
        assert time.monotonic() - started < 60
        # the right key from the same client is refused too while the client is locked out
        answer = c.get("/api/stats", headers=key("admin"))
        assert_problem(answer, 429, "too-many-requests")
        assert 1 <= int(answer.headers["retry-after"]) <= 60


def test_wrong_keys_at_the_login_form_are_throttled() -> None:
    with client(guards=guards(login_failures=3)) as c:
        codes = [
            c.post("/login", data={"key": f"wrong-key-{i:06d}-abcdef"}, headers=SAME).status_code
            for i in range(5)
        ]
        assert codes == [401, 401, 401, 429, 429]
        locked = c.post("/login", data={"key": KEY_OF["admin"]}, headers=SAME)
        assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text
        assert int(locked.headers["retry-after"]) >= 1


def test_one_key_tried_from_many_clients_is_throttled_per_key() -> None:
    throttle = FailureThrottle(limit=3)
    for client_no in range(3):
        throttle.check(f"client:{client_no}", "try:k")
        throttle.fail(f"client:{client_no}", "try:k")
    try:
        throttle.check("client:99", "try:k")
    except Exception as refused:
        assert "Too many failed sign-ins" in str(refused)
    else:
        raise AssertionError("a key tried from many clients was not throttled")


def test_the_failure_window_passes() -> None:
    throttle = FailureThrottle(limit=1, window_s=60)
    now = [0.0]
    throttle.clock = lambda: now[0]
    throttle.fail("client:a")
    now[0] = 60.5
    throttle.check("client:a")  # no exception: the failure left the window


def test_a_bucket_refills_at_its_rate() -> None:
    rates = RateLimiter(rate=2, burst=1)
    now = [0.0]
    rates.clock = lambda: now[0]
    assert rates.wait("k") == 0 and rates.wait("k") == 0.5
    now[0] = 0.5
    assert rates.wait("k") == 0
    assert RateLimiter(rate=0, burst=1).wait("k") == 0  # 0 turns the limit off


def number(value: float) -> str:
    """As the document writes numbers: 64, 2048, 5,000,000, 0.5."""
    if value != int(value):
        return str(value)
    return f"{value:,.0f}" if value >= 10_000 else f"{value:.0f}"


def rows(text: str) -> dict[str, str]:
    """The first cell of each table row (its backquotes dropped) → the row."""
    return {
        line.split("|")[1].strip().strip("`"): line
        for line in text.splitlines()
        if line.startswith("| `")
    }


def test_every_limit_is_documented_with_its_setting_and_default() -> None:
    """docs/security.md: the threat model, each limit with its setting and default (the
    service's guards, the bundle limits, Neo4j's own), and how to report a problem."""
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for heading in ("## Threat model", "## The limits and their settings", "## Reporting a"):
        assert heading in text, heading
    table = rows(text)
    for field in Guards.model_fields.values():
        default = field.default
        row = table[str(field.validation_alias)]
        if isinstance(default, (int, float)):
            assert f"`{number(default)}`" in row, row
    for name, (attribute, factor) in LIMIT_NAMES.items():
        default = getattr(DEFAULT_LIMITS, attribute) / factor
        assert table[name].split("|")[2].strip() == number(default), table[name]
    assert "CHAINATLAS_LIMITS=" in text
    for name in ("db.transaction.timeout", "db.memory.transaction.max"):
        assert name in table, name
