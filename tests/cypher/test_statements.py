"""Every Cypher statement: shipped in the installed ``cypher`` package, headed and
parameter-declared, one statement per file, referenced by the code, and (on a real server)
planned read-only when it is a read."""

from __future__ import annotations

import ast
import re
from importlib import resources
from typing import Any

import pytest

from chainatlas.graph import cypher, neo4j_statements
from chainatlas.graph.analyst import check_plan
from chainatlas.graph.model import Rel
from chainatlas.graph.neo4j_store import BUMPING, VERSION_BUMP, Neo4jStore
from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS
from tests.support import ROOT

NAMES = cypher.names()
#: statements that write or change the schema (everything else must plan read-only)
#: the store methods that take a statement name first
STATEMENT_RUNNERS = (
    "read",
    "write",
    "_autocommit",
    "_items",
    "_edges",
    "_chunks",
    "_member_chunks",
)
WRITES = re.compile(
    r"^(schema_|upsert_|create_|bulk_|clear_|remove_|await_indexes$"
    r"|change_set_(lock|save|mark_reverted)$|change_entries_save$|save_load_receipt$)"
)


def body(name: str) -> str:
    """The statement without comment lines and string literals."""
    text = "\n".join(
        line for line in cypher.statement(name).splitlines() if not line.lstrip().startswith("//")
    )
    return cypher._STRING.sub("''", text)


def test_installed_package_has_every_file() -> None:
    installed = {
        p.name for p in resources.files("chainatlas.cypher").iterdir() if p.name.endswith(".cypher")
    }
    assert installed == {p.name for p in (ROOT / "cypher").glob("*.cypher")}
    assert set(NAMES) == {n.removesuffix(".cypher") for n in installed} and len(NAMES) > 40


@pytest.mark.parametrize("name", NAMES)
def test_header_names_the_statement(name: str) -> None:
    first = cypher.statement(name).splitlines()[0]
    assert first.startswith(f"// {name}: ") and len(first) > len(name) + 10


@pytest.mark.parametrize("name", NAMES)
def test_params_line_matches_the_parameters_used(name: str) -> None:
    assert any(line.startswith("// params:") for line in cypher.statement(name).splitlines())
    assert cypher.declared_parameters(name) == cypher.parameters(name)


@pytest.mark.parametrize("name", NAMES)
def test_one_statement_per_file(name: str) -> None:
    assert ";" not in body(name)
    assert body(name).strip()


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith(BUMPING) and n != VERSION_BUMP])
def test_a_data_write_sets_dates_only_from_its_rows(name: str) -> None:
    """The version bump narrows the graph's span by the ``$rows`` a write sends, each row and
    its ``props`` (graph/neo4j_span.py): a statement setting a date from anything else would
    leave a span that covers a day on which its fact does not hold."""
    text = body(name)
    assert not re.search(r"since|until", text), name
    if name.startswith(("upsert_", "create_")):  # facts and nodes (not a change set's record)
        assert cypher.parameters(name) == {"rows"}, name
        for assigned in re.findall(r"\bSET\s+\w+(?:\.\w+)?\s*\+?=\s*([\w.$]+)", text):
            assert assigned in ("row", "row.props", "row.stage"), (name, assigned)


#: the only uses of $as_of a statement may make: each true of every row when it is null
AS_OF_TESTS = (
    r"\$as_of IS NULL OR",
    r"toString\(\w+\.(?:since|member_since)\) <= \$as_of",
    r"toString\(\w+\.(?:until|member_until)\) > \$as_of",
)


@pytest.mark.parametrize("name", [n for n in NAMES if "as_of" in cypher.parameters(n)])
def test_as_of_only_tests_facts_and_firms(name: str) -> None:
    """A day every fact and firm holds goes out as ``$as_of`` null (graph/neo4j_span.py):
    the same answer only while ``$as_of`` does nothing but test whether a row holds."""
    text = body(name)
    for test in AS_OF_TESTS:
        text = re.sub(test, "", text)
    assert "$as_of" not in text, name


