"""Sessions of people signed in at ``/login``: signed, expiring tokens every replica can check.

A token is ``<payload>.<signature>`` (URL-safe base64): the payload names the role, the
fingerprint of the key that signed in (an HMAC of the key, never the key), the expiry (Unix
seconds) and a random nonce; the signature is HMAC-SHA256 under the server's secret
(``CHAINATLAS_SESSION_SECRET``, shared by every replica; without it each process makes its own
and a restart signs everybody out). Any replica with the same secret and keys accepts the
token, so the API can run as several processes behind a load balancer.

This process also keeps the live tokens it issued, per key: at most ``per_key`` (a new
sign-in ends that key's oldest session, never another key's), and sign-out revokes a token at
once here. Only token digests are kept. A token is refused when the key that made it is no
longer configured with that role.

>>> table = Sessions(b"k" * 32, ttl_s=60, per_key=1)
>>> first = table.create("viewer", key_id="a")
>>> table.role(first), table.role(table.create("viewer", key_id="a")), table.role(first)
('viewer', 'viewer', None)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

#: how long a sign-in lasts (absolute, not renewed by use)
SESSION_TTL_S = 8 * 3600
#: live sessions this process tracks per key unless configured (CHAINATLAS_SESSIONS_PER_KEY)
SESSIONS_PER_KEY = 20
#: the most revoked tokens remembered (each until it would have expired anyway)
MAX_REVOKED = 100_000
MAX_TOKEN = 512


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def fingerprint(secret: bytes, key: str) -> str:
    """A key's stable, non-reversible name under ``secret`` (16 hex digits)."""
    return hmac.new(secret, b"key:" + key.encode(), hashlib.sha256).hexdigest()[:16]


class Sessions:
    """Issue, check and revoke session tokens (see the module)."""

    def __init__(
        self,
        secret: bytes | None = None,
        ttl_s: float = SESSION_TTL_S,
        per_key: int = SESSIONS_PER_KEY,
        *,
        valid: Callable[[str, str], bool] | None = None,
    ) -> None:
        self.secret = secret or secrets.token_bytes(32)
        self.ttl_s = ttl_s
        self.per_key = per_key
        #: whether (key fingerprint, role) still names a configured key
        self.valid = valid or (lambda key_id, role: True)
        #: Unix seconds; tests move it
        self.clock: Callable[[], float] = time.time
        self._lock = threading.Lock()
        #: key fingerprint → {token digest: expiry}, oldest first
        self._table: dict[str, OrderedDict[str, float]] = {}
        self._revoked: OrderedDict[str, float] = OrderedDict()

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()

    def _sign(self, payload: bytes) -> str:
        return _b64(hmac.new(self.secret, payload, hashlib.sha256).digest())

    def create(self, role: str, *, key_id: str = "") -> str:
        """A new token for ``role``, signed in with the key named ``key_id``."""
        now = self.clock()
        ends = now + self.ttl_s
        body = {"r": role, "k": key_id, "e": round(ends, 3), "n": secrets.token_urlsafe(12)}
        payload = json.dumps(body, separators=(",", ":")).encode()
        token = f"{_b64(payload)}.{self._sign(payload)}"
        with self._lock:
            mine = self._table.setdefault(key_id, OrderedDict())
            for d in [d for d, e in mine.items() if e <= now]:
                del mine[d]
            while len(mine) >= self.per_key:
                self._revoke(*mine.popitem(last=False))
            mine[self._digest(token)] = ends
        return token

    def _claims(self, token: str | None) -> dict[str, object] | None:
        if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
            return None
        payload_text, signature = token.split(".")
        try:
            payload = _unb64(payload_text)
            claims = json.loads(payload)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(self._sign(payload), signature) or not isinstance(claims, dict):
            return None
        return claims

    def role(self, token: str | None) -> str | None:
        """The role of a live ``token``; None for a missing, forged, expired or revoked one."""
        found = self.claims(token)
        return None if found is None else found[0]

    def claims(self, token: str | None) -> tuple[str, str] | None:
        """``(role, key fingerprint)`` of a live ``token``."""
        claims = self._claims(token)
        if claims is None:
            return None
        role, key_id, ends = claims.get("r"), claims.get("k"), claims.get("e")
        if not (isinstance(role, str) and isinstance(key_id, str)):
            return None
        if not isinstance(ends, int | float) or ends <= self.clock():
            return None
        assert token is not None
        with self._lock:
            if self._digest(token) in self._revoked:
                return None
        return (role, key_id) if self.valid(key_id, role) else None

    def _revoke(self, digest: str, ends: float) -> None:
        self._revoked[digest] = ends
        now = self.clock()
        while self._revoked and (
            len(self._revoked) > MAX_REVOKED or next(iter(self._revoked.values())) <= now
        ):
            self._revoked.popitem(last=False)

    def drop(self, token: str | None) -> None:
        """Sign-out: the token is dead from now on (in this process at once)."""
        claims = self._claims(token)
        if claims is None or token is None:
            return
        digest = self._digest(token)
        ends = claims.get("e")
        with self._lock:
            mine = self._table.get(str(claims.get("k")), OrderedDict())
            mine.pop(digest, None)
            self._revoke(digest, float(ends) if isinstance(ends, int | float) else self.clock())

    def __len__(self) -> int:
        now = self.clock()
        with self._lock:
            return sum(1 for mine in self._table.values() for e in mine.values() if e > now)
