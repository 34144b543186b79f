"""The app under test: settings isolated from the environment, API keys per role, the
reference network in a memory store, a test client, and assertions on its answers (200 with a
body, problem details, unknown ids, invalid parameters)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from starlette.exceptions import StarletteDeprecationWarning

from chainatlas.api.app import create_app
from chainatlas.api.problems import BASE, MEDIA_TYPE
from chainatlas.graph.changes import change_set
from chainatlas.graph.guards import LOOPBACK_HOSTS, Guards
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Row, Table
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from tests.support import reference

with warnings.catch_warnings():
    # Starlette asks for httpx2 in place of httpx; the test client works with either
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    # imported here, under the filter, by every test module that needs it (re-exported)
    from fastapi.testclient import TestClient as TestClient

KEYS = {
    "viewer-key-0123456789": "viewer",
    "analyst-key-0123456789": "analyst",
    "editor-key-0123456789": "editor",
    "admin-key-0123456789": "admin",
}
KEY_OF = {role: key for key, role in KEYS.items()}
CONTACT = {"contact_person": "王工", "phone": "0575-82000000", "email": "wang@example.com"}
#: one need on the board of the reference network, by 丙化纤 (E3), with its contacts
BOARD_POST = {
    "id": "BP1",
    "enterprise_id": "E3",
    "side": "need",
    "kind": "产品",
    "title": "求购PTA",
    "products": ["pta"],
    "valid_from": "2026-01-01",
    **CONTACT,
}


#: the guards of most tests: the test client's host name, no request rate limit, and room for
#: the many wrong keys some tests try (tests/hostile/ sets the real guards)
TEST_GUARDS = Guards(
    _env_file=None,  # type: ignore[call-arg]
    allowed_hosts=("testserver", *LOOPBACK_HOSTS),
    rate_limit=0,
    login_failures=100_000,
)


def settings(
    *,
    anonymous: bool = False,
    keys: dict[str, str] | None = None,
    home: Path | None = None,
    **more: Any,
) -> Settings:
    """Settings that ignore the environment and any .env file."""
    base = Settings(_env_file=None)  # type: ignore[call-arg]
    update: dict[str, Any] = {
        "anonymous_read": anonymous,
        "api_keys": KEYS if keys is None else keys,
        "neo4j_uri": None,
        "guards": TEST_GUARDS,
        **more,
    }
    if home is not None:
        update["home"] = home
    return base.model_copy(update=update)


def reference_tables() -> dict[Table, list[dict[str, Any]]]:
    """The reference network, with contact details on 丙化纤 (E3)."""
    tables = {t: [dict(r) for r in rows] for t, rows in reference.TABLES.items()}
    tables[Table.ENTERPRISES][2].update(CONTACT)
    tables[Table.POSTS] = [dict(BOARD_POST)]
    return tables


def reference_store() -> MemoryStore:
    """The reference network, written as change set 1 (so the history has one entry)."""
    store = MemoryStore()
    tables = reference_tables()
    with change_set(store, author="test", source="reference") as cs:
        for table in Table:
            cs.upsert(table, tables.get(table, []))
    return store


def client(store: GraphStore | None = None, *, anonymous: bool = False, **kw: Any) -> TestClient:
    """A test client of an app serving ``store`` (the reference network by default).

    Use it in a ``with`` block so the lifespan runs."""
    app = create_app(settings(anonymous=anonymous, **kw), store or reference_store())
    return TestClient(app, raise_server_exceptions=False)


def anonymous_client_of(tables: Mapping[Table, list[Row]]) -> TestClient:
    """A client of an app serving a memory store that holds ``tables``, anonymous reading on
    (use it in a ``with`` block)."""
    store = MemoryStore()
    store.write_tables(tables)
    return client(store, anonymous=True)


def auth(role: str) -> dict[str, str]:
    return {"X-API-Key": KEY_OF[role]}


def assert_problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    """``response`` is an RFC 9457 problem of ``kind``; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert body["type"] == BASE + kind
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.url.path
    return body


def same(answer: Any) -> Any:
    """``answer`` as it looks after a trip through JSON."""
    return json.loads(json.dumps(answer, ensure_ascii=False))


def ok(response: httpx.Response) -> Any:
    """The body of a 200 answer."""
    assert response.status_code == 200, response.text
    return response.json()


def unknown(response: httpx.Response, kind: str, id: str) -> None:
    """``response`` is the 404 problem for the unknown ``kind`` ``id``, naming it."""
    body = assert_problem(response, 404, "unknown-entity")
    assert body["entity"] == {"kind": kind, "id": id}
    assert repr(id) in body["detail"]


def invalid(response: httpx.Response, *names: str) -> None:
    """``response`` is a 422 validation problem naming (at least) the parameters ``names``."""
    body = assert_problem(response, 422, "validation")
    assert set(names) <= {e["name"] for e in body["errors"]}, body


def page_ids(response: httpx.Response) -> list[str]:
    """The ids of a 200 page's items."""
    return [i["id"] for i in ok(response)["items"]]


ALLOWED_HOSTS = {"127.0.0.1", "localhost", "testserver", "chainatlas.dev"}
_URL = re.compile(r"https?://([A-Za-z0-9.-]+)")


def foreign_hosts(text: str) -> set[str]:
    return {h for h in _URL.findall(text) if h not in ALLOWED_HOSTS}
