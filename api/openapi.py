"""The OpenAPI document as client generators read it (``/api/openapi.json``, docs/api.md).

FastAPI writes the document from the routes; this module settles what it cannot know:

- **operation ids**: short and stable (``get_enterprise``, ``match_suppliers``), from the
  route's name through :data:`OPERATION_IDS`, so renaming a Python function changes no client;
- **errors**: every 4xx and 5xx answer is a reference to one declaration under
  ``components/responses`` (:func:`chainatlas.api.problem_docs.components`), whose only media type
  is ``application/problem+json`` with its problem schema;
- **names and uploads**: file parts are ``format: binary`` (FastAPI writes OpenAPI 3.1's
  ``contentMediaType``, which generated clients send as text), and request bodies get names
  (``UploadBundleBody``, not ``Body_upload_bundle``), and so do pages (``SearchHitPage``);
- **rules between parameters** (:mod:`chainatlas.api.rules`): in each operation's description
  and its ``x-parameter-rules``;
- **security as it is**: operations open to viewers accept no credential at all (``{}``) when
  the app's settings allow anonymous reading; each operation states the roles it needs in
  ``x-roles`` and its description; the health check needs none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic.json_schema import models_json_schema
from starlette.routing import BaseRoute

from chainatlas.api import problem_docs, rules
from chainatlas.api.auth import anonymous_read, require_analyst, require_editor, require_viewer
from chainatlas.api.schemas import (
    BundleProblem,
    ProblemDetails,
    QueryProblem,
    ValidationProblem,
)
from chainatlas.graph.settings import ROLES

#: operation id of each route, by the route's (Python) name; a route missing here is named
#: after its function, and tests/api/test_openapi_names.py pins every id
OPERATION_IDS = {
    "health": "get_health",
    "stats": "get_stats",
    "search": "search",
    "enterprises": "list_enterprises",
    "enterprise": "get_enterprise",
    "suppliers": "list_enterprise_suppliers",
    "customers": "list_enterprise_customers",
    "enterprise_tiers": "enterprise_tiers",
    "products": "list_products",
    "product": "get_product",
    "product_tiers": "product_tiers",
    "match_suppliers": "match_suppliers",
    "match_buyers": "match_buyers",
    "supply": "supply_paths",
    "route": "product_routes",
    "chains": "list_chains",
    "chain": "get_chain",
    "chain_firms": "list_chain_firms",
    "gap_list": "list_gaps",
    "single_sourced": "list_single_sourced",
    "disruption": "impact",
    "centrality": "centrality",
    "pagerank": "pagerank",
    "communities": "communities",
    "weighted": "weighted_paths",
    "geo": "get_geo",
    "export": "export_graph",
    "run_cypher": "run_cypher",
    "upload_bundle": "upload_bundle",
    "fill": "fill_targets",
    "strengthen_list": "strengthen_targets",
    "extend": "extend_targets",
    "kpi_table": "get_kpis",
    "board_posts": "list_board_posts",
    "board_post": "create_board_post",
    "board_post_one": "get_board_post",
    "board_matches": "board_matches",
    "board_accept": "accept_board_match",
    "board_withdraw": "withdraw_board_post",
    "changes": "list_changes",
    "digest": "get_digest",
    "change": "get_change",
    "revert_change": "revert_change",
}
#: the dependency that admits each role and every role above it
ROLE_GATES = {require_viewer: "viewer", require_analyst: "analyst", require_editor: "editor"}
SCHEMES = ("ApiKey", "Bearer")
PROBLEM_MODELS = (ProblemDetails, ValidationProblem, BundleProblem, QueryProblem)
BODY_PREFIX = "Body_"
#: a page of a generic list, as pydantic names it
PAGE = re.compile(r"Page_\w+_")


def operation_id(route: APIRoute) -> str:
    """The operation id of ``route`` (FastAPI's ``generate_unique_id_function``)."""
    return OPERATION_IDS.get(route.name, route.name)


def _gates(dependant: Dependant) -> Iterator[str]:
    for sub in dependant.dependencies:
        if sub.call in ROLE_GATES:
            yield ROLE_GATES[sub.call]
        yield from _gates(sub)


def required_role(route: APIRoute) -> str | None:
    """The least role ``route`` admits (the highest of its gates); None for an open route."""
    roles = set(_gates(route.dependant))
    return max(roles, key=ROLES.index) if roles else None


def _routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """The API routes among ``routes``, through included routers (FastAPI keeps each as a
    branch holding its ``original_router``)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (router := getattr(route, "original_router", None)) is not None:
            yield from _routes(router.routes)


def _roles(app: FastAPI) -> dict[str, str | None]:
    return {operation_id(r): required_role(r) for r in _routes(app.routes) if r.include_in_schema}


def _secure(doc: dict[str, Any], roles: dict[str, str | None], anonymous: bool) -> None:
    for op in _operations(doc):
        role = roles[op["operationId"]]
        if role is None:
            op.pop("security", None)
            op["x-roles"] = []
            op["description"] = op.get("description", "") + "\n\n**Roles:** none (open)."
            continue
        allowed = ROLES[ROLES.index(role) :]
        op["x-roles"] = list(allowed)
        security: list[dict[str, list[str]]] = [{s: []} for s in SCHEMES]
        note = f"{role} or above"
        if role == "viewer" and anonymous:
            security.append({})  # no credential: an anonymous viewer
            note += "; anonymous callers read as viewers on this server"
        op["security"] = security
        op["description"] = op.get("description", "") + f"\n\n**Roles:** {note}."


def _operations(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in doc.get("paths", {}).values():
        yield from item.values()


def _errors(doc: dict[str, Any]) -> None:
    """Every error answer a reference to its one declaration (FastAPI adds a description
    beside each ``$ref``; any error a route declared otherwise is replaced by its status's)."""
    for op in _operations(doc):
        for status, answer in list(op["responses"].items()):
            if status[0] in "45":
                other = "BadRequest" if status[0] == "4" else "InternalError"
                name = problem_docs.BY_STATUS_RESPONSE.get(int(status), other)
                op["responses"][status] = {
                    "$ref": answer.get("$ref", problem_docs.RESPONSE_REF + name)
                }
    components = doc.setdefault("components", {})
    components["responses"] = problem_docs.components()
    _, defs = models_json_schema(
        [(m, "serialization") for m in PROBLEM_MODELS],
        ref_template="#/components/schemas/{model}",
    )
    components.setdefault("schemas", {}).update(defs["$defs"])


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _rename(doc: dict[str, Any], renames: dict[str, str]) -> None:
    """Rename schemas (and every reference to them) under ``components/schemas``."""
    schemas = doc["components"]["schemas"]
    for old, new in renames.items():
        schemas[new] = schemas.pop(old) | {"title": new}
    refs = {"#/components/schemas/" + o: "#/components/schemas/" + n for o, n in renames.items()}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and node["$ref"] in refs:
                node["$ref"] = refs[node["$ref"]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)


def _names(doc: dict[str, Any]) -> None:
    """Names for people: ``Page_SearchHit_`` as ``SearchHitPage`` (the title pydantic gives
    it), ``Body_upload_bundle`` as ``UploadBundleBody``; file parts as ``format: binary``."""
    schemas = doc["components"]["schemas"]
    renames = {}
    for name, schema in schemas.items():
        if name.startswith(BODY_PREFIX):
            renames[name] = _camel(name.removeprefix(BODY_PREFIX)) + "Body"
            for prop in schema.get("properties", {}).values():
                if prop.pop("contentMediaType", None) == "application/octet-stream":
                    prop["format"] = "binary"
        elif PAGE.fullmatch(name):
            renames[name] = schema["title"]
    _rename(doc, renames)


def document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app``, as :mod:`this module <chainatlas.api.openapi>` says."""
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    _errors(doc)
    _names(doc)
    _secure(doc, _roles(app), anonymous_read(app.state.settings))
    rules.describe(doc)
    doc["components"]["schemas"] = dict(sorted(doc["components"]["schemas"].items()))
    return doc


def install(app: FastAPI) -> None:
    """Serve :func:`document` (built once) as ``app``'s OpenAPI document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
