"""The columns of each bundle table: name, Chinese header, value kind, required, reference.

This is the single source the reader, the validator and ``docs/bundle.md`` agree on; a test
checks that every column here is documented there and nothing else is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chainatlas.graph.model import Table

#: value kinds a cell can hold (parsed by :mod:`loaders.cells`)
KINDS = frozenset(
    {
        "id",
        "text",
        "list",
        "number",
        "unit",
        "year",
        "date",
        "bool",
        "stage",
        "coop_kind",
        "scale",
        "role",
        "cas",
        "hs_code",
        "credit_code",
        "lon",
        "lat",
        "datum",
        "adcode",
        "side",
        "reach",
        "post_status",
    }
)


@dataclass(frozen=True)
class Col:
    name: str
    zh: str
    kind: str
    required: bool = False
    ref: Table | None = None  #: an id that must exist in this table


def _c(name: str, zh: str, kind: str, req: bool = False, ref: Table | None = None) -> Col:
    assert kind in KINDS, kind
    return Col(name, zh, kind, req, ref)


E, P, C, R = Table.ENTERPRISES, Table.PRODUCTS, Table.CHAINS, Table.REGIONS
PK = Table.PARKS
#: columns of a place: a point (WGS-84 stored; ``datum`` says what the bundle wrote)
POINT = (_c("lon", "经度", "lon"), _c("lat", "纬度", "lat"), _c("datum", "坐标系", "datum"))

SPECS: dict[Table, tuple[Col, ...]] = {
    Table.CHAINS: (
        _c("id", "编号", "id", True),
        _c("name", "名称", "text", True),
        _c("name_en", "英文名称", "text"),
        _c("description", "说明", "text"),
    ),
    Table.REGIONS: (
        _c("id", "编号", "id", True),
        _c("name", "名称", "text", True),
        _c("name_en", "英文名称", "text"),
        _c("city", "城市", "text"),
        _c("province", "省份", "text"),
        _c("role", "角色", "role"),
        _c("adcode", "行政区划代码", "adcode"),
    ),
    Table.PARKS: (
        _c("id", "编号", "id", True),
        _c("name", "园区名称", "text", True),
        _c("name_en", "英文名称", "text"),
        _c("region_id", "区域", "id", True, ref=R),
        *POINT,
    ),
    Table.PRODUCTS: (
        _c("id", "编号", "id", True),
        _c("name", "名称", "text", True),
        _c("name_en", "英文名称", "text"),
        _c("cas", "CAS号", "cas"),
        _c("hs_code", "HS编码", "hs_code"),
        _c("unit", "单位", "unit", True),
        _c("aliases", "别名", "list"),
        _c("chain_id", "产业链", "id", ref=C),
        _c("stage", "环节", "stage"),
    ),
    Table.ENTERPRISES: (
        _c("id", "编号", "id", True),
        _c("name", "企业名称", "text", True),
        _c("short_name", "简称", "text"),
        _c("aliases", "别名", "list"),
        _c("credit_code", "统一社会信用代码", "credit_code", True),
        # empty: a firm outside the cluster whose place is unknown (a 招商 candidate)
        _c("region_id", "区域", "id", ref=R),
        _c("park", "园区", "text"),
        _c("park_id", "园区编号", "id", ref=PK),
        *POINT,
        _c("chain_id", "产业链", "id", ref=C),
        _c("stage", "环节", "stage"),
        _c("scale", "规模", "scale"),
        _c("listed", "上市", "bool"),
        _c("founded", "成立年份", "date"),
        _c("closed", "停业日期", "date"),
        _c("joined", "迁入日期", "date"),
        _c("left", "迁出日期", "date"),
        _c("tags", "标签", "list"),
        _c("contact_person", "联系人", "text"),
        _c("phone", "电话", "text"),
        _c("email", "邮箱", "text"),
    ),
    Table.PRODUCES: (
        _c("enterprise_id", "企业", "id", True, ref=E),
        _c("product_id", "产品", "id", True, ref=P),
        _c("capacity", "产能", "number"),
        _c("unit", "单位", "unit"),
        _c("since", "起始年份", "date"),
        _c("until", "终止年份", "date"),
    ),
    Table.NEEDS: (
        _c("enterprise_id", "企业", "id", True, ref=E),
        _c("product_id", "产品", "id", True, ref=P),
        _c("annual_demand", "年需求量", "number"),
        _c("unit", "单位", "unit"),
        _c("since", "起始年份", "date"),
        _c("until", "终止年份", "date"),
    ),
    Table.SUPPLIES: (
        _c("supplier_id", "供应方", "id", True, ref=E),
        _c("buyer_id", "采购方", "id", True, ref=E),
        _c("product_id", "产品", "id", True, ref=P),
        _c("volume", "年供应量", "number"),
        _c("unit", "单位", "unit"),
        _c("since", "起始年份", "date"),
        _c("until", "终止年份", "date"),
        _c("source", "来源", "text"),
    ),
    Table.COOPERATIONS: (
        _c("from_id", "企业A", "id", True, ref=E),
        _c("to_id", "企业B", "id", True, ref=E),
        _c("kind", "合作类型", "coop_kind", True),
        _c("since", "起始年份", "date"),
        _c("until", "终止年份", "date"),
        _c("note", "备注", "text"),
    ),
    Table.PRODUCT_INPUTS: (
        _c("input_id", "原料", "id", True, ref=P),
        _c("output_id", "产物", "id", True, ref=P),
        _c("note", "说明", "text"),
    ),
    Table.POSTS: (
        _c("id", "编号", "id", True),
        _c("enterprise_id", "企业", "id", True, ref=E),
        _c("side", "供需", "side", True),
        _c("kind", "类型", "coop_kind", True),
        _c("title", "标题", "text", True),
        _c("description", "描述", "text"),
        _c("products", "产品", "list"),  # product ids; checked by loaders.validate_posts
        _c("chain_id", "产业链", "id", ref=C),
        _c("reach", "范围", "reach"),
        _c("quantity", "数量", "number"),
        _c("unit", "单位", "text"),
        _c("valid_from", "发布日期", "date", True),
        _c("valid_until", "有效期至", "date"),
        _c("status", "状态", "post_status"),
        _c("contact_person", "联系人", "text"),
        _c("phone", "电话", "text"),
        _c("email", "邮箱", "text"),
    ),
}

#: tables whose rows are facts with valid time (``since`` / ``until``, graph/asof.py)
DATED_TABLES = (Table.PRODUCES, Table.NEEDS, Table.SUPPLIES, Table.COOPERATIONS)

#: a bundle without these tables is refused; the others may be absent (empty)
#: each table's columns by their English names, in the order docs/bundle.md gives them (the
#: header row of generated and demo bundles)
HEADERS: dict[str, tuple[str, ...]] = {t.value: tuple(c.name for c in SPECS[t]) for t in Table}

REQUIRED_TABLES = (Table.CHAINS, Table.REGIONS, Table.PRODUCTS, Table.ENTERPRISES)

#: columns spreadsheets often carry that mean nothing to us (a running number)
IGNORED_HEADERS = frozenset({"序号", "#", "no", "no."})

#: the (first, second) endpoint columns that must differ in a row of an edge table
SELF_LOOPS: dict[Table, tuple[str, str]] = {
    Table.SUPPLIES: ("supplier_id", "buyer_id"),
    Table.COOPERATIONS: ("from_id", "to_id"),
    Table.PRODUCT_INPUTS: ("input_id", "output_id"),
}


#: each table's Chinese name (docs/bundle.md's headings): a workbook sheet or a CSV file may be
#: named either way, as a header may (企业 or enterprises, 供应.csv or supplies.csv)
TABLE_ZH: dict[Table, str] = {
    Table.CHAINS: "产业链",
    Table.REGIONS: "区域",
    Table.PARKS: "园区",
    Table.PRODUCTS: "产品",
    Table.ENTERPRISES: "企业",
    Table.PRODUCES: "生产",
    Table.NEEDS: "需求",
    Table.SUPPLIES: "供应",
    Table.COOPERATIONS: "合作",
    Table.PRODUCT_INPUTS: "工艺路线",
    Table.POSTS: "供需信息",
}
_TABLES = {header_name: t for t in Table for header_name in (t.value, TABLE_ZH[t])}


def table_named(name: str) -> Table | None:
    """The table a sheet or file stem names, in English or Chinese (as headers are matched).

    >>> table_named(" 企业 "), table_named("Supplies"), table_named("企业名录")
    (<Table.ENTERPRISES: 'enterprises'>, <Table.SUPPLIES: 'supplies'>, None)
    """
    return _TABLES.get(header_key(name))


def header_key(text: str) -> str:
    """How a header cell is matched: NFKC, trimmed, lower case, spaces and hyphens as ``_``.

    >>> header_key(" Credit-Code "), header_key("ＣＡＳ号")
    ('credit_code', 'cas号')
    """
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s\-]+", "_", folded)


def _lookup(table: Table) -> dict[str, Col]:
    found: dict[str, Col] = {}
    for col in SPECS[table]:
        found[header_key(col.name)] = col
        found[header_key(col.zh)] = col
    return found


LOOKUP: dict[Table, dict[str, Col]] = {t: _lookup(t) for t in Table}


def column(table: Table, name: str) -> Col:
    """The spec of column ``name`` (English) of ``table``."""
    return next(c for c in SPECS[table] if c.name == name)
