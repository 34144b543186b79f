"""Who is calling: API keys mapped to roles, and what each role may see.

Roles, from least to most power: ``viewer < analyst < editor < admin`` (settings ``api_keys``,
``CHAINATLAS_API_KEYS=key:role,…``). A key comes in the ``X-API-Key`` header or as
``Authorization: Bearer <key>``; people using the pages sign in once at ``/login``
(:mod:`api.routers.session`) and then carry a session cookie instead.

- A key in a header wins; without one, a valid session cookie gives its role; a missing,
  expired or unknown cookie counts as no credential at all.
- Unsafe methods (anything but GET, HEAD, OPTIONS) authenticated by the cookie alone must come
  from this site's own pages (:func:`same_origin`), else 403: SameSite=Strict is the first
  line against cross-site requests, this check the second. Header keys are not checked: a
  browser cannot send them cross-site without a CORS preflight this app never grants.
- No credential: a viewer when anonymous reading is on (``anonymous_read``), else 401.
- An unknown key: 401, whatever ``anonymous_read`` says (a typo should not silently demote).
- A known key whose role is too low: 403. An anonymous caller below the role needed: 401.
- Contact details of firms (``contact_person``, ``phone``, ``email``) go to analysts and
  above only; :func:`redact` removes them from any answer for viewers.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast
from urllib.parse import urlsplit

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from chainatlas.api.limits import CypherGate, FailureThrottle, RateLimiter
from chainatlas.api.problems import Problem
from chainatlas.api.sessions import SESSION_TTL_S as SESSION_TTL_S
from chainatlas.api.sessions import Sessions as Sessions
from chainatlas.api.sessions import fingerprint
from chainatlas.graph.settings import ROLES, SCOPED_ROLES, Settings, parse_grant

T = TypeVar("T")

CONTACT_FIELDS = frozenset({"contact_person", "phone", "email"})
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="chainatlas"'}
#: the cookie of a signed-in browser: a signed token (api.sessions), never the key
SESSION_COOKIE = "chainatlas_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_api_key = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from CHAINATLAS_API_KEYS.",
)
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="Bearer",
    description="The same API key as `Authorization: Bearer <key>`.",
)


@dataclass(frozen=True)
class Principal:
    """The caller: a role, whether it came without a key, whether a session cookie carried it."""

    role: str
    anonymous: bool = False
    session: bool = False
    #: whom the limits count against: ``key:<fingerprint>`` or ``client:<address>``
    who: str = ""
    #: the scope of a ``role@scope`` key: a member's firm (docs/board.md) or an editor's
    #: region (docs/security.md)
    scope: str | None = None
    #: a short fingerprint of the API key that called (never the key); empty for a session
    key_id: str = ""

    @property
    def author(self) -> str:
        """Who a change set made by this caller is recorded as (keys carry no names yet:
        the role and the key's fingerprint, ``editor key 3f2a9c1b``)."""
        role = f"{self.role}@{self.scope}" if self.scope else self.role
        if self.key_id:
            return f"{role} key {self.key_id}"
        return f"{role} (session)" if self.session else f"{role} (anonymous)"

    @classmethod
    def of(cls, grant: str, **kw: Any) -> Principal:
        """The caller holding ``grant`` (``role`` or ``role@scope``, graph.settings)."""
        role, scope = parse_grant(grant)
        return cls(role, scope=scope, **kw)

    def at_least(self, role: str) -> bool:
        # a member reads as a viewer does; what it may write, the board decides
        mine = "viewer" if self.role in SCOPED_ROLES else self.role
        return ROLES.index(mine) >= ROLES.index(role)

    @property
    def firm(self) -> str | None:
        """The firm a member's key acts for."""
        return self.scope if self.role == "member" else None

    @property
    def region(self) -> str | None:
        """The region an ``editor@<region>`` key may change (api.scopes); None otherwise."""
        return self.scope if self.role == "editor" else None

    @property
    def sees_contacts(self) -> bool:
        return self.at_least("analyst") or self.firm is not None


def anonymous_read(settings: Settings) -> bool:
    """Whether callers without a key read as viewers (unset here means off: fail closed).

    ``chainatlas serve`` and ``demo`` settle an unset value from the address they bind.
    """
    return bool(settings.anonymous_read)


def role_of(settings: Settings, key: str) -> str | None:
    """The role of ``key``, compared in constant time against every configured key."""
    found = None
    for known, role in settings.api_keys.items():
        if hmac.compare_digest(known.encode(), key.encode()):
            found = role
    return found


# -- sessions of people signed in at /login, and the per-caller limits ---------------------
class Guards:
    """What one app keeps about callers: sessions, request rates, failed sign-ins, analyst
    queries (:mod:`api.sessions`, :mod:`api.limits`)."""

    def __init__(self, settings: Settings) -> None:
        limits = settings.guards
        secret = limits.session_secret
        self.secret = secret.get_secret_value().encode() if secret else secrets.token_bytes(32)
        self.keys = {fingerprint(self.secret, k): r for k, r in settings.api_keys.items()}
        self.sessions = Sessions(
            self.secret,
            per_key=limits.sessions_per_key,
            valid=lambda key_id, role: self.keys.get(key_id) == role,
        )
        self.rates = RateLimiter(limits.rate_limit, limits.rate_burst)
        self.failures = FailureThrottle(limits.login_failures)
        self.cypher = CypherGate(limits.cypher_per_key, limits.cypher_workers)
        per_hour = limits.board_posts_per_hour
        self.posts = RateLimiter(per_hour / 3600, max(per_hour, 1))

    def key_id(self, key: str) -> str:
        return fingerprint(self.secret, key)


_guards_lock = threading.Lock()


def guards_of(request: Request) -> Guards:
    """The app's guards (made on first use)."""
    state = request.app.state
    found: Guards | None = getattr(state, "guards", None)
    if found is None:
        with _guards_lock:
            found = getattr(state, "guards", None)
            if found is None:
                found = state.guards = Guards(state.settings)
    return found


def sessions_of(request: Request) -> Sessions:
    """The app's session table."""
    return guards_of(request).sessions


def client_of(request: Request) -> str:
    """The client's address (the proxy's word for it when uvicorn trusts the proxy)."""
    return request.client.host if request.client else "unknown"


def check_key(request: Request, key: str) -> tuple[str, str] | None:
    """``(role, key fingerprint)`` of ``key``, or None (a failure counted for this client and
    this key); 429 while either failed too often."""
    guards = guards_of(request)
    who = (f"client:{client_of(request)}", f"try:{guards.key_id(key)}")
    guards.failures.check(*who)
    role = role_of(request.app.state.settings, key)
    if role is None:
        guards.failures.fail(*who)
        return None
    return role, guards.key_id(key)


def session_role(request: Request) -> str | None:
    """The role the request's session cookie carries, if it is live."""
    return sessions_of(request).role(request.cookies.get(SESSION_COOKIE))


def session_claims(request: Request) -> tuple[str, str] | None:
    """``(role, key fingerprint)`` of the request's live session cookie."""
    return sessions_of(request).claims(request.cookies.get(SESSION_COOKIE))


def _authority(value: str) -> str:
    """``host[:port]`` of a URL or a Host header, lower case, ports 80 and 443 dropped; empty
    when it cannot be read."""
    try:
        parts = urlsplit(value if "://" in value else f"//{value}")
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a port that is not a number
        return ""
    return host if port in (None, 80, 443) else f"{host}:{port}"


def same_origin(request: Request, *, strict: bool = True) -> bool:
    """Whether the browser says this request comes from a page of this very host.

    Evidence, in order: ``Sec-Fetch-Site`` other than ``same-origin`` refuses; an ``Origin``
    (not ``null``) must name the request's own ``Host``; else a ``Referer`` must; else
    ``Sec-Fetch-Site: same-origin`` alone is enough. Pages send ``Referrer-Policy:
    no-referrer``, under which browsers post forms with ``Origin: null`` and no Referer but
    still with Fetch Metadata. With ``strict`` false, a request carrying no evidence either
    way passes (sign-in over plain HTTP on another host, where browsers send no Fetch
    Metadata); anything pointing elsewhere still fails.
    """
    headers = request.headers
    host = _authority(headers.get("host", ""))
    site = headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return False
    origin = headers.get("origin")
    if origin and origin != "null":
        return bool(host) and _authority(origin) == host
    referer = headers.get("referer")
    if referer:
        return bool(host) and _authority(referer) == host
    return site == "same-origin" or not strict


_UNSAFE_NEXT = re.compile(r"[\\\x00-\x20\x7f]")


def safe_next(value: str | None, default: str = "/map") -> str:
    """``value`` if it is a path of this site (``/map?chain=x``), else ``default``.

    Refused: absolute URLs, scheme-relative ``//host``, backslashes (browsers read ``/\\host``
    as ``//host``), spaces and control characters, and the sign-in routes themselves.
    """
    if not value or len(value) > 2000 or not value.startswith("/") or _UNSAFE_NEXT.search(value):
        return default
    if value.startswith("//"):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path in ("/login", "/logout", "/session"):
        return default
    return value


async def principal(
    request: Request,
    api_key: Annotated[str | None, Security(_api_key)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> Principal:
    settings: Settings = request.app.state.settings
    key = api_key or (bearer.credentials if bearer else None)
    caller: Principal
    if key:
        found = check_key(request, key)
        if found is None:
            raise Problem("unauthorized", "The API key is not known.", headers=CHALLENGE)
        # key_id: stable across restarts (the history keeps it), never the key
        key_id = hashlib.sha256(key.encode()).hexdigest()[:8]
        caller = Principal.of(found[0], who=f"key:{found[1]}", key_id=key_id)
    elif (claims := session_claims(request)) is not None:
        if request.method not in SAFE_METHODS and not same_origin(request):
            raise Problem(
                "forbidden",
                "A request signed in by the session cookie must come from this site's own "
                "pages (Origin check).",
            )
        caller = Principal.of(claims[0], session=True, who=f"key:{claims[1]}")
    elif anonymous_read(settings):
        caller = Principal("viewer", anonymous=True, who=f"client:{client_of(request)}")
    else:
        raise Problem(
            "unauthorized",
            "An API key is required (X-API-Key or Authorization: Bearer), or sign in at /login.",
            headers=CHALLENGE,
        )
    guards_of(request).rates.check(caller.who)
    request.state.caller = caller
    return caller


def require(role: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency letting through callers with ``role`` or above."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    async def dependency(caller: Annotated[Principal, Depends(principal)]) -> Principal:
        if caller.at_least(role):
            return caller
        if caller.anonymous:
            raise Problem(
                "unauthorized",
                f"This needs an API key with the {role} role or above.",
                headers=CHALLENGE,
            )
        held = "the session" if caller.session else "the key"
        raise Problem(
            "forbidden", f"This needs the {role} role or above; {held} has {caller.role}."
        )

    dependency.__name__ = f"require_{role}"
    return dependency


require_viewer = require("viewer")
require_analyst = require("analyst")
require_editor = require("editor")
Viewer = Annotated[Principal, Depends(require_viewer)]
Analyst = Annotated[Principal, Depends(require_analyst)]
Editor = Annotated[Principal, Depends(require_editor)]


_NESTED = (dict, list)


def redact(value: Any) -> Any:
    """``value`` without contact fields, at any depth (dicts and lists are copied)."""
    # scalars are most of an answer's values: they are kept without a call each
    if isinstance(value, dict):
        return {
            k: redact(v) if isinstance(v, _NESTED) else v
            for k, v in value.items()
            if k not in CONTACT_FIELDS
        }
    if isinstance(value, list):
        return [redact(v) if isinstance(v, _NESTED) else v for v in value]
    return value


def for_caller(caller: Principal, value: T) -> T:
    """``value`` as ``caller`` may see it (the same shape: contact fields are never required
    members of one)."""
    return value if caller.sees_contacts else cast(T, redact(value))