def _formats(node: ast.AST) -> bool:
    """A node that builds a string at run time (f-string, +, %, str.format/join)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join", "replace")
    )


def referenced_names() -> set[str]:
    """Statement names the code passes to the STATEMENT_RUNNERS, and the values of the
    ``*_STATEMENTS`` tables in graph/neo4j_statements.py. A name built at run time would escape this
    check, so such calls fail the test instead."""
    found: set[str] = set()
    for path in (ROOT / "graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in STATEMENT_RUNNERS
                and node.args
            ):
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                else:  # a name from a *_STATEMENTS table, never one formatted at run time
                    assert not any(_formats(n) for n in ast.walk(arg)), (
                        f"{path}: {ast.unparse(arg)}"
                    )
    for attr in dir(neo4j_statements):
        if attr.endswith("_STATEMENTS"):
            for value in getattr(neo4j_statements, attr).values():
                found.update(value if isinstance(value, tuple) else (value,))
    return found


def test_every_name_the_code_uses_exists() -> None:
    used = referenced_names()
    assert used - set(NAMES) == set()


def test_every_statement_is_used() -> None:
    # schema_* and bulk_* are run by prefix (Neo4jStore.ensure_schema, loaders/bulk.py)
    used = referenced_names() | {n for n in NAMES if n.startswith(("schema_", "bulk_"))}
    assert set(NAMES) - used == set()


@pytest.mark.parametrize(
    "name, bound", [("supply_paths", MAX_HOPS), ("route_paths", ROUTE_MAX_HOPS)]
)
def test_path_bound_is_max_hops(name: str, bound: int) -> None:
    assert f"{{1,{bound}}}" in body(name)


def test_the_untraded_neighbours_expand_every_type_but_supplies() -> None:
    """The profile's read of a firm names its types in the pattern (the server then expands
    only those): a relationship type added to the model must be added there too."""
    (name,) = neo4j_statements.UNTRADED_NEIGHBOURS_STATEMENTS.values()
    (types,) = re.findall(r"-\[r:([A-Z_|]+)\]-", body(name))
    assert set(types.split("|")) == {r.value for r in Rel} - {Rel.SUPPLIES.value}


# -- on a real server --------------------------------------------------------------------------
DUMMY: dict[str, Any] = {
    "id": "x",
    "ids": ["x"],
    "regions": ["shangyu"],
    "product_ids": ["x"],
    "q": "x",
    "labels": ["Enterprise", "Product"],
    "cap": 1,
    "limit": 1,
    "max_hops": 2,
    "source": "a",
    "target": "b",
    "as_of": "2026-06-30",
    "keys": [["x", "y", "z"]],
    "change_set": 1,
    "offset": 0,
    "rels": ["PRODUCES"],
    "products": [["x"]],
    "a": "x",
    "b": "x\n",
    "probe": 10,
    "after": "",
    "prefix": False,
    "rows": 10,
    "fields": ["id", "name"],
    "among": ["x"],
    "others": ["x"],
    "skip_out": ["x"],
    "skip_in": ["x"],
    "by_node": False,
    "exclude": "x",
    "chain": "x",
}
READS = [n for n in NAMES if not WRITES.match(n)]


@pytest.mark.neo4j
@pytest.mark.parametrize("name", READS)
def test_read_statements_plan_read_only(neo4j_session_store: Neo4jStore, name: str) -> None:
    neo4j_session_store.ensure_schema()
    params = {p: DUMMY[p] for p in cypher.parameters(name)}
    with neo4j_session_store.driver.session(database=neo4j_session_store.database) as s:
        summary = s.run("EXPLAIN " + cypher.statement(name), params).consume()
    assert summary.query_type == "r"
    check_plan(summary.plan or {}, summary.query_type)


def test_every_table_has_its_statements() -> None:
    """A table without its upsert or its change-set statements (facts, stamped, remove) fails
    only when a change set or a revert first touches it: every table has all four."""
    from chainatlas.graph.model import Table

    assert set(neo4j_statements.UPSERT_STATEMENTS) == set(Table)
    assert set(neo4j_statements.FACT_STATEMENTS) == set(Table)
