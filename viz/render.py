"""Views and pages as HTML strings, from this package's templates with autoescaping on.

Why not ``Network.generate_html``: pyvis's template loads Bootstrap and vis-network from CDNs
and its Jinja environment does not escape (a heading or menu entry from data becomes markup).
Here every value from data passes through autoescaping, the view travels as JSON in a
``<script type="application/json">`` block escaped by :func:`viz.safe.script_json`, and the
only scripts are files: pages reference them on this host (so ``script-src 'self'`` suffices,
no inline script, no ``eval``), standalone exports inline them and pin each one by its hash in
a ``Content-Security-Policy`` meta element.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from chainatlas.viz.assets import asset_text, asset_url, csp_hash
from chainatlas.viz.safe import script_json
from chainatlas.viz.viewdata import ViewData

Bilingual = tuple[str, str]
PAGE_SCRIPTS = {
    "view": ["view.js"],
    "map": ["map.js"],
    "match": ["forms.js", "view.js"],
    "paths": ["forms.js", "view.js"],
    # pages without a network: tables, links and forms only
    "error": [],
    "analyses": [],
    "targets": [],
    "changes": [],
    "report": ["view.js", "report.js"],
    "geo": ["geo.js"],
}
STYLES = ["vis-network.css", "atlas.css"]
BASE_SCRIPTS = ["vis-network.min.js", "atlas.js", "print.js"]


def bilingual(zh: Any, en: Any = "") -> Markup:
    """``<span class="zh">中文</span> <span class="en">English</span>``, both escaped."""
    zh_part = (
        Markup('<span class="zh">{}</span>').format(zh) if zh not in (None, "") else Markup("")
    )
    en_part = (
        Markup('<span class="en">{}</span>').format(en) if en not in (None, "") else Markup("")
    )
    return zh_part + Markup(" ") + en_part if zh_part and en_part else zh_part + en_part


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("chainatlas.viz", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = bilingual
    env.filters["script_json"] = lambda v: Markup(script_json(v))
    return env


def _title(title: Bilingual | str) -> Bilingual:
    return (title, "") if isinstance(title, str) else (title[0], title[1])


def render_page(
    page: str,
    *,
    title: Bilingual | str,
    view: ViewData | None = None,
    assets: str = "/view/assets",
    root: str = "",
    **context: Any,
) -> str:
    """A page of the site (``view``, ``map``, ``match``, ``paths``) referencing assets under
    ``assets`` (served by the API at ``/view/assets``)."""
    env = environment()
    scripts = BASE_SCRIPTS + PAGE_SCRIPTS.get(page, ["view.js"])
    return env.get_template(f"{page}.html").render(
        page=page,
        title=_title(title),
        view=view.to_json() if view else None,
        root=root,
        styles=[asset_url(assets, s) for s in STYLES],
        icon=asset_url(assets, "favicon.svg"),
        scripts=[asset_url(assets, s) for s in scripts],
        standalone=False,
        **context,
    )


def render_view(
    view: ViewData,
    *,
    title: Bilingual | str,
    subtitle: Bilingual | str = "",
    panel: Sequence[Mapping[str, Any]] = (),
    assets: str = "/view/assets",
    root: str = "",
    links: Mapping[str, str] | None = None,
) -> str:
    """The page of one view: the network, its legend and a side panel listing the answer.

    ``panel``: sections ``{"heading": (zh, en), "items": [{"title", "key", "lines", "badge"}]}``
    (``key`` a node key the item focuses when clicked). ``links``: extra URLs by purpose
    (``standalone`` for the "download HTML" button).
    """
    return render_page(
        "view",
        title=title,
        view=view,
        assets=assets,
        root=root,
        subtitle=_title(subtitle),
        panel=list(panel),
        links=dict(links or {}),
    )


def render_standalone(
    view: ViewData,
    *,
    title: Bilingual | str,
    subtitle: Bilingual | str = "",
    panel: Sequence[Mapping[str, Any]] = (),
    page: str = "view",
    **context: Any,
) -> str:
    """One self-contained HTML file: vis-network, the styles and the scripts inlined, nothing
    fetched from anywhere, a CSP meta element allowing exactly the inlined scripts and styles.
    ``page`` another page of the site to make standalone (the briefing), with its ``context``."""
    styles = [_inline(asset_text(s), "</style") for s in STYLES]
    own = PAGE_SCRIPTS.get(page, ["view.js"])
    scripts = [_inline(asset_text(s), "</script") for s in [*BASE_SCRIPTS, *own]]
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            "style-src " + " ".join(csp_hash(s) for s in styles),
            "img-src data: blob:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return (
        environment()
        .get_template(f"{page}.html")
        .render(
            page=page,
            title=_title(title),
            subtitle=_title(subtitle),
            panel=list(panel),
            view=view.to_json(),
            root="",
            links={},
            standalone=True,
            csp=csp,
            inline_styles=[Markup(s) for s in styles],
            inline_scripts=[Markup(s) for s in scripts],
            **context,
        )
    )


def _inline(text: str, closer: str) -> str:
    """An asset's text for inlining: refuse one that could end its element early.

    Line ends become ``\n``: the HTML parser normalises them before the browser hashes an
    inline script, so the CSP hash must be taken over the normalised text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lowered = text.lower()
    if closer in lowered or "<!--" in lowered:
        raise ValueError(f"asset text contains {closer!r} or '<!--'; it cannot be inlined safely")
    return text


def esc(value: Any) -> str:
    """HTML-escaped text (for callers building strings outside the templates)."""
    return str(escape(value))
