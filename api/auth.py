"""Who is calling: API keys mapped to roles, and what each role may see.

Roles, from least to most power: ``viewer < analyst < editor < admin`` (settings ``api_keys``,
``CHAINATLAS_API_KEYS=key:role,…``). A key comes in the ``X-API-Key`` header or as
``Authorization: Bearer <key>``.

- No key: a viewer when anonymous reading is on (``anonymous_read``), else 401.
- An unknown key: 401, whatever ``anonymous_read`` says (a typo should not silently demote).
- A known key whose role is too low: 403. An anonymous caller below the role needed: 401.
- Contact details of firms (``contact_person``, ``phone``, ``email``) go to analysts and
  above only; :func:`redact` removes them from any answer for viewers.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.problems import Problem
from graph.settings import ROLES, Settings

CONTACT_FIELDS = frozenset({"contact_person", "phone", "email"})
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="chainatlas"'}

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
    """The caller: a role, and whether it came without a key."""

    role: str
    anonymous: bool = False

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def sees_contacts(self) -> bool:
        return self.at_least("analyst")


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


def principal(
    request: Request,
    api_key: Annotated[str | None, Security(_api_key)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> Principal:
    settings: Settings = request.app.state.settings
    key = api_key or (bearer.credentials if bearer else None)
    if key:
        role = role_of(settings, key)
        if role is None:
            raise Problem("unauthorized", "The API key is not known.", headers=CHALLENGE)
        return Principal(role)
    if anonymous_read(settings):
        return Principal("viewer", anonymous=True)
    raise Problem(
        "unauthorized",
        "An API key is required (X-API-Key or Authorization: Bearer).",
        headers=CHALLENGE,
    )


def require(role: str) -> Callable[..., Principal]:
    """A dependency letting through callers with ``role`` or above."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def dependency(caller: Annotated[Principal, Depends(principal)]) -> Principal:
        if caller.at_least(role):
            return caller
        if caller.anonymous:
            raise Problem(
                "unauthorized",
                f"This needs an API key with the {role} role or above.",
                headers=CHALLENGE,
            )
        raise Problem(
            "forbidden", f"This needs the {role} role or above; the key has {caller.role}."
        )

    dependency.__name__ = f"require_{role}"
    return dependency


require_viewer = require("viewer")
require_analyst = require("analyst")
require_editor = require("editor")
Viewer = Annotated[Principal, Depends(require_viewer)]
Analyst = Annotated[Principal, Depends(require_analyst)]
Editor = Annotated[Principal, Depends(require_editor)]


def redact(value: Any) -> Any:
    """``value`` without contact fields, at any depth (dicts and lists are copied)."""
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items() if k not in CONTACT_FIELDS}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def for_caller(caller: Principal, value: Any) -> Any:
    """``value`` as ``caller`` may see it."""
    return value if caller.sees_contacts else redact(value)
