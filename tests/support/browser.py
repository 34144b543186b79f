"""The app served by uvicorn on 127.0.0.1 and a headless Chromium page that records every
request, dialog, CSP violation and script error (see tests/e2e)."""

from __future__ import annotations

import csv
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from chainatlas.api.app import create_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import Settings
from chainatlas.loaders.codes import credit_code_check_char
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support import ROOT, free_port
from tests.support.subgraphs import XSS_FIRM

#: screenshots (git-ignored)
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHAINATLAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _need_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    why = f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium`"
    if IN_CI:
        pytest.fail(why, pytrace=False)
    pytest.skip(why)


# -- the app on a port -----------------------------------------------------------------------
@dataclass
class Served:
    base: str
    store: MemoryStore


def _serve(store: MemoryStore, **settings: Any) -> Iterator[Served]:
    """Serve ``store`` on 127.0.0.1 and a free port (anonymous reading on unless ``settings``
    say otherwise) for as long as the generator is open."""
    import uvicorn

    update = {"anonymous_read": True, "api_keys": {}, "neo4j_uri": None, **settings}
    config = Settings(_env_file=None).model_copy(update=update)  # type: ignore[call-arg]
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config, store),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", store)
    server.should_exit = True
    thread.join(timeout=10)


def _hostile_bundle(tmp: Path) -> Path:
    """The demo bundle plus a firm named like an attack, which buys from the first firm."""
    out = tmp / "hostile"
    shutil.copytree(demo_bundle_path(), out)
    firms = out / "enterprises.csv"
    with firms.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    code = "91330604MA2XKK001"
    row = {"id": "X0001", "name": XSS_FIRM, "credit_code": code + credit_code_check_char(code)}
    # no park and no point of its own: /geo draws it at 上虞's representative point
    row |= {"region_id": "shangyu", "chain_id": "polymer", "stage": "下游", "scale": "小型"}
    row |= {"listed": "否", "founded": "2020"}
    with firms.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, header, lineterminator="\n").writerow(row)
    supplies = (out / "supplies.csv").read_text(encoding="utf-8").splitlines()
    supplier, _, product = supplies[1].split(",")[:3]
    with (out / "supplies.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{supplier},X0001,{product},10,t,2024,,测试\n")  # until empty
    return out


@pytest.fixture(scope="module")
def demo() -> Iterator[Served]:
    _need_chromium()
    yield from _serve(bundle_store(demo_bundle_path()))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    _need_chromium()
    yield from _serve(bundle_store(_hostile_bundle(tmp_path_factory.mktemp("bundle"))))


# -- the browser -----------------------------------------------------------------------------
@dataclass
class Watch:
    """What a page did: requests, dialogs, CSP violations, script errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def listen(self, pg: Any) -> None:
        """Record ``pg``'s dialogs (dismissing them), script errors and console errors."""

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        def console(m: Any) -> None:
            if m.type == "error":
                self.problems.append(m.text)

        pg.on("dialog", dialog)
        pg.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        pg.on("console", console)


CATCH_CSP = """document.addEventListener('securitypolicyviolation', e =>
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh page that may talk to 127.0.0.1 only (anything else is recorded and aborted)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    watch = Watch()

    def route(r: Any) -> None:
        url = r.request.url
        watch.requests.append(url)
        if url.startswith(("http://127.0.0.1:", "data:", "blob:", "file://")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.add_init_script(CATCH_CSP)
    watch.listen(pg)
    yield pg, watch
    context.close()
    foreign = [
        u
        for u in watch.requests
        if not u.startswith(("http://127.0.0.1:", "data:", "blob:", "file://"))
    ]
    assert foreign == [], foreign
    assert watch.dialogs == []
    assert watch.problems == []


DRAWN = "body[data-drawn='1']"


def _drawn(pg: Any, url: str) -> Any:
    pg.goto(url)
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    return pg


def _shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(300)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _node_xy(pg: Any, key: str) -> tuple[float, float]:
    """Where node ``key`` is drawn on the page, once the network has focused it."""
    pg.evaluate("k => window.network.focus(k, {scale: 1.2})", key)
    pg.wait_for_timeout(100)
    x, y = pg.evaluate(
        """k => { const p = window.network.getPositions([k])[k];
        const d = window.network.canvasToDOM(p);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""",
        key,
    )
    return x, y


def _click_node(pg: Any, key: str) -> None:
    """Click node ``key`` where it is drawn."""
    pg.mouse.click(*_node_xy(pg, key))


def _double_click_node(pg: Any, key: str) -> None:
    """Double-click node ``key`` where it is drawn."""
    pg.mouse.dblclick(*_node_xy(pg, key))


# -- the map ---------------------------------------------------------------------------------
