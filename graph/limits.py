"""The service's limits (docs/security.md), one settings group read from the environment.

| variable | meaning | default |
|---|---|---|
| ``CHAINATLAS_ALLOWED_HOSTS`` | host names the API answers to (``Host`` header), comma-separated; ``*`` any | the bound host and ``localhost``, ``127.0.0.1``, ``::1`` |
| ``CHAINATLAS_RATE_LIMIT`` | requests per second per API key (per client address when anonymous); 0 off | 20 |
| ``CHAINATLAS_RATE_BURST`` | requests a caller may send at once above that rate | 60 |
| ``CHAINATLAS_LOGIN_FAILURES`` | failed sign-ins (or unknown keys) per client, and per key tried, in 60 s before 429 | 10 |
| ``CHAINATLAS_SESSIONS_PER_KEY`` | live sessions per API key; a new sign-in ends that key's oldest | 20 |
| ``CHAINATLAS_SESSION_SECRET`` | signs session cookies (32+ characters, shared by every replica) | random per process |
| ``CHAINATLAS_CYPHER_TIMEOUT`` | seconds an analyst query may run | 10 |
| ``CHAINATLAS_CYPHER_PER_KEY`` | analyst queries one key may run at once | 2 |
| ``CHAINATLAS_CYPHER_WORKERS`` | analyst queries the process runs at once (its own threads) | 4 |
| ``CHAINATLAS_ANALYTICS_CACHE`` | global analytics kept per graph version (0 turns the cache off) | 64 |
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

#: the names of this machine, always accepted in ``Host`` unless hosts are configured
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_PLACEHOLDERS = ("change-me", "changeme", "secret", "example", "password")


class Limits(BaseSettings):
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

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _parse_hosts(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        hosts = tuple(h.strip().lower().strip("[]") for h in v.split(",") if h.strip())
        return hosts or None

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
