"""The committee's pages: every analysis one click from the map (``/analyses``), the 补链 /
强链 / 延链 lists (``/targets``), the KPIs (``/kpis``), centrality (``/centrality``) and the
briefing (``/report``). Every table offers CSV (UTF-8 with BOM) and XLSX (``?format=``).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import RedirectResponse, Response

from chainatlas.api.auth import Viewer, for_caller
from chainatlas.api.deps import DEFAULT_LIMIT, ID_PATTERN, Analytics, IsoDay, Limit, StoreOnDay
from chainatlas.api.pages import tables
from chainatlas.api.pages.responses import page_response, product_names, root_path, same_url
from chainatlas.api.pages.signin import page_router
from chainatlas.graph.queries.briefing import DIGEST_DAYS, briefing
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.centrality import kept_centrality
from chainatlas.graph.queries.committee_lists import first, kept
from chainatlas.graph.queries.digest import KINDS
from chainatlas.graph.queries.map_fold import FoldedMap, kept_map
from chainatlas.graph.shapes import Direction, Measure
from chainatlas.graph.tables import Tabular
from chainatlas.viz import ViewData, build_view

router = page_router()


class TableFormat(StrEnum):
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


class ReportFormat(StrEnum):
    html = "html"
    xlsx = "xlsx"


class Which(StrEnum):
    fill = "fill"
    strengthen = "strengthen"
    firms = "firms"
    extend = "extend"


FormatQ = Annotated[TableFormat, Query(alias="format", description="html, csv or xlsx.")]
#: (中文, English) title and what the list is for, per list
LISTS: dict[Which, tuple[str, str, str, str]] = {
    Which.fill: (
        "补链目标",
        "Fill: gaps to attract",
        "本地需要、本地无人生产的产品，以及已知的外部生产企业（招商对象）。",
        "Products local firms need and no local firm makes, "
        "with known producers outside the cluster.",
    ),
    Which.strengthen: (
        "强链：薄弱产品",
        "Strengthen: weak products",
        "按供应风险得分排序：单一来源、依赖度、中心性、产能缺口、外部依赖。",
        "Ranked by supply risk: single source, dependence, centrality, capacity shortfall, "
        "outside dependency.",
    ),
    Which.firms: (
        "强链：关键企业",
        "Strengthen: key firms",
        "本地唯一生产被需要产品的企业。",
        "Firms that are the only local producer of products others need.",
    ),
    Which.extend: (
        "延链机会",
        "Extend: products to build",
        "本地无人生产、但原料大多本地可得的产品。",
        "Products no local firm makes whose inputs are largely made locally.",
    ),
}
KIND = {
    Which.fill: "fill",
    Which.strengthen: "strengthen_products",
    Which.firms: "strengthen_firms",
    Which.extend: "extend",
}


def _links(request: Request) -> dict[str, str]:
    return {f: same_url(request, format=f) for f in ("csv", "xlsx")}


#: where each table kind's answer lists its rows
MEMBER = {
    "fill": "targets",
    "extend": "targets",
    "strengthen_products": "products",
    "strengthen_firms": "firms",
    "kpis": "rows",
    "centrality": "items",
}


def _table(kind: str, items: list[dict[str, Any]]) -> Tabular:
    return tables.table(kind, {MEMBER[kind]: items})


@router.get("/analyses")
def analyses_page(request: Request, caller: Viewer) -> Response:
    """Every analysis, one click from the map."""
    return page_response(request, "analyses", ("全部分析", "All analyses"), None)


class TiersOf(StrEnum):
    enterprises = "enterprises"
    products = "products"


@router.get("/tiers")
def tiers_form(
    request: Request,
    caller: Viewer,
    kind: TiersOf,
    id: Annotated[str, Query(pattern=ID_PATTERN)],
    direction: Direction = "upstream",
) -> RedirectResponse:
    """The analyses page's tiers form, sent to the firm's or product's tiers view."""
    url = f"{root_path(request)}/view/{kind.value}/{id}/tiers?direction={direction}"
    return RedirectResponse(url, status_code=303)


