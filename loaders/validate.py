"""Rules between rows and tables: unique keys, references, self-loops, credit codes, trade.

Each rule reads the parsed tables and returns issues; none stops at the first problem, so a
person fixes a bundle in one round. Cells that failed to parse are None here and are left
alone, so one bad cell is reported once rather than once per rule.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from datetime import date
from operator import itemgetter

from chainatlas.graph.asof import FIRM_ENDS, FIRM_STARTS, day, starts_before_end
from chainatlas.graph.board.rules import post_problems
from chainatlas.graph.errors import Issue
from chainatlas.graph.model import TABLE_KEYS, Row, Table
from chainatlas.graph.units import UNITS
from chainatlas.loaders.issues import IssueLog
from chainatlas.loaders.names import name_parts, places_agree
from chainatlas.loaders.places import adcodes, points
from chainatlas.loaders.schema import DATED_TABLES, SELF_LOOPS, SPECS
from chainatlas.loaders.tables import TableData

Tables = dict[Table, TableData]

SINGULAR = {
    Table.ENTERPRISES: "enterprise",
    Table.PRODUCTS: "product",
    Table.CHAINS: "chain",
    Table.REGIONS: "region",
    Table.PARKS: "park",
}
SELF_LOOP_MESSAGES = {
    Table.SUPPLIES: "supplier and buyer are both {}: an enterprise cannot supply itself",
    Table.COOPERATIONS: "from_id and to_id are both {}: an enterprise cannot cooperate with itself",
    Table.PRODUCT_INPUTS: "input and output are both {}: a product cannot be made from itself",
}
QUANTITY_TABLES = (Table.PRODUCES, Table.NEEDS, Table.SUPPLIES)


def known_ids(data: TableData) -> set[str]:
    return {r["id"] for r in data.rows if r["id"] is not None} | {k[0] for k in data.broken_keys}


def unique_keys(data: TableData) -> Iterator[Issue]:
    keys = TABLE_KEYS[data.table]
    first: dict[tuple[object, ...], int] = {}
    get, single = itemgetter(*keys), len(keys) == 1  # one call per row: there are millions
    for row in data.rows:
        key = (get(row),) if single else get(row)
        if None in key:
            continue
        if key not in first:
            first[key] = row["source_row"]
            continue
        if keys == ("id",):
            msg, code = f"duplicate id {key[0]} (first at row {first[key]})", "duplicate-id"
        else:
            pairs = ", ".join(f"{k}={v}" for k, v in zip(keys, key, strict=True))
            msg, code = f"duplicate row for {pairs} (first at row {first[key]})", "duplicate-key"
        yield data.issue(row["source_row"], keys[0], msg, code)


def references(tables: Tables) -> Iterator[Issue]:
    return refer(tables, {t: known_ids(tables[t]) for t in SINGULAR})


def refer(tables: Tables, known: Mapping[Table, Container[str]]) -> Iterator[Issue]:
    """References of the rows of ``tables`` to ids not ``known`` (per table of ids)."""
    for table, data in tables.items():
        for col in SPECS[table]:
            if col.ref is None or not tables[col.ref].present:
                continue  # a missing table is reported once, not once per reference
            for row in data.rows:
                value = row[col.name]
                if value is not None and value not in known[col.ref]:
                    msg = f"unknown {SINGULAR[col.ref]} {value} (not in {col.ref.value})"
                    yield data.issue(row["source_row"], col.name, msg, "unknown-reference")


def self_loops(tables: Tables) -> Iterator[Issue]:
    for table, (a, b) in SELF_LOOPS.items():
        data = tables[table]
        for row in data.rows:
            if row[a] is not None and row[a] == row[b]:
                msg = SELF_LOOP_MESSAGES[table].format(row[a])
                yield data.issue(row["source_row"], b, msg, "self-loop")


def credit_codes(tables: Tables) -> Iterator[Issue]:
    data = tables[Table.ENTERPRISES]
    first: dict[str, tuple[str, int]] = {}
    for row in data.rows:
        code = row["credit_code"]
        if code is None:
            continue
        if code in first:
            other, at = first[code]
            msg = f"credit code {code} also belongs to {other} (row {at})"
            yield data.issue(row["source_row"], "credit_code", msg, "duplicate-credit-code")
        else:
            first[code] = (row["id"], row["source_row"])


def likely_duplicates(tables: Tables) -> Iterator[Issue]:
    """Warn about a firm whose name has the core of an earlier one's (loaders.names) unless a
    place word tells them apart: 杭州银行 and 宁波银行 are two firms, 浙江丙化纤股份有限公司 and
    丙化纤（上虞）有限公司 likely one."""
    data = tables[Table.ENTERPRISES]
    earlier: dict[str, list[tuple[frozenset[str], str, str, int]]] = {}
    for row in data.rows:
        if row["name"] is None:
            continue
        key, places = name_parts(row["name"])
        same = [e for e in earlier.get(key, []) if places_agree(places, e[0])]
        earlier.setdefault(key, []).append((places, row["name"], row["id"], row["source_row"]))
        if not same:
            continue
        _, name, id, at = same[0]
        if id != row["id"]:  # the same id twice is a duplicate-id error already
            msg = f"{row['name']} may be the same firm as {name} ({id}, row {at})"
            yield data.issue(row["source_row"], "name", msg, "likely-duplicate", warning=True)


def units(tables: Tables) -> Iterator[Issue]:
    """Fill a missing unit with the product's; warn about units of another kind of quantity."""
    return fill_units(
        tables, {r["id"]: r["unit"] for r in tables[Table.PRODUCTS].rows if r["unit"]}
    )


