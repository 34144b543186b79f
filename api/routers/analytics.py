"""Network analytics and exports for Gephi and notebooks."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from chainatlas.api.auth import Viewer, for_caller, require_viewer
from chainatlas.api.deps import (
    DEFAULT_LIMIT,
    ID_PATTERN,
    Analytics,
    Limit,
    Offset,
    Store,
    StoreOnDay,
)
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import Problem
from chainatlas.api.schemas import (
    BINARY,
    CentralityPage,
    CommunityPage,
    NodeLinkGraph,
    PageRankPage,
    ranked_page,
)
from chainatlas.graph.queries.centrality import kept_centrality
from chainatlas.graph.queries.export import (
    FORMATS,
    NEEDS_ID,
    ExportQuery,
    export_graph,
    query_graph,
)
from chainatlas.graph.queries.network import kept_communities, kept_pagerank

router = APIRouter(prefix="/api", dependencies=[Depends(require_viewer)])


class Measure(StrEnum):
    degree = "degree"
    betweenness = "betweenness"


class Ties(StrEnum):
    all = "all"
    supply = "supply"
    cooperation = "cooperation"


TiesQ = Annotated[
    Ties,
    Query(description="Which ties count: supply, cooperation, or all (both)."),
]


class Format(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


JSON = "application/json"


@router.get(
    "/analytics/centrality",
    response_model=CentralityPage,
    tags=["analytics"],
    responses=openapi_responses(401, 403, 422, 503),
)
def centrality(
    store: StoreOnDay,
    cache: Analytics,
    measure: Annotated[Measure, Query(description="betweenness or degree.")] = Measure.betweenness,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Firms (every firm of the map, traders or not) by centrality on the supply network:
    highest ``value`` of the chosen measure first, ties by id; each item shows both measures.
    """
    answer = kept_centrality(cache, store, measure.value)
    return ranked_page(answer["items"], answer["nodes"], limit, offset) | {
        "measure": answer["measure"]
    }


@router.get(
    "/analytics/pagerank",
    response_model=PageRankPage,
    tags=["analytics"],
    responses=openapi_responses(401, 403, 422, 503),
)
def pagerank(
    store: StoreOnDay,
    cache: Analytics,
    ties: TiesQ = Ties.all,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Firms by PageRank over supply and cooperation ties (a buyer's tie points at its
    supplier, a cooperation both ways): the firms others rely on first, ties by id."""
    answer = kept_pagerank(cache, store, ties.value)
    return ranked_page(answer["items"], answer["nodes"], limit, offset) | {
        "ties": answer["ties"],
        "alpha": answer["alpha"],
    }


@router.get(
    "/analytics/communities",
    response_model=CommunityPage,
    tags=["analytics"],
    responses=openapi_responses(401, 403, 422, 503),
)
def communities(
    store: StoreOnDay,
    cache: Analytics,
    ties: TiesQ = Ties.all,
    resolution: Annotated[
        float, Query(gt=0, le=10, description="Louvain resolution: above 1, smaller groups.")
    ] = 1.0,
    seed: Annotated[
        int, Query(ge=0, le=2**31 - 1, description="Random seed: the same seed, the same groups.")
    ] = 0,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Communities of firms (the Louvain method, seeded) over supply and cooperation
    ties: largest first, each with its size, first members by id, regions and chains."""
    answer = kept_communities(cache, store, ties.value, resolution, seed)
    page = ranked_page(answer["communities"], answer["total"], limit, offset)
    return page | {k: answer[k] for k in ("ties", "resolution", "seed", "modularity")}


@router.get(
    "/export",
    tags=["analytics"],
    response_class=Response,
    responses={
        200: {
            "description": "The graph file.",
            "model": NodeLinkGraph,
            "content": {m: {"schema": BINARY} for m, _ in FORMATS.values() if m != JSON},
        },
        **openapi_responses(401, 403, 404, 422, 503),
    },
)
def export(
    caller: Viewer,
    store: Store,
    format: Annotated[
        Format,
        Query(
            description="graphml, gexf, json (node-link) or csv (a zip of nodes.csv and edges.csv)."
        ),
    ],
    query: Annotated[
        ExportQuery | None,
        Query(description="Export this query's subgraph; omit for the whole graph."),
    ] = None,
    id: Annotated[
        str | None,
        Query(
            pattern=ID_PATTERN,
            description="The id the query is about (chain, enterprise, product, impact).",
        ),
    ] = None,
) -> Response:
    """The whole graph, or one query's subgraph (e.g. ``?query=chain&id=polymer``), as a file.
    Contact details only for analysts and above."""
    if query in NEEDS_ID and id is None:
        raise Problem(
            "validation",
            f"An export of the {query} subgraph needs an id.",
            errors=[
                {
                    "in": "query",
                    "name": "id",
                    "message": "required with this query",
                    "type": "missing",
                }
            ],
        )
    graph = None
    if query is not None:
        graph = for_caller(caller, query_graph(store, query, id, contacts=caller.sees_contacts))
    content = export_graph(store, format.value, graph=graph)
    media, ext = FORMATS[format.value]
    name = "-".join(
        p for p in ("chainatlas", query and query.value, id if query in NEEDS_ID else None) if p
    )
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'},
    )