def _list_items(
    store: Any, cache: AnalyticsCache, which: Which, limit: int
) -> list[dict[str, Any]]:
    """The rows of list ``which``, cut from the committee's answers kept per version (the
    routes' own: graph/queries/committee_lists.py)."""
    answers = kept(cache, store)
    if which in (Which.fill, Which.extend):
        return list(first(answers, which.value, limit)["targets"])
    weak = first(answers, "strengthen", limit)
    return list(weak["products"] if which is Which.strengthen else weak["firms"])


@router.get("/targets")
def targets_page(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    which: Annotated[Which, Query(alias="list")] = Which.fill,
    limit: Limit = DEFAULT_LIMIT,
    fmt: FormatQ = TableFormat.html,
) -> Response:
    """One of the committee's lists, as a page or a file."""
    items = for_caller(caller, _list_items(store, cache, which, limit))
    zh, en, note_zh, note_en = LISTS[which]
    if fmt is not TableFormat.html:
        return tables.download(f"{zh}-{which.value}", fmt.value, {zh: _table(KIND[which], items)})
    return page_response(
        request,
        "targets",
        (zh, en),
        None,
        note=(note_zh, note_en),
        which=which.value,
        lists=[(w.value, LISTS[w][0], LISTS[w][1]) for w in Which],
        tables=[tables.shown(KIND[which], _table(KIND[which], items))],
        exports=_links(request),
    )


@router.get("/kpis")
def kpis_page(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    fmt: FormatQ = TableFormat.html,
) -> Response:
    """KPIs of the cluster, each chain and each district, with local-supply coverage."""
    rows = kept(cache, store)["kpis"]["rows"]
    if fmt is not TableFormat.html:
        return tables.download("产业链指标-kpis", fmt.value, {"指标 KPIs": _table("kpis", rows)})
    return page_response(
        request,
        "targets",
        ("产业链与区域指标", "KPIs per chain and district"),
        None,
        note=(
            "本地配套率：有本地在供供应商的需求占全部需求的比例。",
            "Local-supply coverage: the share of needs with a current supplier inside the cluster.",
        ),
        which="kpis",
        lists=[],
        tables=[tables.shown("kpis", _table("kpis", rows))],
        exports=_links(request),
    )


@router.get("/centrality")
def centrality_page(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    measure: Measure = "degree",
    limit: Limit = DEFAULT_LIMIT,
    fmt: FormatQ = TableFormat.html,
) -> Response:
    """Key enterprises by degree or betweenness centrality on the supply network."""
    whole = kept_centrality(cache, store, measure)  # the route's, kept: its first ``limit``
    items = list(for_caller(caller, whole["items"][:limit]))
    if fmt is not TableFormat.html:
        return tables.download(
            f"中心性-{measure}",
            fmt.value,
            {"中心性 centrality": _table("centrality", [dict(i) for i in items])},
        )
    return page_response(
        request,
        "targets",
        ("关键企业（中心性）", "Key enterprises (centrality)"),
        None,
        note=(
            "度中心性：供需伙伴数 / (企业数 − 1)；介数中心性：经过该企业的最短供应路径占比。",
            "Degree: trading partners / (firms − 1); "
            "betweenness: the share of shortest supply paths through the firm.",
        ),
        which="centrality",
        measure=measure,
        lists=[],
        tables=[tables.shown("centrality", _table("centrality", [dict(i) for i in items]))],
        exports=_links(request),
    )


@router.get("/report")
def report_page(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    fmt: Annotated[
        ReportFormat, Query(alias="format", description="html or xlsx.")
    ] = ReportFormat.html,
    since: Annotated[
        date | None,
        IsoDay,
        Query(description="The change digest's first day (default 30 days back)."),
    ] = None,
) -> Response:
    """The committee's briefing: KPIs, the panorama, the three lists, the top risks and what
    changed since ``since``; a printable page (A4) or an XLSX workbook."""
    day = getattr(store, "as_of", None) or date.today()
    start = since or day - timedelta(days=DIGEST_DAYS)
    brief = for_caller(caller, briefing(store, since=start, cache=cache))
    if fmt is ReportFormat.xlsx:
        return tables.download("产业链汇报-briefing", "xlsx", report_tables(brief))
    return page_response(
        request,
        "report",
        REPORT_TITLE,
        report_view(kept_map(cache, store), product_names(request)),
        **report_context(brief, {"xlsx": same_url(request, format="xlsx")}),
    )


REPORT_TITLE = ("产业链汇报材料", "Industry-chain briefing")


