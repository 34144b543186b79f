"""The files pages load: vis-network, the pages' scripts and styles, the icon."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from chainatlas.api.problems import Problem
from chainatlas.viz import ASSETS, asset_bytes

router = APIRouter(include_in_schema=False)


@router.get("/view/assets/{name}")
def asset(name: str) -> Response:
    """vis-network (from pyvis) and the pages' own scripts and styles; versioned URLs."""
    if name not in ASSETS:
        raise Problem("not-found", "No such asset.")
    return Response(
        asset_bytes(name),
        media_type=ASSETS[name],
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
            "Cross-Origin-Resource-Policy": "same-origin",
        },
    )


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on every page; the same icon as the pages name."""
    return Response(
        asset_bytes("favicon.svg"),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
