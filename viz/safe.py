"""Escaping for the three places data lands in a page, and a scanner for external URLs.

- HTML text and attributes: Jinja autoescaping (``viz.render``); never ``|safe`` on data.
- JSON inside ``<script type="application/json">``: :func:`script_json` escapes ``<``, ``>``
  and ``&`` as ``\\u003c`` etc., so neither ``</script>`` nor ``<!--`` can appear in it.
- Tooltips and panels built in the browser: DOM nodes with ``textContent`` only
  (``viz/static/atlas.js``); vis-network gets no ``title`` strings at all.

>>> script_json({"name": "</script><!--x-->&"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--x--\\\\u003e\\\\u0026"}'
>>> external_urls('<script src="/view/assets/atlas.js"></script><a href="http://127.0.0.1:8000/">')
[]
>>> external_urls('<link href="//cdn.example.com/x.css"><img src="https://evil.test/a.png">')
['//cdn.example.com/x.css', 'https://evil.test/a.png']
"""

from __future__ import annotations

import json
import re
from typing import Any

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "0.0.0.0"})
#: an absolute URL, or a protocol-relative one in a place that loads it (attribute, CSS url())
_URL_RE = re.compile(
    r"""(?ix)
    (?: \b(?:https?|wss?|ftp):// [^\s"'<>()\\]+ )
  | (?: (?<=[=\s"'(,]) //[a-z0-9-]+(?:\.[a-z0-9-]+)+ [^\s"'<>()\\]* )
    """
)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element and in JavaScript source."""
    text = json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str
    )
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def _host(url: str) -> str:
    rest = url.split("//", 1)[1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.split(":", 1)[0].lower()


def external_urls(text: str) -> list[str]:
    """Every URL in ``text`` that points at a host other than this machine, in order found."""
    return [m.group(0) for m in _URL_RE.finditer(text) if _host(m.group(0)) not in LOCAL_HOSTS]
