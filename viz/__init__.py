"""Views: any subgraph answer (docs/queries.md, the ``graph`` member) as an interactive page.

The public surface::

    view = build_view(answer["graph"], layout="force")     # styled, laid out, maybe aggregated
    html = render_view(view, title=("企业画像", "Enterprise profile"))   # a page for /view/...
    html = render_standalone(view, title=...)              # one file, every asset inlined
    html = render_page("map", view=view, ...)              # the map, match and paths pages

Everything returns data or HTML strings; nothing here writes files, imports FastAPI or talks to
a store. pyvis supplies the network model, its options machinery and the vis-network files it
ships; the HTML comes from this package's own templates (``viz/templates``), rendered with
autoescaping on, and every asset is served from this host or inlined.
"""

from chainatlas.viz.assets import ASSETS, asset_bytes
from chainatlas.viz.build import build_view
from chainatlas.viz.render import render_page, render_standalone, render_view
from chainatlas.viz.safe import external_urls, script_json
from chainatlas.viz.viewdata import ViewData

__all__ = [
    "ASSETS",
    "ViewData",
    "asset_bytes",
    "build_view",
    "external_urls",
    "render_page",
    "render_standalone",
    "render_view",
    "script_json",
]
