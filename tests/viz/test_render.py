"""viz.render_*: escaping of every name from data, no external URL, standalone files that carry
everything they need, and a CSP that pins exactly the inlined scripts."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from chainatlas.viz import (
    asset_bytes,
    build_view,
    external_urls,
    render_page,
    render_standalone,
    render_view,
)
from chainatlas.viz.assets import ASSETS, VENDOR, csp_hash
from chainatlas.viz.safe import script_json
from tests.support.subgraphs import (
    XSS_CHAIN,
    XSS_FIRM,
    XSS_PRODUCT,
    hostile_subgraph,
    ref_subgraph,
    synthetic_subgraph,
)

#: URLs inside vis-network's own text: its licence header, a GitHub pointer in an error
#: message and the SVG namespace. None is ever fetched (the browser tests check every request).
VENDOR_URL_STRINGS = {
    "https://visjs.github.io/vis-network/",
    "http://almende.com",
    "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://opensource.org/licenses/MIT",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "http://www.w3.org/2000/svg",
}
VENDOR_BLOCK = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def _hostile_pages() -> dict[str, str]:
    view = build_view(hostile_subgraph(), focus=["Enterprise:X1"])
    panel = [
        {
            "heading": (XSS_CHAIN, "<b>en</b>"),
            "items": [
                {
                    "title": XSS_FIRM,
                    "key": "Enterprise:X1",
                    "badge": "<i>1</i>",
                    "lines": [XSS_PRODUCT, (XSS_FIRM, XSS_CHAIN)],
                }
            ],
        }
    ]
    return {
        "view": render_view(
            view,
            title=(XSS_FIRM, XSS_CHAIN),
            subtitle=XSS_PRODUCT,
            panel=panel,
            links={"standalone": "?format=standalone"},
        ),
        "standalone": render_standalone(view, title=(XSS_FIRM, XSS_CHAIN), panel=panel),
        "map": render_page(
            "map",
            title=("全景", "Map"),
            view=view,
            chain="evil",
            chains=[{"id": "evil", "name": XSS_CHAIN, "name_en": XSS_FIRM}],
            stages=[("上游", "upstream")],
        ),
    }


def _strip_inlined_assets(html: str) -> str:
    """The page without the bodies of inlined assets (checked on their own below)."""
    inlined = {asset_bytes(n).decode().replace("\r\n", "\n") for n in ASSETS}
    return VENDOR_BLOCK.sub(lambda m: "" if m.group(2) in inlined else m.group(0), html)


@pytest.mark.parametrize("page", ["view", "standalone", "map"])
def test_names_from_data_never_become_markup(page: str) -> None:
    html = _hostile_pages()[page]
    outside_data = _strip_inlined_assets(
        html.split('<script type="application/json" id="view-data">')[0]
    )
    assert (
        "<img" not in outside_data
        and "<i>1</i>" not in outside_data
        and "<b>en</b>" not in outside_data
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in outside_data
    assert "alert(2)" not in outside_data.replace("&lt;/script&gt;&lt;script&gt;alert(2)", "")


@pytest.mark.parametrize("page", ["view", "standalone", "map"])
def test_embedded_json_cannot_end_its_script_element(page: str) -> None:
    html = _hostile_pages()[page]
    body = html.split('<script type="application/json" id="view-data">', 1)[1].split(
        "</script>", 1
    )[0]
    assert "<" not in body and ">" not in body and "\u2028" not in body
    data = json.loads(body)
    names = {n["data"].get("name") for n in data["nodes"]}
    assert {XSS_FIRM, XSS_PRODUCT, XSS_CHAIN} <= names  # the text survives, as text


def test_script_json_round_trips_what_it_escapes() -> None:
    value = {"a": "</script><!-- & \u2028 \u2029 >", "b": [1, 2.5, None, True]}
    assert json.loads(script_json(value)) == value
    assert not set(script_json(value)) & {"<", ">", "&", "\u2028", "\u2029"}


@pytest.mark.parametrize("page", ["view", "standalone", "map"])
def test_pages_name_no_other_host(page: str) -> None:
    html = _strip_inlined_assets(_hostile_pages()[page])
    assert external_urls(html) == []
    assert "//cdn" not in html


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_assets_name_no_other_host(name: str) -> None:
    found = set(external_urls(asset_bytes(name).decode()))
    allowed = (
        VENDOR_URL_STRINGS if name in VENDOR else {"http://www.w3.org/2000/svg"}
    )  # a namespace
    assert found <= allowed, found - allowed


def test_the_scanner_finds_what_it_should() -> None:
    assert external_urls('<script src="https://cdn.jsdelivr.net/x.js">') == [
        "https://cdn.jsdelivr.net/x.js"
    ]
    assert external_urls("<link href='//cdnjs.cloudflare.com/a.css'>") == [
        "//cdnjs.cloudflare.com/a.css"
    ]
    assert external_urls("a { background: url(//fonts.example.org/f.woff) }") == [
        "//fonts.example.org/f.woff"
    ]
    assert external_urls('fetch("http://localhost:8000/api") + "http://127.0.0.1/x"') == []


def test_pages_reference_assets_on_this_host_only() -> None:
    html = _hostile_pages()["view"]
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert srcs and all(s.startswith(("/", "?", "#")) and not s.startswith("//") for s in srcs)
    assert any(s.startswith("/view/assets/vis-network.min.js?v=") for s in srcs)
    assert "<script>" not in html  # no inline script: script-src 'self' is enough


def test_standalone_inlines_everything_and_pins_it_by_hash() -> None:
    html = _hostile_pages()["standalone"]
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=", html)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta, "no CSP meta element"
    csp = meta.group(1).replace("&#39;", "'")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    # vis, atlas.js, print.js, view.js; vis css, atlas css
    assert len(scripts) == 4 and len(styles) == 2
    for s in scripts + styles:
        assert csp_hash(s) in csp
    assert "default-src 'none'" in csp and "unsafe" not in csp
    assert asset_bytes("vis-network.min.js").decode().replace("\r\n", "\n") in scripts


def test_rendering_writes_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _hostile_pages()
    render_standalone(build_view(ref_subgraph()), title="参考")
    assert os.listdir(tmp_path) == []


def test_bilingual_text_is_chinese_first() -> None:
    html = render_view(build_view(ref_subgraph()), title=("企业画像", "Enterprise profile"))
    assert (
        '<h1><span class="zh">企业画像</span> <span class="en">Enterprise profile</span></h1>'
        in html
    )


def test_a_group_that_stays_folded_says_why() -> None:
    g = synthetic_subgraph(300, 60)
    first = build_view(g, limit=30)
    group = max(first.meta["folded"], key=lambda k: first.meta["folded"][k])
    html = render_page(
        "map", title=("全景", "Map"), view=build_view(g, limit=30, expand=[group]), chains=[]
    )
    assert 'id="unopened"' in html and "超过 30 个" in html
    assert 'id="unopened"' not in render_page("map", title=("全景", "Map"), view=first, chains=[])