def fill_units(tables: Tables, product_unit: Mapping[str, str]) -> Iterator[Issue]:
    """:func:`units` with the products' units given (product id -> unit)."""
    for table in QUANTITY_TABLES:
        data = tables[table]
        for row in data.rows:
            default = product_unit.get(row["product_id"])
            if default is None or (row["source_row"], "unit") in data.bad:
                continue
            if row["unit"] is None:
                row["unit"] = default
            elif UNITS[row["unit"]][0] != UNITS[default][0]:
                msg = (
                    f"unit {row['unit']} cannot be converted to {default}, "
                    f"the unit of product {row['product_id']}"
                )
                yield data.issue(row["source_row"], "unit", msg, "unit-mismatch", warning=True)


def trade(tables: Tables) -> Iterator[Issue]:
    """A supplier should make what it sells, and a buyer should list it among its needs."""
    firms, products = known_ids(tables[Table.ENTERPRISES]), known_ids(tables[Table.PRODUCTS])
    made, wanted = _pairs(tables[Table.PRODUCES]), _pairs(tables[Table.NEEDS])
    return trade_with(tables, firms, products, made, wanted)


def trade_with(
    tables: Tables,
    firms: Container[str],
    products: Container[str],
    made: Container[tuple[object, ...]],
    wanted: Container[tuple[object, ...]],
) -> Iterator[Issue]:
    """:func:`trade` with the firms, products and (firm, product) pairs made and wanted given."""
    makes, wants = tables[Table.PRODUCES], tables[Table.NEEDS]
    data = tables[Table.SUPPLIES]
    for row in data.rows:
        seller, buyer, product = row["supplier_id"], row["buyer_id"], row["product_id"]
        if product not in products or seller == buyer:  # a self-loop is an error already
            continue
        if seller in firms and makes.present and (seller, product) not in made:
            msg = f"supplier {seller} does not produce {product} (not in produces; a trader?)"
            yield data.issue(
                row["source_row"], "supplier_id", msg, "supplier-not-producer", warning=True
            )
        if buyer in firms and wants.present and (buyer, product) not in wanted:
            msg = f"buyer {buyer} does not list {product} among its needs (not in needs)"
            yield data.issue(row["source_row"], "buyer_id", msg, "buyer-not-needing", warning=True)


def _pairs(data: TableData) -> set[tuple[object, ...]]:
    return {(r["enterprise_id"], r["product_id"]) for r in data.rows} | data.broken_keys


def lifetimes(tables: Tables, today: date) -> Iterator[Issue]:
    """A fact ends after it begins, and neither has happened after ``today`` (the load date):
    a bundle records what is or was, not what is planned."""
    now = today.isoformat()
    for table in DATED_TABLES:
        data = tables[table]
        for row in data.rows:
            yield from _after_load(data, row, ("since", "until"), now)
            since, until = row["since"], row["until"]
            if not starts_before_end(since, until):
                msg = f"until {until} is not after since {since}: the fact would never hold"
                yield data.issue(row["source_row"], "until", msg, "until-before-since")
    yield from firm_lifetimes(tables[Table.ENTERPRISES], now)


def _after_load(data: TableData, row: Row, cols: tuple[str, ...], now: str) -> Iterator[Issue]:
    """The dates in ``cols`` of ``row`` that are after the load date ``now``."""
    for col in cols:
        value = row.get(col)
        if value is not None and day(value) > now:
            msg = f"{col} {value} is after the load date {now}: record it when it happens"
            yield data.issue(row["source_row"], col, msg, "future-date")


def firm_lifetimes(data: TableData, now: str) -> Iterator[Issue]:
    """A firm's dates (founded, closed, joined, left) are not after the load date, and each
    end comes after each start: a firm that closed or left before it began was never in the
    map."""
    for row in data.rows:
        yield from _after_load(data, row, (*FIRM_STARTS, *FIRM_ENDS), now)
        for end in FIRM_ENDS:
            for start in FIRM_STARTS:
                if not starts_before_end(row.get(start), row.get(end)):
                    msg = (
                        f"{end} {row[end]} is not after {start} {row[start]}: "
                        "the firm would never be in the map"
                    )
                    yield data.issue(row["source_row"], end, msg, "until-before-since")


#: the codes graph.board.rules gives a post's problems (docs/bundle.md lists them)
POST_CODES = ("empty-title", "too-long", "bad-quantity", "until-before-since", "unknown-reference")


def posts(tables: Tables) -> Iterator[Issue]:
    """The board's rules for each post (graph.board.rules): a title, a description of at most
    2,000 characters, a positive quantity, valid_until not before valid_from, and known
    products (a list: the column references do not check it)."""
    data = tables[Table.POSTS]
    products = tables[Table.PRODUCTS]
    known = known_ids(products)
    check = known.__contains__ if products.present else None
    for row in data.rows:
        for column, message, code in post_problems(row, product_known=check):
            if (row["source_row"], column) not in data.bad:
                yield data.issue(row["source_row"], column, message, code)


RULES: tuple[Callable[[Tables], Iterator[Issue]], ...] = (
    references,
    self_loops,
    credit_codes,
    likely_duplicates,
    units,
    trade,
    adcodes,
    points,
    posts,
)


def validate(
    tables: Tables, *, today: date | None = None, into: IssueLog | None = None
) -> list[Issue] | IssueLog:
    """Every problem between the rows of ``tables`` (which lists every table, maybe empty);
    dates are checked against ``today``, the load date (by default the day it runs). The
    problems are appended to ``into`` when given (bounded memory), else returned as a list."""
    issues: list[Issue] | IssueLog = [] if into is None else into
    for data in tables.values():
        issues.extend(unique_keys(data))
    for rule in RULES:
        issues.extend(rule(tables))
    issues.extend(lifetimes(tables, today or date.today()))
    return issues
