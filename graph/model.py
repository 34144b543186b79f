"""The domain model: node labels, relationship types, bundle tables and their keys.

Labels and relationship types are enums so that no identifier in a Cypher statement or a
networkx key ever comes from user input.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

Row = dict[str, Any]


class Label(StrEnum):
    ENTERPRISE = "Enterprise"
    PRODUCT = "Product"
    CHAIN = "Chain"
    REGION = "Region"
    PARK = "Park"
    POST = "Post"


class Rel(StrEnum):
    PRODUCES = "PRODUCES"
    NEEDS = "NEEDS"
    SUPPLIES = "SUPPLIES"
    COOPERATES = "COOPERATES"
    INPUT_TO = "INPUT_TO"
    IN_CHAIN = "IN_CHAIN"
    LOCATED_IN = "LOCATED_IN"


#: each label's and each relationship type's value (a plain ``str``), found by the member or
#: by the value itself (a StrEnum member hashes and compares as its value). Reading ``.value``
#: runs Python code each time (180 ns on Python 3.11, a lookup here 40): a hub's profile read
#: it ~2,800 times, 0.4 ms of its 6.
LABEL_VALUE: dict[str, str] = {lab.value: lab.value for lab in Label}
REL_VALUE: dict[str, str] = {rel.value: rel.value for rel in Rel}


class Stage(StrEnum):
    UPSTREAM = "上游"
    MIDSTREAM = "中游"
    DOWNSTREAM = "下游"


STAGE_EN = {
    Stage.UPSTREAM: "upstream",
    Stage.MIDSTREAM: "midstream",
    Stage.DOWNSTREAM: "downstream",
}


class StageName(StrEnum):
    """A stage as a person may write it, in Chinese or English (a query parameter's values).

    >>> StageName("midstream").stage is StageName("中游").stage is Stage.MIDSTREAM
    True
    """

    upstream = STAGE_EN[Stage.UPSTREAM]
    midstream = STAGE_EN[Stage.MIDSTREAM]
    downstream = STAGE_EN[Stage.DOWNSTREAM]
    zh_upstream = Stage.UPSTREAM.value
    zh_midstream = Stage.MIDSTREAM.value
    zh_downstream = Stage.DOWNSTREAM.value

    @property
    def stage(self) -> Stage:
        """The stage it names."""
        return Stage(self.value) if self.value in _STAGE_VALUES else _STAGE_OF_EN[self.value]


_STAGE_VALUES = frozenset(s.value for s in Stage)
_STAGE_OF_EN = {en: stage for stage, en in STAGE_EN.items()}


class CoopKind(StrEnum):
    INFORMATION = "信息"
    TECHNOLOGY = "技术"
    TALENT = "人才"
    CAPITAL = "资金"
    PRODUCT = "产品"
    CAPACITY = "产能"
    EQUIPMENT = "设备"


COOP_KIND_EN = {
    CoopKind.INFORMATION: "information",
    CoopKind.TECHNOLOGY: "technology",
    CoopKind.TALENT: "talent",
    CoopKind.CAPITAL: "capital",
    CoopKind.PRODUCT: "product",
    CoopKind.CAPACITY: "capacity",
    CoopKind.EQUIPMENT: "equipment",
}
#: the kinds bundles recorded before the board (graph.board): the generator draws from these
CLASSIC_KINDS = tuple(CoopKind)[:5]


class Table(StrEnum):
    """Bundle tables, in the order a load writes them (nodes before the edges that need them)."""

    CHAINS = "chains"
    REGIONS = "regions"
    PARKS = "parks"
    PRODUCTS = "products"
    ENTERPRISES = "enterprises"
    PRODUCES = "produces"
    NEEDS = "needs"
    SUPPLIES = "supplies"
    COOPERATIONS = "cooperations"
    PRODUCT_INPUTS = "product_inputs"
    POSTS = "posts"


#: The columns that identify a row: a second row with the same key updates the first.
TABLE_KEYS: dict[Table, tuple[str, ...]] = {
    Table.CHAINS: ("id",),
    Table.REGIONS: ("id",),
    Table.PARKS: ("id",),
    Table.PRODUCTS: ("id",),
    Table.ENTERPRISES: ("id",),
    Table.PRODUCES: ("enterprise_id", "product_id"),
    Table.NEEDS: ("enterprise_id", "product_id"),
    Table.SUPPLIES: ("supplier_id", "buyer_id", "product_id"),
    Table.COOPERATIONS: ("from_id", "to_id", "kind"),
    Table.PRODUCT_INPUTS: ("input_id", "output_id"),
    Table.POSTS: ("id",),
}

#: Every column a store keeps for each table (bundle columns plus provenance).
PROVENANCE = ("source_bundle", "source_file", "source_row")
TABLE_COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.CHAINS: ("id", "name", "name_en", "description"),
    Table.REGIONS: ("id", "name", "name_en", "city", "province", "role", "adcode"),
    Table.PARKS: ("id", "name", "name_en", "region_id", "lon", "lat"),
    Table.PRODUCTS: (
        "id",
        "name",
        "name_en",
        "cas",
        "hs_code",
        "unit",
        "aliases",
        "chain_id",
        "stage",
        "pinyin",
        "initials",
        "search_text",
    ),
    Table.ENTERPRISES: (
        "id",
        "name",
        "short_name",
        "aliases",
        "credit_code",
        "region_id",
        "park",
        "park_id",
        "lon",
        "lat",
        "chain_id",
        "stage",
        "scale",
        "listed",
        "founded",
        "closed",
        "joined",
        "left",
        "member_since",
        "member_until",
        "tags",
        "contact_person",
        "phone",
        "email",
        "pinyin",
        "initials",
        "search_text",
    ),
    Table.PRODUCES: (
        "enterprise_id",
        "product_id",
        "capacity",
        "unit",
        "capacity_base",
        "base_unit",
        "since",
        "until",
    ),
    Table.NEEDS: (
        "enterprise_id",
        "product_id",
        "annual_demand",
        "unit",
        "demand_base",
        "base_unit",
        "since",
        "until",
    ),
    Table.SUPPLIES: (
        "supplier_id",
        "buyer_id",
        "product_id",
        "volume",
        "unit",
        "volume_base",
        "base_unit",
        "since",
        "until",
        "source",
    ),
    Table.COOPERATIONS: ("from_id", "to_id", "kind", "since", "until", "note"),
    Table.PRODUCT_INPUTS: ("input_id", "output_id", "note"),
    Table.POSTS: (
        "id",
        "enterprise_id",
        "side",
        "kind",
        "title",
        "description",
        "products",
        "chain_id",
        "reach",
        "quantity",
        "unit",
        "valid_from",
        "valid_until",
        "status",
        "contact_person",
        "phone",
        "email",
        # written by the board (graph.board), not by bundles
        "answered_by",
        "accepted_at",
        "withdrawn_reason",
    ),
}
TABLE_COLUMNS = {t: cols + PROVENANCE for t, cols in TABLE_COLUMNS.items()}

#: Change-set stamps a fact carries once a change set wrote it (:mod:`graph.changes`): the
#: change set that first made it, the one that last wrote it, the one that ended it. Stores
#: keep them beside the columns; reads leave them out (``graph.rows.compact``).
STAMPS = ("created_in", "changed_in", "ended_in")

#: Node tables and their label.
NODE_TABLES: dict[Table, Label] = {
    Table.CHAINS: Label.CHAIN,
    Table.REGIONS: Label.REGION,
    Table.PARKS: Label.PARK,
    Table.PRODUCTS: Label.PRODUCT,
    Table.ENTERPRISES: Label.ENTERPRISE,
    Table.POSTS: Label.POST,
}

#: Edge tables: relationship type, (source label, column), (target label, column).
EDGE_TABLES: dict[Table, tuple[Rel, tuple[Label, str], tuple[Label, str]]] = {
    Table.PRODUCES: (
        Rel.PRODUCES,
        (Label.ENTERPRISE, "enterprise_id"),
        (Label.PRODUCT, "product_id"),
    ),
    Table.NEEDS: (Rel.NEEDS, (Label.ENTERPRISE, "enterprise_id"), (Label.PRODUCT, "product_id")),
    Table.SUPPLIES: (
        Rel.SUPPLIES,
        (Label.ENTERPRISE, "supplier_id"),
        (Label.ENTERPRISE, "buyer_id"),
    ),
    Table.COOPERATIONS: (
        Rel.COOPERATES,
        (Label.ENTERPRISE, "from_id"),
        (Label.ENTERPRISE, "to_id"),
    ),
    Table.PRODUCT_INPUTS: (Rel.INPUT_TO, (Label.PRODUCT, "input_id"), (Label.PRODUCT, "output_id")),
}


#: Links derived from a column of a node table, not stored as rows: the type, the table, the
#: label of the node the column names, the column, the row's column the link carries (None:
#: nothing). A link is made only when its target exists. The embedded graph
#: (:mod:`graph.memory_graph`) and the bulk import's files (:mod:`graph.neo4j_bulk`) both make
#: them from this list, in its order; Neo4j's writes say the same in ``cypher/create_*.cypher``
#: and ``upsert_*.cypher``.
DERIVED_LINKS: tuple[tuple[Rel, Table, Label, str, str | None], ...] = (
    (Rel.IN_CHAIN, Table.ENTERPRISES, Label.CHAIN, "chain_id", "stage"),
    (Rel.IN_CHAIN, Table.PRODUCTS, Label.CHAIN, "chain_id", "stage"),
    (Rel.LOCATED_IN, Table.PARKS, Label.REGION, "region_id", None),
    (Rel.LOCATED_IN, Table.ENTERPRISES, Label.REGION, "region_id", None),
)

#: Relationship types whose facts have valid time (``since`` / ``until``, :mod:`graph.asof`).
DATED_RELS: frozenset[Rel] = frozenset({Rel.PRODUCES, Rel.NEEDS, Rel.SUPPLIES, Rel.COOPERATES})
#: the relationship types between two firms (SUPPLIES, COOPERATES): a firm's partners are
#: the firms at their other end
PARTNER_RELS = tuple(
    rel for rel, (a, _), (b, _) in EDGE_TABLES.values() if a is b is Label.ENTERPRISE
)


def row_key(table: Table, row: Row) -> tuple[Any, ...]:
    """The identity of ``row`` in ``table``."""
    return tuple(row[c] for c in TABLE_KEYS[table])


def clean_row(table: Table, row: Row) -> Row:
    """``row`` restricted to the table's columns, every column present (missing → None)."""
    return {c: row.get(c) for c in TABLE_COLUMNS[table]}


def keep_stamps(raw: Row, row: Row) -> Row:
    """``row`` with the change-set stamps that ``raw`` carries (none when it has none)."""
    for s in STAMPS:
        if raw.get(s) is not None:
            row[s] = raw[s]
    return row
