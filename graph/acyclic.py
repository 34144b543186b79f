"""Python's cycle collector paused while a province's worth of fresh objects is made.

Reading a bundle or building the embedded store's graph makes millions of dicts and tuples,
none of them in a cycle; the collector would walk every object made so far again and again
(a quarter of a 100,000-firm read, a third of the graph build: docs/performance.md).
Reference counting still frees everything; the collector runs again at the end.

>>> import gc
>>> with acyclic():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def acyclic() -> Iterator[None]:
    """The cycle collector off for the block (as it was after it, an error too)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
