"""Every query route of the OpenAPI document has a CLI command and a Python method, each
taking the route's parameters (by name): the three front doors answer the same questions.

The routes are read from the published document (``chainatlas openapi``), so a new route
fails here until it has both. Not queries: the health check (liveness), the bundle upload
(a write, done with ``chainatlas load`` and ``chainatlas.load_bundle``), a revert (a write,
done with ``chainatlas revert`` and ``chainatlas.graph.revert.revert``) and an edit of one fact
(a write, done with ``chainatlas edit`` and ``chainatlas.loaders.edit.edit``).
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

import typer.main

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.app import OPERATIONS, app
from chainatlas.api.cli.contract import published_document

NOT_QUERIES = {"get_health", "upload_bundle", "revert_change", "create_edit"}


def _deref(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def query_routes(doc: dict[str, Any]) -> dict[str, set[str]]:
    """Operation id → names of its parameters (query, path, and JSON body members)."""
    found = {}
    for item in doc["paths"].values():
        for op in item.values():
            if op["operationId"] in NOT_QUERIES:
                continue
            names = {p["name"] for p in op.get("parameters", [])}
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                names |= set(_deref(doc, body["schema"]).get("properties", {}))
            found[op["operationId"]] = names
    return found


def method_gaps(routes: dict[str, set[str]], cls: type) -> dict[str, str]:
    """What each route lacks as a method of ``cls``: the method, or parameters."""
    gaps = {}
    for op, params in routes.items():
        method = getattr(cls, op, None)
        if method is None:
            gaps[op] = "no method"
            continue
        own = set(inspect.signature(method).parameters) - {"self"}
        if own != params:
            gaps[op] = f"parameters {sorted(own)} != {sorted(params)}"
    return gaps


@cache
def _root() -> Any:
    return typer.main.get_command(app)


def command(path: tuple[str, ...]) -> Any:
    """The click command at ``path`` (typer's own click: groups have ``commands``)."""
    node = _root()
    for word in path:
        node = getattr(node, "commands", {}).get(word)
    return node


def command_gaps(
    routes: dict[str, set[str]], operations: dict[str, tuple[str, ...]]
) -> dict[str, str]:
    """What each route lacks as a command: the command, or options for its parameters."""
    gaps = {}
    for op, params in routes.items():
        cmd = command(operations[op]) if op in operations else None
        if cmd is None:
            gaps[op] = "no command"
            continue
        missing = params - {p.name for p in cmd.params}
        if missing:
            gaps[op] = f"no option for {sorted(missing)}"
    return gaps


def test_the_document_lists_the_query_routes() -> None:
    routes = query_routes(published_document())
    assert {"search", "list_chains", "get_chain", "pagerank", "run_cypher"} <= set(routes)
    assert routes["run_cypher"] == {"query", "params"}  # the JSON body's members
    assert routes["enterprise_tiers"] == {"id", "direction", "depth", "as_of", "limit", "offset"}


def test_every_query_route_has_a_python_method_with_its_parameters() -> None:
    assert method_gaps(query_routes(published_document()), Atlas) == {}


def test_every_query_route_has_a_cli_command_with_its_options() -> None:
    routes = query_routes(published_document())
    assert command_gaps(routes, OPERATIONS) == {}
    assert set(OPERATIONS) == set(routes)  # no command names a route that is gone


def test_a_route_without_either_fails() -> None:
    routes = {"search": {"q", "kind", "limit", "offset"}, "brand_new": {"id"}}
    routes_more = routes | {"get_stats": {"as_of", "extra"}}

    class Partial:
        def search(self, q: str, kind: str, limit: int, offset: int) -> None: ...

        def get_stats(self, as_of: str) -> None: ...

    assert method_gaps(routes_more, Partial) == {
        "brand_new": "no method",
        "get_stats": "parameters ['as_of'] != ['as_of', 'extra']",
    }
    assert command_gaps(routes_more, {"search": ("search",), "get_stats": ("stats",)}) == {
        "brand_new": "no command",
        "get_stats": "no option for ['extra']",
    }
