"""Region editors (api/scopes.py): role × write route × in/out of scope, and the rule's edges.

The app serves the good test bundle (the reference network): E1, E2 in ningbo; E3, E6, E7 in
shangyu; E4, E5 in keqiao. ``editor@shangyu`` may change E3, E6, E7 and the facts touching
them; "in" cases touch a shangyu firm, "out" cases only firms of other regions. One app for
the module: every case makes what it acts on (a post, a change set) or changes its own
value, so the cases pass in any order.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from chainatlas.api.auth import Principal
from chainatlas.graph.memory import MemoryStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.demo import demo_bundle_path
from tests.support.api import KEYS, TEST_GUARDS, TestClient, assert_problem, client, ok
from tests.support.bundles import GOOD
from tests.support.session import SAME

REGION_KEY, MEMBER_KEY = "region-editor-key-0123456789", "member-e3-key-0123456789"
SCOPED_KEYS = {**KEYS, REGION_KEY: "editor@shangyu", MEMBER_KEY: "member@E3"}
KEY = {grant: key for key, grant in SCOPED_KEYS.items()}
CALLERS = ("anonymous", "viewer", "analyst", "editor", "admin", "editor@shangyu", "member@E3")
ADMIN = {"X-API-Key": KEY["admin"]}
#: the firm an "in" case touches, and an "out" one
FIRM = {"in": "E3", "out": "E4"}


def headers(caller: str) -> dict[str, str]:
    return {} if caller == "anonymous" else {"X-API-Key": KEY[caller]}


def zipped(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(folder.glob("*.csv")):
            z.writestr(p.name, p.read_bytes())
    return buf.getvalue()


@pytest.fixture(scope="module")
def app() -> Iterator[TestClient]:
    store = MemoryStore()
    load_bundle(store, GOOD)
    guards = TEST_GUARDS.model_copy(update={"board_posts_per_hour": 100_000})
    with client(store, anonymous=True, keys=SCOPED_KEYS, guards=guards) as c:
        yield c


@pytest.fixture(scope="module")
def one_firm(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], bytes]:
    """A zip of the shared tables unchanged and one firm row of GOOD with its short name
    set to ``short`` (each case its own value: the load always changes something)."""
    base = tmp_path_factory.mktemp("one-firm")
    for name in ("chains.csv", "regions.csv", "products.csv"):
        shutil.copy(GOOD / name, base / name)
    header, *firms = (GOOD / "enterprises.csv").read_text(encoding="utf-8").splitlines()

    def make(firm: str, short: str) -> bytes:
        row = next(f.split(",") for f in firms if f.startswith(f"{firm},"))
        row[2] = short
        (base / "enterprises.csv").write_text(f"{header}\n{','.join(row)}\n", encoding="utf-8")
        return zipped(base)

    return make


def _post(c: TestClient, firm: str) -> str:
    need = {"enterprise_id": firm, "side": "need", "kind": "产品", "title": "求购PTA"}
    made = ok(c.post("/api/board/posts", headers=ADMIN, json={**need, "products": ["pta"]}))
    return str(made["id"])


def _last_change(c: TestClient) -> int:
    return int(ok(c.get("/api/changes", headers=ADMIN, params={"limit": 1}))["items"][0]["id"])


def act(c: TestClient, route: str, side: str, caller: str, one_firm: Any) -> httpx.Response:
    """Call write ``route`` as ``caller`` on something ``side`` (in or out) of shangyu (the
    pages' forms answer problems too when the request does not ask for HTML)."""
    firm, who = FIRM[side], headers(caller)
    if route == "post":
        body = {"enterprise_id": firm, "side": "offer", "kind": "技术", "title": "技术合作"}
        return c.post("/api/board/posts", headers=who, json=body)
    if route == "page-post":  # the /board form (the pages' own write routes)
        form = {"enterprise_id": firm, "side": "offer", "kind": "技术", "title": "技术合作"}
        return c.post("/board", headers=who, data=form, follow_redirects=False)
    if route == "accept":  # E1 (ningbo) answers a need for PTA: the relation E1–firm
        post = _post(c, firm)
        return c.post(f"/api/board/posts/{post}/accept", headers=who, json={"candidate": "E1"})
    if route == "page-accept":
        post = _post(c, firm)
        return c.post(f"/board/{post}/accept", headers=who, data={"candidate": "E1"})
    if route == "withdraw":
        post = _post(c, firm)
        body = {"reason": "moderated in a test"}
        return c.post(f"/api/board/posts/{post}/withdraw", headers=who, json=body)
    if route == "revert":  # the change set of a post for firm
        _post(c, firm)
        return c.post(f"/api/changes/{_last_change(c)}/revert", headers=who)
    if route == "bundle":
        short = f"{firm}-{caller}-简称"
        files = {"file": ("one.zip", one_firm({"in": "E7", "out": "E4"}[side], short), "x")}
        return c.post("/api/bundles", headers=who, files=files)
    if route in ("edit", "page-edit"):  # the firm's short name, a value of this case's own
        fields = {"id": firm, "short_name": f"{firm}-{caller}-{route}"}
        if route == "edit":
            edit = {"table": "enterprises", "action": "change", "fields": fields}
            return c.post("/api/edits", headers=who, json=edit)
        form = {"table": "enterprises", "action": "change", "page": f"enterprises/{firm}"}
        form |= {"columns": "id,short_name", **fields}
        return c.post("/edit", headers=who, data=form, follow_redirects=False)
    assert route == "cypher"
    return c.post("/api/cypher", headers=who, json={"query": "RETURN 1 AS one"})


OK, NO_KEY, ROLE, SCOPE, CYPHER = 200, 401, "forbidden", "out-of-scope", 501
ROUTES = (
    "post",
    "page-post",
    "accept",
    "page-accept",
    "withdraw",
    "revert",
    "bundle",
    "edit",
    "page-edit",
    "cypher",
)
BOARD = ("post", "page-post", "accept", "page-accept", "withdraw")
#: caller → route → (status in scope, status out of scope); a str is a 403 problem type
EXPECTED: dict[str, dict[str, tuple[int | str, int | str]]] = {
    "anonymous": {r: (NO_KEY, NO_KEY) for r in ROUTES},
    "viewer": {r: (ROLE, ROLE) for r in ROUTES},
    "analyst": {**{r: (ROLE, ROLE) for r in ROUTES}, "cypher": (CYPHER, CYPHER)},
    "editor": {**{r: (OK, OK) for r in ROUTES}, "cypher": (CYPHER, CYPHER)},
    "admin": {**{r: (OK, OK) for r in ROUTES}, "cypher": (CYPHER, CYPHER)},
    # reads as an editor reads (Cypher is read-only); writes only its region
    "editor@shangyu": {**{r: (OK, SCOPE) for r in ROUTES}, "cypher": (CYPHER, CYPHER)},
    # the board for its own firm only; nothing else
    "member@E3": {
        **{r: (ROLE, ROLE) for r in ROUTES},
        **{r: (OK, ROLE) for r in BOARD},
    },
}
CASES = [
    (caller, route, side, EXPECTED[caller][route][i])
    for caller in CALLERS
    for route in ROUTES
    for i, side in enumerate(("in", "out"))
]


@pytest.mark.parametrize("caller, route, side, expected", CASES)
def test_role_route_scope_matrix(
    app: TestClient, one_firm: Any, caller: str, route: str, side: str, expected: int | str
) -> None:
    answer = act(app, route, side, caller, one_firm)
    if expected == OK:  # the form answers with the post's page
        assert answer.status_code == (303 if route in ("page-post", "page-edit") else 200), (
            answer.text
        )
    elif expected == NO_KEY:
        assert_problem(answer, 401, "unauthorized")
    elif expected == CYPHER:
        assert_problem(answer, 501, "cypher-unavailable")  # let through: the memory store
    else:
        body = assert_problem(answer, 403, str(expected))
        if expected == SCOPE:
            assert body["region"] == "shangyu"
            assert "editor of region shangyu" in body["detail"]


def test_the_matrix_covers_every_write_route(app: TestClient) -> None:
    doc = app.app.openapi()  # type: ignore[attr-defined]
    writes = {p for p, ops in doc["paths"].items() if set(ops) - {"get", "head", "options"}}
    assert writes == {
        "/api/board/posts",  # post
        "/api/board/posts/{post_id}/accept",
        "/api/board/posts/{post_id}/withdraw",
        "/api/changes/{change_id}/revert",
        "/api/bundles",  # bundle
        "/api/edits",  # edit (and page-edit: POST /edit)
        "/api/cypher",
    }


def test_principal_region() -> None:
    assert Principal.of("editor@shangyu").region == "shangyu"
    assert Principal.of("editor").region is None
    assert Principal.of("member@E3").region is None
    assert Principal.of("editor@shangyu").author == "editor@shangyu (anonymous)"


# -- the demo: a 上虞 office keeps its firms current (docs/lifecycle.md, "Region editors") ---
SY = {"X-API-Key": KEY["editor@shangyu"]}
SY_SUPPLY = "E0001,E0002,sulfuric_acid,15000"  # supplies.csv:2, both ends in 上虞
KQ_SUPPLY = "E0110,E0112,pet_chip,27000"  # supplies.csv:197, both ends in 柯桥


def demo_copy(tmp_path: Path, file: str, old: str, new: str) -> bytes:
    folder = tmp_path / "demo"
    shutil.copytree(demo_bundle_path(), folder, dirs_exist_ok=True)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return zipped(folder)


def upload(c: TestClient, data: bytes, **params: str) -> httpx.Response:
    files = {"file": ("demo.zip", data, "application/zip")}
    return c.post("/api/bundles", headers=SY, files=files, params=params)


def test_a_region_editor_keeps_its_region_of_the_demo(tmp_path: Path) -> None:
    store = MemoryStore()
    load_bundle(store, demo_bundle_path())
    with client(store, keys=SCOPED_KEYS) as c:
        keqiao = upload(c, demo_copy(tmp_path, "supplies.csv", KQ_SUPPLY, KQ_SUPPLY + "0"))
        body = assert_problem(keqiao, 403, SCOPE)
        assert body["total"] == 1
        assert body["rows"] == [
            {
                "file": "supplies.csv",
                "row": 197,
                "table": "supplies",
                "firms": ["E0110", "E0112"],
                "reason": "none of firms E0110, E0112 is in region shangyu",
            }
        ]
        assert "supplies.csv:197" in body["detail"]
        renamed = demo_copy(tmp_path, "products.csv", "醋酸,", "乙酸,")
        shared = assert_problem(upload(c, renamed), 403, SCOPE)
        assert shared["rows"][0]["table"] == "products"
        assert "shared table" in shared["rows"][0]["reason"]
        same = demo_copy(tmp_path, "supplies.csv", SY_SUPPLY, SY_SUPPLY)
        assert (
            "scope region=shangyu"
            in assert_problem(upload(c, same, scope="all"), 403, SCOPE)["detail"]
        )
        assert_problem(upload(c, same, scope="region=keqiao"), 403, SCOPE)
        # its own region, authoritative: the supply missing from the bundle ends
        dropped = demo_copy(tmp_path, "supplies.csv", SY_SUPPLY + ",t,2019,,企业填报（2024）\n", "")
        loaded = ok(upload(c, dropped, scope="region=shangyu"))
        assert loaded["ended"] == {"supplies": 1}
        mine = loaded["change_set"]["id"]
        assert loaded["change_set"]["author"].startswith("editor@shangyu key ")
        # the first load touched every region: not its to revert; its own change set is
        first = assert_problem(c.post("/api/changes/1/revert", headers=SY), 403, SCOPE)
        assert first["total"] > 100 and first["facts"][0]["reason"]
        assert ok(c.post(f"/api/changes/{mine}/revert", headers=SY))["reverts"] == mine


def test_the_board_pages_offer_a_region_editor_its_region_only(app: TestClient) -> None:
    page = app.get("/board", headers=headers("editor@shangyu"))
    select = re.findall(r'name="enterprise_id".*?</select>', page.text, re.S)[0]
    assert re.findall(r'<option value="(E\d+)"', select) == ["E3", "E6", "E7"]
    form = {"side": "offer", "kind": "技术", "title": "技术合作", "products": "pta"}
    made = app.post(
        "/board",
        data={**form, "enterprise_id": "E3"},
        headers=headers("editor@shangyu"),
        follow_redirects=False,
    )
    assert made.status_code == 303 and made.headers["location"].startswith("/board/BP")
    refused = app.post(
        "/board", data={**form, "enterprise_id": "E4"}, headers=headers("editor@shangyu")
    )
    assert refused.status_code == 403
    # Accept buttons: on a post of 丁纺织 (柯桥), only for a candidate of 上虞
    ours, theirs = _post(app, "E3"), _post(app, "E4")
    for post, firms in ((ours, None), (theirs, {"E3", "E6", "E7"})):
        page = app.get(f"/board/{post}", headers=headers("editor@shangyu"))
        shown = set(re.findall(r'name="candidate" value="(\w+)"', page.text))
        everyone = set(re.findall(r"\((E\d+)\)</td>", page.text))
        assert everyone and shown == (everyone if firms is None else everyone & firms)


def test_a_region_editor_signed_in_keeps_its_region() -> None:
    with client(keys=SCOPED_KEYS) as c:
        signed = c.post("/login", data={"key": REGION_KEY, "next": "/map"}, follow_redirects=False)
        assert signed.status_code == 303
        assert c.get("/session").json() == {"signed_in": True, "role": "editor@shangyu"}
        offer = {"side": "offer", "kind": "技术", "title": "技术合作"}
        theirs = c.post("/api/board/posts", json={**offer, "enterprise_id": "E4"}, headers=SAME)
        assert assert_problem(theirs, 403, SCOPE)["firms"] == ["E4"]
        ours = ok(c.post("/api/board/posts", json={**offer, "enterprise_id": "E7"}, headers=SAME))
        change = ok(c.get("/api/changes", params={"limit": 1}))["items"][0]
        assert (ours["enterprise_id"], change["author"]) == ("E7", "editor@shangyu (session)")


def test_a_load_beyond_its_region_is_refused_before_the_bundle_is_read(app: TestClient) -> None:
    files = {"file": ("b.txt", b"not a bundle", "text/plain")}
    for scope in ("all", "region=keqiao", "source=good"):
        answer = app.post("/api/bundles", headers=SY, files=files, params={"scope": scope})
        assert f"not {scope}" in assert_problem(answer, 403, SCOPE)["detail"]
    answer = app.post("/api/bundles", headers=SY, files=files, params={"scope": "region=shangyu"})
    assert_problem(answer, 415, "unsupported-media-type")
