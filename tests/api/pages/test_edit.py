"""/edit/... on the demo: editors get an Edit link on a profile and forms (Chinese first), a
refused edit shows each problem beside its field (422) or both change sets (409), a saved one
names its change set with a link to /changes; viewers see no link and get 403; a session's
form post from another site is 403. One app per test: edits change the graph (the demo loads
as change set 1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from chainatlas.loaders.codes import credit_code_check_char
from tests.support.api import KEY_OF, TestClient, client
from tests.support.board import demo_store
from tests.support.session import SAME, login

CODE = "91330604MA2D0099X"
EDITOR = {"X-API-Key": KEY_OF["editor"]}
VIEWER = {"X-API-Key": KEY_OF["viewer"]}
#: the form of E0001's supply of sulfuric acid to E0002 (its first one, by key)
SULFURIC = {
    "form": "supply-E0001-E0002-sulfuric_acid",
    "table": "supplies",
    "page": "enterprises/E0001",
    "columns": "supplier_id,buyer_id,product_id,volume,unit,since,until,source",
    "supplier_id": "E0001",
    "buyer_id": "E0002",
    "product_id": "sulfuric_acid",
    "volume": "15000",
    "unit": "t",
    "since": "2019",
    "until": "",
    "source": "企业填报（2024）",
}


@pytest.fixture
def app() -> Iterator[TestClient]:
    with client(demo_store()) as c:
        yield c


def errors_of(text: str) -> list[str]:
    return re.findall(r'<span class="error field-error"[^>]*>([^<]*)<', text)


def send(c: TestClient, headers: dict[str, str] = EDITOR, **change: Any) -> Any:
    return c.post("/edit", data={**SULFURIC, **change}, headers=headers, follow_redirects=False)


def test_editors_get_the_link_and_the_forms_viewers_neither(app: TestClient) -> None:
    assert 'id="btn-edit"' in app.get("/view/enterprises/E0001", headers=EDITOR).text
    assert 'href="/edit/products/pta"' in app.get("/view/products/pta", headers=EDITOR).text
    assert 'id="btn-edit"' not in app.get("/view/enterprises/E0001", headers=VIEWER).text
    page = app.get("/edit/enterprises/E0001", headers=EDITOR)
    assert page.status_code == 200
    for form in ("form-firm", "form-supply-add", "form-coop-add", "form-firm-add"):
        assert f'id="{form}"' in page.text, form
    assert '<span class="zh">供应方</span> <span class="en">supplier id</span>' in page.text
    assert 'name="base" value="1"' in page.text
    assert 'id="form-supply-E0001-E0002-sulfuric_acid"' in page.text
    assert 'id="form-product"' in app.get("/edit/products/pta", headers=EDITOR).text
    assert app.get("/edit/enterprises/E0001", headers=VIEWER).status_code == 403
    assert send(app, VIEWER, action="end").status_code == 403
    assert app.get("/edit/places/E0001", headers=EDITOR).status_code == 404
    assert app.get("/edit/enterprises/E9999", headers=EDITOR).status_code == 404
    assert send(app, action="end", page="regions/x").status_code == 422


def test_problems_beside_their_fields_then_saved_then_a_conflict(app: TestClient) -> None:
    bad = send(app, action="change", base="1", until="2099", volume="lots")
    assert bad.status_code == 422
    today = date.today().isoformat()
    assert errors_of(bad.text) == [
        "supplies:volume: not a number: &#39;lots&#39;",
        f"supplies:until: until 2099 is after the load date {today}: record it when it happens",
    ]
    assert 'value="lots"' in bad.text  # the editor's text stays
    saved = send(app, action="end", base="1")
    assert (saved.status_code, saved.headers["location"]) == (303, "/edit/enterprises/E0001?done=2")
    shown = app.get(saved.headers["location"], headers=EDITOR).text
    assert 'href="/api/changes/2" id="edit-done-set"' in shown and 'href="/changes"' in shown
    late = send(app, action="change", base="1", volume="1")
    assert late.status_code == 409
    assert (
        "变更集 1 编辑，但变更集 2" in late.text and "change set 1, but change set 2" in late.text
    )
    same = send(app, action="change", base="2", until=today)
    assert same.headers["location"].endswith("?done=0")


def test_a_new_firm_opens_its_own_page(app: TestClient) -> None:
    firm = {
        "form": "firm-add",
        "table": "enterprises",
        "page": "enterprises/E0001",
        "columns": "id,name,credit_code,region_id",
        "id": "E0999",
        "name": "浙江测试新材料有限公司",
        "credit_code": "91330604MA2D0099XH",
        "region_id": "shangyu",
    }
    bad = app.post("/edit", data={**firm, "action": "add"}, headers=EDITOR)
    assert bad.status_code == 422 and "credit_code" in "".join(errors_of(bad.text))
    firm["credit_code"] = CODE + credit_code_check_char(CODE)
    made = app.post("/edit", data={**firm, "action": "add"}, headers=EDITOR, follow_redirects=False)
    assert made.headers["location"] == "/edit/enterprises/E0999?done=2"
    page = app.get(made.headers["location"], headers=EDITOR).text
    assert 'value="浙江测试新材料有限公司"' in page


def test_a_sessions_form_post_must_come_from_this_site(app: TestClient) -> None:
    login(app, "editor")
    foreign = send(app, {"Origin": "https://evil.example"}, action="end")
    assert foreign.status_code == 403
    assert send(app, SAME, action="end").status_code == 303
