"""The options the query commands share (typer ``Annotated`` aliases)."""

from __future__ import annotations

from typing import Annotated

import typer

from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS

LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=500, help="Rows at most.")]
KOpt = Annotated[int, typer.Option("--k", min=1, max=50, help="Paths at most.")]

ProductOpt = Annotated[str | None, typer.Option("--product", help="Only this product (id).")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="Only candidates here (id).")]
ExcludeOpt = Annotated[
    bool, typer.Option("--exclude-current", hidden=True, help="Deprecated: --exclude same_product.")
]
ExcludeWhomOpt = Annotated[
    str | None,
    typer.Option(
        "--exclude",
        help="Leave out same_product: firms already trading this product with the firm;"
        " any_partner: every firm already trading with it (any product, either direction).",
    ),
]

HopsOpt = Annotated[int, typer.Option("--max-hops", min=1, max=MAX_HOPS, help="Hops at most.")]
StepsOpt = Annotated[
    int, typer.Option("--max-hops", min=1, max=ROUTE_MAX_HOPS, help="Steps at most.")
]
