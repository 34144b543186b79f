"""The committee's pages on the demo: lists, KPIs and the briefing as pages and files, the
HTML error pages a browser gets, and the report workbook checked against the API's answers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from chainatlas.api.pages import tables
from chainatlas.api.pages.committee import DIGEST_TITLES, TITLES
from chainatlas.api.problems import MEDIA_TYPE
from chainatlas.graph import sheets
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


def _expected(kind: str, items: list[dict[str, Any]]) -> list[list[Any]]:
    """What a sheet of ``kind`` must hold for ``items``, as pandas reads it back (an empty
    text is an empty cell)."""
    return _read(tables.frame(kind, items))


def _read(df: pd.DataFrame) -> list[list[Any]]:
    cells = df.astype(object).where(df.notna(), None).values.tolist()
    return [[None if v == "" else v for v in row] for row in cells]


def test_the_report_workbook_holds_the_apis_answers(demo: TestClient) -> None:
    r = demo.get("/report?format=xlsx&limit=20")
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    book = pd.read_excel(io.BytesIO(r.content), sheet_name=None)
    # the briefing's own sheets, then the change digest of the last 30 days
    assert list(book) == [sheet for sheet, _, _ in TITLES + DIGEST_TITLES]
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
    for sheet, rows in expected.items():
        assert _read(book[sheet]) == rows, sheet
        assert list(book[sheet].columns) == tables.headings(_kind(sheet))


def _kind(sheet: str) -> str:
    return {
        "指标 KPIs": "kpis",
        "风险 Risks": "strengthen_products",
        "补链 Fill": "fill",
        "强链产品 Weak products": "strengthen_products",
        "强链企业 Key firms": "strengthen_firms",
        "延链 Extend": "extend",
    }[sheet]


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
    assert csv.content == sheets.csv_bytes(tables.headings(kind_of), tables._headed(kind_of, items))
    xlsx = demo.get(f"{url}{'&' if '?' in url else '?'}format=xlsx")
    assert _read(_sheet(xlsx.content)) == _expected(kind_of, items)
    page = demo.get(url).text
    assert 'id="export-csv"' in page and 'id="export-xlsx"' in page
    assert page.count("<tr>") == len(items) + 1 or not items


def test_a_formula_like_cell_is_text_in_every_file() -> None:
    row = {"rank": 1, "product_id": "p", "name": '=HYPERLINK("http://x")', "score": 0.5}
    assert (
        sheets.csv_text(tables.headings("fill"), tables._headed("fill", [row])).count("'=HYPER")
        == 1
    )
    book = tables.workbook({"补链 Fill": ("fill", [row])})
    assert _sheet(book)["产品 product"][0] == '=HYPERLINK("http://x")'


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