def report_view(folded: FoldedMap, names: dict[str, str]) -> ViewData:
    """The briefing's picture: the all-chains panorama as the map draws it (``folded``:
    :func:`~graph.queries.map_fold.kept_map`'s answer)."""
    return build_view(
        folded["graph"],
        layout="stages",
        hide_rels=["IN_CHAIN", "PRODUCES"],
        product_names=names,
        fold=folded,
    )


def report_context(brief: dict[str, Any], exports: dict[str, str]) -> dict[str, Any]:
    """What the briefing's template needs besides its view: its tables, grouped."""
    titles = {sheet: (zh, en) for sheet, zh, en in TITLES + BOARD_TITLES + DIGEST_TITLES}
    shown = {
        sheet: (*titles[sheet], tables.shown(SHEET_KINDS[sheet], tab))
        for sheet, tab in report_tables(brief).items()
    }

    def group(of: list[tuple[str, str, str]]) -> list[tuple[str, str, dict[str, Any]]]:
        return [shown[sheet] for sheet, _, _ in of if sheet in shown]

    return {
        "brief": brief,
        "kind_labels": KINDS,
        "sections": group(TITLES),
        "board_sections": group(BOARD_TITLES),
        "digest_sections": group(DIGEST_TITLES),
        "exports": exports,
    }


#: the briefing's tables in order: (sheet name, 中文 title, English title)
TITLES = [
    ("指标 KPIs", "产业链与区域指标", "KPIs per chain and district"),
    ("风险 Risks", "主要风险", "Top risks"),
    ("补链 Fill", "补链目标", "Fill: gaps to attract"),
    ("强链产品 Weak products", "强链：薄弱产品", "Strengthen: weak products"),
    ("强链企业 Key firms", "强链：关键企业", "Strengthen: key firms"),
    ("延链 Extend", "延链机会", "Extend: products to build"),
]
#: the sharing board's tables (docs/board.md): open needs, stale needs, this month's matches
BOARD_TITLES = [
    ("共享需求 Open needs", "未对接需求（按类型、产业链、区域）", "Open needs: kind, chain, area"),
    ("久未对接 Stale needs", "超过30天未对接的需求", "Needs open over 30 days, unmatched"),
    ("本月对接 Matched", "本月达成的对接", "Matches accepted this month"),
]
#: the change digest's tables, when the briefing has one (``since``)
DIGEST_TITLES = [
    ("变更汇总 Change summary", "变更汇总（按产业链与区域）", "Changes per chain and district"),
    ("变更 Changes", "变更明细", "What changed"),
]
#: the table kind of each of the briefing's sheets
SHEET_KINDS = {
    "指标 KPIs": "kpis",
    "风险 Risks": "strengthen_products",
    "补链 Fill": "fill",
    "强链产品 Weak products": "strengthen_products",
    "强链企业 Key firms": "strengthen_firms",
    "延链 Extend": "extend",
    "共享需求 Open needs": "board_open",
    "久未对接 Stale needs": "board_posts",
    "本月对接 Matched": "board_posts",
    "变更汇总 Change summary": "digest_groups",
    "变更 Changes": "digest",
}


def report_tables(brief: dict[str, Any]) -> dict[str, Tabular]:
    """The briefing as workbook sheets (sheet name → table): :data:`TITLES`, then the board's
    (:data:`BOARD_TITLES`), then the digest's (:data:`DIGEST_TITLES`) when it has one."""
    parts = [
        brief["kpis"],
        brief["risks"],
        brief["fill"]["targets"],
        brief["strengthen"]["products"],
        brief["strengthen"]["firms"],
        brief["extend"]["targets"],
    ]
    sheets = {
        sheet: _table(SHEET_KINDS[sheet], items)
        for (sheet, _, _), items in zip(TITLES, parts, strict=True)
    }
    if (board := brief.get("board")) is not None:
        answers = [board, {"posts": board["stale_needs"]}, {"posts": board["accepted_this_month"]}]
        for (sheet, _, _), answer in zip(BOARD_TITLES, answers, strict=True):
            sheets[sheet] = tables.table(SHEET_KINDS[sheet], answer)
    if brief.get("digest"):
        for sheet, _, _ in DIGEST_TITLES:
            sheets[sheet] = tables.table(SHEET_KINDS[sheet], brief["digest"])
    return sheets
