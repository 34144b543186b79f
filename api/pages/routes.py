"""HTML pages: a view for every graph-shaped answer, the map, match and paths pages, assets.

The one router the app includes, assembled from a module per job:

- :mod:`.views`: ``/view/...`` mirrors ``/api/...`` route for route (html, json, standalone);
- :mod:`.explorer`: ``/`` and the map, match and paths pages;
- :mod:`.committee`: the analyses index, the 补链 / 强链 / 延链 lists, KPIs, centrality and
  the briefing (``/report``), with CSV and XLSX exports (:mod:`.tables`);
- :mod:`.errors`: HTML error pages for a browser's navigation;
- :mod:`.geo`: ``/geo``, the map on the ground;
- :mod:`.export`: ``POST /view/export``, what a reader arranged as one HTML file;
- :mod:`.assets`: the scripts, styles and icon pages load;
- :mod:`.responses`: the security headers (:data:`PAGE_CSP`) and HTML responses;
- :mod:`.signin`: anonymous browsers sent to ``/login`` instead of a 401;
- :mod:`.params`: the ``format`` and ``expand`` parameters.

The header of every page names the role of a browser signed in by session cookie and offers
to sign out.
"""

from __future__ import annotations

from fastapi import APIRouter

from chainatlas.api.pages import assets, board, changes, committee, explorer, export, geo, views
from chainatlas.api.pages.responses import PAGE_CSP, SECURITY_HEADERS

router = APIRouter(include_in_schema=False)
for _part in (
    assets.router,
    explorer.entry,
    views.router,
    explorer.router,
    geo.router,
    export.router,
    committee.router,
    board.router,
    changes.router,
):
    router.include_router(_part)

__all__ = ["PAGE_CSP", "SECURITY_HEADERS", "router"]
