"""The committee's pages on the demo: lists, KPIs and the briefing as pages and files, the
HTML error pages a browser gets, and the report workbook checked against the API's answers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from chainatlas.api.pages import tables
from chainatlas.api.pages.committee import BOARD_TITLES, DIGEST_TITLES, MEMBER, SHEET_KINDS, TITLES
from chainatlas.api.problems import MEDIA_TYPE
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support.api import TestClient, client

HTML = {"Accept": "text/html,application/xhtml+xml"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def demo() -> Iterator[TestClient]:
    with client(bundle_store(demo_bundle_path()), anonymous=True) as c:
        yield c


def _sheet(body: bytes, name: str | None = None) -> pd.DataFrame:
    book = pd.read_excel(io.BytesIO(body), sheet_name=None)
    return book[name] if name else next(iter(book.values()))


def _table(kind: str, items: list[dict[str, Any]]) -> Any:
    return tables.table(kind, {MEMBER[kind]: items})


def _expected(kind: str, items: list[dict[str, Any]]) -> list[list[Any]]:
    """What a sheet of ``kind`` must hold for ``items``, as pandas reads it back (an empty
    text is an empty cell)."""
    return _read(_table(kind, items).frame(headed=True))


def _read(df: pd.DataFrame) -> list[list[Any]]:
    cells = df.astype(object).where(df.notna(), None).values.tolist()
    return [[None if v == "" else v for v in row] for row in cells]


def test_the_report_workbook_holds_the_apis_answers(demo: TestClient) -> None:
    r = demo.get("/report?format=xlsx&limit=20")
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    book = pd.read_excel(io.BytesIO(r.content), sheet_name=None)
    # the briefing's own sheets, then the change digest of the last 30 days
    assert list(book) == [sheet for sheet, _, _ in TITLES + BOARD_TITLES + DIGEST_TITLES]
    api = {
        "kpis": demo.get("/api/kpis").json()["rows"],
        "fill": demo.get("/api/targets/fill?limit=20").json()["targets"],
        "weak": demo.get("/api/targets/strengthen?limit=20").json(),
        "extend": demo.get("/api/targets/extend?limit=20").json()["targets"],
    }
    assert len(api["fill"]) == 13
    expected = {
        "指标 KPIs": _expected("kpis", api["kpis"]),
        "风险 Risks": _expected("strengthen_products", api["weak"]["products"][:5]),
        "补链 Fill": _expected("fill", api["fill"]),
        "强链产品 Weak products": _expected("strengthen_products", api["weak"]["products"]),
        "强链企业 Key firms": _expected("strengthen_firms", api["weak"]["firms"]),
        "延链 Extend": _expected("extend", api["extend"]),
    }
    kinds = SHEET_KINDS
    for sheet, rows in expected.items():
        assert _read(book[sheet]) == rows, sheet
        assert list(book[sheet].columns) == _table(kinds[sheet], []).headings()


@pytest.mark.parametrize(
    ("url", "api", "member"),
    [
        ("/targets?list=fill", "/api/targets/fill", "targets"),
        ("/targets?list=extend", "/api/targets/extend", "targets"),
        ("/targets?list=strengthen", "/api/targets/strengthen", "products"),
        ("/targets?list=firms", "/api/targets/strengthen", "firms"),
        ("/kpis", "/api/kpis", "rows"),
    ],
)
def test_every_list_exports_csv_and_xlsx(demo: TestClient, url: str, api: str, member: str) -> None:
    items = demo.get(api).json()[member]
    kind = {"fill": "fill", "extend": "extend", "strengthen": "strengthen_products"}
    which = url.split("list=")[-1] if "list=" in url else "kpis"
    kind_of = kind.get(which, "strengthen_firms" if which == "firms" else "kpis")
    csv = demo.get(f"{url}{'&' if '?' in url else '?'}format=csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert csv.content == _table(kind_of, items).csv(headed=True)
    xlsx = demo.get(f"{url}{'&' if '?' in url else '?'}format=xlsx")
    assert _read(_sheet(xlsx.content)) == _expected(kind_of, items)
    page = demo.get(url).text
    assert 'id="export-csv"' in page and 'id="export-xlsx"' in page
    assert page.count("<tr>") == len(items) + 1 or not items


def test_a_formula_like_cell_is_text_in_every_file() -> None:
    row = {"rank": 1, "product_id": "p", "name": '=HYPERLINK("http://x")', "score": 0.5}
    assert _table("fill", [row]).csv(headed=True).decode("utf-8-sig").count("'=HYPER") == 1
    book = tables.workbook({"补链 Fill": _table("fill", [row])})
    assert _sheet(book)["名称 name"][0] == '=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/match?enterprise=E9999", 404, "找不到编号为 E9999 的企业"),
        ("/view/enterprises/E9999", 404, "找不到编号为 E9999 的企业"),
        ("/map?chain=nope", 404, "找不到编号为 nope 的产业链"),
        ("/paths?k=99", 422, "页面参数有误"),
        ("/targets?list=nope", 422, "页面参数有误"),
        ("/no-such-page", 404, "没有这个页面"),
    ],
)
def test_a_browser_gets_an_html_error_page(
    demo: TestClient, url: str, status: int, says: str
) -> None:
    r = demo.get(url, headers=HTML)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert says in r.text and 'id="error-back-map"' in r.text
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


@pytest.mark.parametrize(
    "url",
    ["/api/enterprises/E9999", "/view/enterprises/E9999?format=json", "/match?enterprise=E9999"],
)
def test_scripts_and_the_api_keep_problem_json(demo: TestClient, url: str) -> None:
    headers = HTML if url.startswith("/api") or "format=json" in url else {}
    r = demo.get(url, headers=headers)
    assert r.status_code == 404 and r.headers["content-type"] == MEDIA_TYPE


def test_the_tiers_form_goes_to_the_tiers_view(demo: TestClient) -> None:
    r = demo.get("/tiers?kind=products&id=ahf&direction=downstream", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/view/products/ahf/tiers?direction=downstream"


def test_the_map_links_every_analysis(demo: TestClient) -> None:
    nav = demo.get("/map").text
    for href in ('href="/analyses"', 'href="/targets"', 'href="/report"'):
        assert href in nav
    index = demo.get("/analyses").text
    for href in (
        "/targets?list=fill",
        "/targets?list=strengthen",
        "/targets?list=extend",
        "/kpis",
        "/view/gaps",
        "/view/risk/single-source",
        "/centrality",
        "/view/risk/impact",
        "/tiers",
        "/report",
    ):
        assert f'"{href}"' in index, href


@pytest.mark.parametrize(
    ("query", "kind", "count"),
    [
        ("paths/supply?source=E0080&target=E0001", "supply_paths", "hops"),
        ("match/suppliers?enterprise=E0001", "match", "candidates"),
        ("risk/impact?product=fluorspar", "impact", "outside"),
    ],
)
def test_every_answer_a_page_shows_exports_csv_and_xlsx(
    demo: TestClient, query: str, kind: str, count: str
) -> None:
    answer = demo.get(f"/api/{query}").json()
    rows = {
        "hops": sum(len(p["hops"]) for p in answer.get("paths", [])),
        "candidates": len(answer.get("candidates", [])),
        "outside": len(answer.get("affected", [])) + answer.get("outside", {}).get("firms", 0),
    }[count]
    assert rows > 0
    csv = demo.get(f"/view/{query}&format=csv")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in csv.headers["content-disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    heads = tables.table(kind, {}).headings()
    assert lines[0] == ",".join(heads) and len(lines) == rows + 1
    book = _sheet(demo.get(f"/view/{query}&format=xlsx").content)
    assert list(book.columns) == heads and len(book) == rows
    if kind == "impact":  # fluorspar: nobody in the map makes it; its 3 buyers are listed
        assert book["供应来自图谱以外 supplied from outside the map"].tolist() == [True] * 3
        assert book["编号 id"].tolist() == [f["id"] for f in answer["outside"]["needed_by"]]
    page = demo.get(f"/{query.split('?')[0].split('/')[0]}?{query.split('?')[1]}").text
    if kind != "impact":  # the match and paths pages offer the same files
        assert 'id="export-csv"' in page and "format=csv" in page


def test_the_impact_of_a_product_made_outside_says_so(demo: TestClient) -> None:
    page = demo.get("/view/risk/impact?product=fluorspar").text
    assert "萤石（酸级）：本地无生产企业，全部供应来自图谱以外" in page
    assert "外部供应：3 家企业 · 年需求 261,500 t" in page
    assert "its whole supply comes from outside the map; 3 firms need it, 261,500 t a year" in page
    for firm in ("E0001", "E0002", "E0003"):
        assert f"Enterprise:{firm}" in page


def test_the_map_on_the_ground_exports_its_table(demo: TestClient) -> None:
    page = demo.get("/geo?chain=fluorine").text
    assert 'id="export-csv"' in page and "/geo?chain=fluorine&amp;format=xlsx" in page
    csv = demo.get("/geo?chain=fluorine&format=csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    book = _sheet(demo.get("/geo?chain=fluorine&format=xlsx").content)
    features = demo.get("/api/geo?chain=fluorine&flows=true").json()["features"]
    assert len(book) == len(features) and "编号 id" in book.columns
    firms = [f["properties"]["id"] for f in features if f["properties"]["kind"] == "enterprise"]
    assert book[book["类型 kind"] == "enterprise"]["编号 id"].tolist() == firms
