"""The service's guards (docs/security.md): hosts, rates, sign-ins, sessions, analyst queries, the
analytics cache; one settings group read from the environment (bundle limits: graph/limits.py).

Each setting, its variable and its default (docs/security.md explains them):

- ``allowed_hosts``, ``CHAINATLAS_ALLOWED_HOSTS``: host names the API answers to (the
  ``Host`` header), comma-separated, ``*`` for any; default the bound host and the loopback
  names ``localhost``, ``127.0.0.1``, ``::1``.
- ``rate_limit``, ``CHAINATLAS_RATE_LIMIT``: requests per second per API key (per client
  address when anonymous), 0 for none; 20. ``rate_burst``, ``CHAINATLAS_RATE_BURST``: how many
  at once above that rate; 60.
- ``login_failures``, ``CHAINATLAS_LOGIN_FAILURES``: failed sign-ins or unknown keys per
  client, and per key tried, within 60 s before 429; 10.
- ``sessions_per_key``, ``CHAINATLAS_SESSIONS_PER_KEY``: live sessions per key (a new sign-in
  ends that key's oldest); 20. ``session_secret``, ``CHAINATLAS_SESSION_SECRET``: signs
  session cookies, 32+ characters shared by every replica; random per process.
- ``cypher_timeout``, ``CHAINATLAS_CYPHER_TIMEOUT``: seconds an analyst query may run; 10.
  ``cypher_per_key``, ``CHAINATLAS_CYPHER_PER_KEY``: analyst queries at once per key; 2.
  ``cypher_workers``, ``CHAINATLAS_CYPHER_WORKERS``: analyst queries at once per process, on
  threads of their own; 4.
- ``analytics_cache``, ``CHAINATLAS_ANALYTICS_CACHE``: answers of global analytics kept per
  version of the graph, 0 for none; 64. ``shared_cache``, ``CHAINATLAS_SHARED_CACHE``: a
  directory (existing, writable, this server's own) where the worker processes of one server
  share those answers, so each is computed once for all; unset, each process keeps its own
  (``serve --workers`` makes one for its run).
- ``board_posts_per_hour``, ``CHAINATLAS_BOARD_POSTS_PER_HOUR``: posts one key may put on the
  board per hour (docs/board.md), 0 for no limit; 30.
- ``read_lanes``, ``CHAINATLAS_READ_LANES``: local reads (search, profiles, matchmaking,
  paths, tiers, impact) that run at once in one process, the others waiting their turn in
  order of arrival; 0, the default, for no bound. On the embedded store one lane makes a
  burst of local reads finish in order rather than all together (p99 near p50), but under a
  mixed load the other reads go first and the local ones wait longer: docs/performance.md,
  "A request's hops, read lanes", has both measured.
- ``precompute``, ``CHAINATLAS_PRECOMPUTE``: every so many seconds each worker looks at the
  graph's version and the day, and when either changed computes the global answers (figures,
  chains, gaps, risks, the committee's lists, centrality, PageRank, the communities, the map
  and each chain's map) into the analytics cache before anyone asks (api/precompute.py); 0,
  the default, for never: the first reader after a change computes each. docker-compose.yml
  sets 30.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

#: the names of this machine, always accepted in ``Host`` unless hosts are configured
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_PLACEHOLDERS = ("change-me", "changeme", "secret", "example", "password")


class Guards(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    allowed_hosts: Annotated[tuple[str, ...] | None, NoDecode] = Field(
        default=None, validation_alias="CHAINATLAS_ALLOWED_HOSTS"
    )
    rate_limit: float = Field(default=20.0, ge=0, validation_alias="CHAINATLAS_RATE_LIMIT")
    rate_burst: int = Field(default=60, ge=1, validation_alias="CHAINATLAS_RATE_BURST")
    login_failures: int = Field(default=10, ge=1, validation_alias="CHAINATLAS_LOGIN_FAILURES")
    sessions_per_key: int = Field(default=20, ge=1, validation_alias="CHAINATLAS_SESSIONS_PER_KEY")
    session_secret: SecretStr | None = Field(
        default=None, validation_alias="CHAINATLAS_SESSION_SECRET"
    )
    cypher_timeout: float = Field(
        default=10.0, gt=0, le=600, validation_alias="CHAINATLAS_CYPHER_TIMEOUT"
    )
    cypher_per_key: int = Field(default=2, ge=1, validation_alias="CHAINATLAS_CYPHER_PER_KEY")
    cypher_workers: int = Field(default=4, ge=1, validation_alias="CHAINATLAS_CYPHER_WORKERS")
    analytics_cache: int = Field(default=64, ge=0, validation_alias="CHAINATLAS_ANALYTICS_CACHE")
    shared_cache: Path | None = Field(default=None, validation_alias="CHAINATLAS_SHARED_CACHE")
    board_posts_per_hour: int = Field(
        default=30, ge=0, validation_alias="CHAINATLAS_BOARD_POSTS_PER_HOUR"
    )
    read_lanes: int = Field(default=0, ge=0, le=1024, validation_alias="CHAINATLAS_READ_LANES")
    precompute: float = Field(default=0, ge=0, le=86_400, validation_alias="CHAINATLAS_PRECOMPUTE")

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _parse_hosts(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        hosts = tuple(h.strip().lower().strip("[]") for h in v.split(",") if h.strip())
        return hosts or None

    @field_validator("shared_cache")
    @classmethod
    def _writable_directory(cls, v: Path | None) -> Path | None:
        if v is not None and not (v.is_dir() and os.access(v, os.W_OK | os.X_OK)):
            raise ValueError(f"CHAINATLAS_SHARED_CACHE must be a writable directory: {v}")
        return v

    @field_validator("session_secret", mode="before")
    @classmethod
    def _refuse_weak_secret(cls, v: object) -> object:
        if isinstance(v, str) and not v.strip():
            return None
        if isinstance(v, str) and (len(v) < 32 or any(p in v.lower() for p in _PLACEHOLDERS)):
            raise ValueError(
                "CHAINATLAS_SESSION_SECRET must be 32+ random characters, not a placeholder"
            )
        return v
