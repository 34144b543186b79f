"""Reading an untrusted bundle in a worker process whose memory and time are bounded.

The API reads every upload here, not in the server: a bundle that needs more than
``limits.worker_memory_mb`` of address space, or more than ``limits.worker_seconds``, ends
its worker and is refused (``too-costly``), the server's own memory never grows with what a
stranger sent (a process that ran out of memory gives nothing back to the system; one that
ends gives everything), and the parse never holds the server's interpreter lock, so the other
routes keep answering while it runs.

Workers are forked from a ``forkserver`` that imported the loaders once (a worker starts in
milliseconds instead of importing the package again), one worker per bundle, ended after it.
"""

from __future__ import annotations

import multiprocessing
import resource
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import BundleInvalid, BundleTooLarge, Issue
from chainatlas.graph.limits import MB, Limits
from chainatlas.loaders.bundle import Bundle, read_bundle
from chainatlas.loaders.read import WHOLE

_PRELOAD = ["__main__", "chainatlas.loaders.bundle", "chainatlas.loaders.workbook", "openpyxl"]
_context: Any = None


def _ctx() -> Any:
    global _context
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        _context = ctx
    return _context


def _work(
    conn: Connection, path: str, strict: bool, today: date | None, limits: Limits
) -> None:  # pragma: no cover - runs in the worker process (tests/hostile measure it)
    memory = limits.worker_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.worker_seconds) + 5  # the wall-clock limit comes first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    result: tuple[str, Any]
    try:
        result = ("ok", read_bundle(Path(path), strict=strict, today=today, limits=limits))
    except BundleTooLarge as e:
        result = ("too-large", e.issues)
    except BundleInvalid as e:
        result = ("invalid", e.issues)
    except MemoryError:
        result = ("memory", None)
    conn.send(result)
    conn.close()


def read_bundle_bounded(
    path: Path, *, strict: bool = False, today: date | None = None, limits: Limits
) -> Bundle:
    """:func:`~loaders.bundle.read_bundle` in a worker process with ``limits.worker_memory_mb``
    of address space and ``limits.worker_seconds`` of time; raises as it does, and
    :class:`~graph.errors.BundleTooLarge` (``too-costly``) when the worker needs more."""
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_work, args=(send, str(path), strict, today, limits), daemon=True)
    proc.start()
    send.close()
    try:
        if receive.poll(limits.worker_seconds):
            kind, value = receive.recv()
        else:
            kind, value = "time", None
    except EOFError:  # the worker died without a word (killed, crashed, out of memory)
        kind, value = "memory", None
    finally:
        receive.close()
        proc.kill()
        proc.join()
        proc.close()
    if kind == "ok":
        assert isinstance(value, Bundle)
        return value
    if kind == "invalid":
        raise BundleInvalid(value)
    if kind == "too-large":
        raise BundleTooLarge(value)
    raise BundleTooLarge([_too_costly(path.name, kind, limits)])


def _too_costly(file: str, kind: str, limits: Limits) -> Issue:
    if kind == "time":
        why = f"reading it took longer than {limits.worker_seconds:g} s"
    else:
        why = f"reading it needed more than {limits.worker_memory_mb} MB of memory"
    return Issue(file, 0, WHOLE, f"{why}; nothing was read", code="too-costly")
