"""The tables the committee's pages show and export: which columns each answer gives, with
their Chinese and English headings, in one place (the CLI's ``--csv`` may share them).

Rows are answer items flattened by :mod:`graph.sheets`; reasons become two columns, one per
language. Every CSV and XLSX is written by :mod:`graph.sheets` (UTF-8 with BOM; formula-like
text neutralised).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from chainatlas.graph import sheets
from chainatlas.graph.queries.kpis import KPI_COLUMNS

Column = tuple[str, str, str]  # key, 中文, English
_RANK: list[Column] = [("rank", "排名", "rank")]
_PRODUCT: list[Column] = [
    ("product_id", "产品编号", "product id"),
    ("name", "产品", "product"),
    ("name_en", "英文名", "name (en)"),
    ("chain_id", "产业链", "chain"),
]
_SCORED: list[Column] = [
    ("score", "得分", "score"),
    ("reasons_zh", "理由", "reasons (zh)"),
    ("reasons_en", "理由（英文）", "reasons"),
]
KPI_HEADINGS = {
    "firms": ("企业数", "firms"),
    "collaborating": ("协作企业", "collaborating firms"),
    "supplied_products": ("互供产品", "supplied products"),
    "needs": ("原辅料需求", "needs"),
    "coverage": ("本地配套率", "local-supply coverage"),
    "gaps": ("缺口产品", "gap products"),
    "single_source": ("单一来源产品", "single-source products"),
    "outside_dependency": ("外部依赖度", "outside dependency"),
}
#: answer kind → its columns
COLUMNS: dict[str, list[Column]] = {
    "fill": _RANK
    + _PRODUCT
    + [
        ("buyers", "需求企业数", "buyers"),
        ("demand_base", "年需求", "annual demand"),
        ("base_unit", "单位", "unit"),
        ("blocks", "影响产业链", "chains held back"),
        ("needed_by", "需求企业", "needed by"),
        ("outside_producers", "外部生产企业（招商对象）", "producers outside the cluster"),
    ]
    + _SCORED,
    "strengthen_products": _RANK
    + _PRODUCT
    + [
        ("producers", "本地生产企业", "local producers"),
        ("consumers", "本地需求企业数", "local firms needing it"),
        ("parts.single_source", "单一来源", "single source"),
        ("parts.dependence", "依赖度", "dependence"),
        ("parts.centrality", "中心性", "centrality"),
        ("parts.shortfall", "产能缺口", "capacity shortfall"),
        ("parts.outside", "外部依赖", "outside dependency"),
    ]
    + _SCORED,
    "strengthen_firms": [
        *_RANK,
        ("id", "企业编号", "firm id"),
        ("name", "企业", "firm"),
        ("region_id", "区域", "district"),
        ("chain_id", "产业链", "chain"),
        ("sole_products", "唯一本地生产的产品", "sole local producer of"),
        ("partners", "供需伙伴数", "trading partners"),
        *_SCORED,
    ],
    "extend": _RANK
    + _PRODUCT
    + [
        ("input_share", "本地原料占比", "share of inputs made locally"),
        ("local_inputs", "本地有生产的原料", "inputs made locally"),
        ("inputs", "全部原料", "all inputs"),
        ("downstream", "下游需求企业数", "local firms downstream"),
    ]
    + _SCORED,
    "kpis": [
        ("scope", "范围", "scope"),
        ("id", "编号", "id"),
        ("name", "名称", "name"),
        ("name_en", "英文名", "name (en)"),
    ]
    + [(k, *KPI_HEADINGS[k]) for k in KPI_COLUMNS],
    "digest": [
        ("label", "变更", "change"),
        ("label_en", "变更（英文）", "change (en)"),
        ("id", "编号", "id"),
        ("name", "名称", "name"),
        ("name_en", "英文名", "name (en)"),
        ("chain_id", "产业链", "chain"),
        ("region_id", "区域", "district"),
        ("old", "原值", "before"),
        ("new", "新值", "after"),
        ("unit", "单位", "unit"),
    ],
    "digest_groups": [
        ("scope", "范围", "scope"),
        ("id", "编号", "id"),
        ("name", "名称", "name"),
        ("name_en", "英文名", "name (en)"),
        ("coverage_before", "本地配套率（前）", "coverage before"),
        ("coverage_after", "本地配套率（后）", "coverage after"),
        ("firm_joined", "新进企业", "firms joined"),
        ("firm_left", "退出企业", "firms left"),
        ("supply_started", "新增供应", "supplies started"),
        ("supply_ended", "终止供应", "supplies ended"),
        ("capacity_changed", "产能变化", "capacity changes"),
        ("gap_opened", "新缺口", "gaps opened"),
        ("gap_closed", "补上缺口", "gaps closed"),
        ("single_source_began", "成为单一来源", "became single-source"),
        ("single_source_ended", "不再单一来源", "no longer single-source"),
    ],
    "changes": [
        ("id", "变更集", "change set"),
        ("at", "时间", "time"),
        ("kind", "类型", "kind"),
        ("author", "作者", "author"),
        ("source", "来源", "source"),
        ("reverts", "撤销了", "reverts"),
        ("reverted_by", "被撤销于", "reverted by"),
    ],
    "centrality": [
        ("id", "企业编号", "firm id"),
        ("name", "企业", "firm"),
        ("region_id", "区域", "district"),
        ("value", "中心性", "centrality"),
        ("degree", "度中心性", "degree"),
        ("in_degree", "供应商数", "suppliers"),
        ("out_degree", "客户数", "customers"),
    ],
}


def rows(kind: str, items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Answer items as rows of :data:`COLUMNS` ``[kind]`` (keys as the columns name them)."""
    out = []
    for item in items:
        row = sheets.flatten({k: v for k, v in item.items() if k != "reasons"})
        reasons = item.get("reasons") or []
        row["reasons_zh"] = "；".join(r["zh"] for r in reasons)
        row["reasons_en"] = "; ".join(r["en"] for r in reasons)
        out.append({key: row.get(key) for key, _, _ in COLUMNS[kind]})
    return out


def headings(kind: str) -> list[str]:
    """The column headings of a table file: "中文 English"."""
    return [f"{zh} {en}" for _, zh, en in COLUMNS[kind]]


def frame(kind: str, items: Iterable[Mapping[str, Any]]) -> Any:
    """A DataFrame of the table, headed as in the files."""
    return sheets.frame(headings(kind), _headed(kind, items))


Tables = Mapping[str, tuple[str, Iterable[Mapping[str, Any]]]]


def workbook(tables: Tables) -> bytes:
    """An XLSX workbook, one sheet per table (sheet name → (kind, items)), via pandas."""
    return sheets.xlsx_bytes({name: frame(kind, items) for name, (kind, items) in tables.items()})


def download(name: str, fmt: str, tables: Tables) -> Response:
    """``tables`` (sheet name → (kind, items)) as a CSV (the first table) or an XLSX file."""
    if fmt == "csv":
        kind, items = next(iter(tables.values()))
        body = sheets.csv_bytes(headings(kind), _headed(kind, items))
        media = "text/csv; charset=utf-8"
    else:
        body = workbook(tables)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"{name}.{fmt}"
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="chainatlas.{fmt}"; '
            f"filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _headed(kind: str, items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    heads = headings(kind)
    return [
        dict(zip(heads, (r[k] for k, _, _ in COLUMNS[kind]), strict=True))
        for r in rows(kind, items)
    ]
