"""One settings class, read from the environment (and ``.env``) when first asked for.

| variable | meaning | default |
|---|---|---|
| ``NEO4J_URI`` | Bolt URI; unset means the embedded store | unset |
| ``NEO4J_USER`` / ``NEO4J_PASSWORD`` | Neo4j credentials | ``neo4j`` / none |
| ``NEO4J_DATABASE`` | database name | server default |
| ``CHAINATLAS_HOME`` | where the embedded store keeps its graph | per-user data dir |
| ``CHAINATLAS_API_KEYS`` | ``key:role[@scope]`` (``member@E0001``, ``editor@shangyu``) | none |
| ``CHAINATLAS_ANONYMOUS_READ`` | anonymous callers act as viewers | on for loopback |
| ``CHAINATLAS_MATCH_WEIGHTS`` | ``region=0.4,trade=0.2``: score weights | docs/matchmaking.md |
| ``CHAINATLAS_LIMITS`` | ``unpacked_mb=100,cells=1000000``: bundle limits | graph/limits.py |
| ``CHAINATLAS_TILE_URL`` | internal XYZ tile server for ``/geo`` (``{z}/{x}/{y}``) | no tiles |
| ``CHAINATLAS_PARALLEL_READS`` | chunks of one large Neo4j read at once (1: one by one) | 2 |

The guards of docs/security.md (hosts, request rates, sign-in, sessions, analyst Cypher) are
read by :mod:`graph.guards` (``CHAINATLAS_ALLOWED_HOSTS``, ``CHAINATLAS_RATE_LIMIT``, …).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import platformdirs
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from chainatlas.graph.guards import Guards
from chainatlas.graph.limits import DEFAULT_LIMITS, LIMITS_VAR, Limits, parse_limits
from chainatlas.graph.parallel_reads import DEFAULT_PARALLEL_READS, PARALLEL_READS_VAR
from chainatlas.graph.queries.scoring import MatchWeights
from chainatlas.graph.vocab import ID_PATTERN

ROLES = ("viewer", "analyst", "editor", "admin")
#: roles that hold only within a scope (``member@E0001``: one firm's own key, docs/board.md)
SCOPED_ROLES = ("member",)
#: roles of :data:`ROLES` that may take a scope: ``editor@shangyu`` changes one region only
#: (api.scopes); any other ``role@scope`` is refused rather than read as the plain role
NARROWABLE_ROLES = ("editor",)
_SCOPE_RE = re.compile(ID_PATTERN)


def parse_grant(text: str) -> tuple[str, str | None]:
    """``role`` or ``role@scope`` as ``(role, scope)``; ``ValueError`` naming what is wrong.

    >>> parse_grant("editor"), parse_grant("member@E0001"), parse_grant("editor@shangyu")
    (('editor', None), ('member', 'E0001'), ('editor', 'shangyu'))
    """
    role, at, scope = text.partition("@")
    if role not in ROLES + SCOPED_ROLES:
        raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES + SCOPED_ROLES)})")
    if at and not _SCOPE_RE.match(scope):
        raise ValueError(f"{text!r}: the scope after @ must be an id (letters, digits, _ . -)")
    if role in SCOPED_ROLES and not at:
        raise ValueError(f"{role!r} needs a scope: {role}@<firm id>")
    if at and role not in SCOPED_ROLES + NARROWABLE_ROLES:
        raise ValueError(f"{text!r}: only member@<firm id> and editor@<region id> take a scope")
    return role, scope if at else None


WEIGHTS_VAR = "CHAINATLAS_MATCH_WEIGHTS"
TILE_VAR = "CHAINATLAS_TILE_URL"
#: passwords and keys we refuse: the placeholders of .env.example and well-known defaults
PLACEHOLDERS = frozenset({"change-me", "changeme", "password", "neo4j", "secret", "example"})


def _looks_placeholder(secret: str) -> bool:
    """A secret that is, or is built from, a placeholder (``change-me-admin-key`` too)."""
    s = secret.lower()
    return s in PLACEHOLDERS or "change-me" in s or "changeme" in s


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE")
    home: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("chainatlas")),
        validation_alias="CHAINATLAS_HOME",
    )
    api_keys: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=dict, validation_alias="CHAINATLAS_API_KEYS"
    )
    anonymous_read: bool | None = Field(default=None, validation_alias="CHAINATLAS_ANONYMOUS_READ")
    match_weights: Annotated[MatchWeights, NoDecode] = Field(
        default_factory=MatchWeights, validation_alias=WEIGHTS_VAR
    )
    limits: Annotated[Limits, NoDecode] = Field(default=DEFAULT_LIMITS, validation_alias=LIMITS_VAR)
    guards: Guards = Field(default_factory=Guards)
    tile_url: str | None = Field(default=None, validation_alias=TILE_VAR)
    parallel_reads: int = Field(
        default=DEFAULT_PARALLEL_READS, ge=1, le=64, validation_alias=PARALLEL_READS_VAR
    )

    @field_validator("neo4j_uri", "neo4j_database", mode="before")
    @classmethod
    def _blank_is_unset(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("tile_url", mode="before")
    @classmethod
    def _check_tile_url(cls, v: object) -> object:
        """An operator's own tile server: http(s), a host, and the ``{z}``, ``{x}``, ``{y}``
        of a Web Mercator (XYZ) tile; the page's CSP then allows images from that origin."""
        if not isinstance(v, str) or not v.strip():
            return None
        parts = urlsplit(v.strip())
        names = set(re.findall(r"\{(\w+)\}", v))
        if parts.scheme not in {"http", "https"} or not parts.netloc or names != {"z", "x", "y"}:
            raise ValueError(
                f"{TILE_VAR} must be an http(s) URL with {{z}}, {{x}} and {{y}}, "
                "e.g. https://tiles.internal/{z}/{x}/{y}.png"
            )
        return v.strip()

    @property
    def tile_origin(self) -> str | None:
        """``scheme://host[:port]`` of the tile server, for the page's CSP."""
        if self.tile_url is None:
            return None
        parts = urlsplit(self.tile_url)
        return f"{parts.scheme}://{parts.netloc}"

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_keys(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        keys: dict[str, str] = {}
        for item in filter(None, (p.strip() for p in v.split(","))):
            key, sep, role = item.rpartition(":")
            if not sep or not key:
                raise ValueError(
                    f"CHAINATLAS_API_KEYS items are key:role or key:role@scope with role in {ROLES}"
                    f" or {', '.join(SCOPED_ROLES)}"
                )
            try:
                parse_grant(role)
            except ValueError as e:
                raise ValueError(f"CHAINATLAS_API_KEYS: {e}") from None
            if _looks_placeholder(key) or len(key) < 16:
                raise ValueError(
                    "CHAINATLAS_API_KEYS: keys must be at least 16 characters, not placeholders"
                )
            keys[key] = role
        return keys

    @field_validator("match_weights", mode="before")
    @classmethod
    def _parse_weights(cls, v: object) -> object:
        """``region=0.4,capacity=0.2``: named parts of the score (docs/matchmaking.md)."""
        if not isinstance(v, str):
            return v
        values: dict[str, float] = {}
        for item in filter(None, (p.strip() for p in v.split(","))):
            name, sep, number = item.partition("=")
            try:
                value = float(number) if sep else -1.0
            except ValueError:
                value = -1.0
            if value < 0:
                raise ValueError(f"{WEIGHTS_VAR}: {item!r} is not name=number ≥ 0")
            values[name.strip()] = value
        return MatchWeights.from_mapping(values)

    @field_validator("limits", mode="before")
    @classmethod
    def _parse_limits(cls, v: object) -> object:
        return parse_limits(v) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _refuse_placeholder_password(self) -> Settings:
        pw = self.neo4j_password.get_secret_value() if self.neo4j_password else None
        if self.neo4j_uri and pw is not None and _looks_placeholder(pw):
            raise ValueError("NEO4J_PASSWORD is a placeholder; set a real password")
        return self

    @property
    def graph_file(self) -> Path:
        """The embedded store's saved graph."""
        return self.home / "graph.json"


@cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
