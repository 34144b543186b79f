"""Hostile files built from code: workbook and zip bombs, lying and corrupt archives, entity
bombs, and the means to measure what reading them costs (tests/hostile).

Nothing large is committed: each attack is generated at test time, mostly as a few kilobytes
that claim (or unpack to) far more. :func:`write_zip` is a minimal zip writer whose directory
can lie (a declared size, a CRC) so that the attacks are exact, not whatever a library allows.
"""

from __future__ import annotations

import io
import os
import re
import resource
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support import ROOT, TEST_DATA
from tests.support.bundles import to_xlsx

GOOD = TEST_DATA / "good"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# -- a zip writer that can lie -----------------------------------------------------------------
@dataclass
class Entry:
    """One member: its name, its content (bytes, or chunks streamed through deflate), and what
    the directory claims about it when that should differ from the truth."""

    name: str
    data: bytes | Iterable[bytes]
    claimed_size: int | None = None
    claimed_crc: int | None = None


def write_zip(entries: Iterable[Entry]) -> bytes:
    """A deflated zip of ``entries``, with their claimed sizes and CRCs when given."""
    out = io.BytesIO()
    central = []
    for e in entries:
        chunks = [e.data] if isinstance(e.data, bytes) else e.data
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        crc = size = 0
        packed = io.BytesIO()
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            packed.write(packer.compress(chunk))
        packed.write(packer.flush())
        body = packed.getvalue()
        name = e.name.encode()
        crc = e.claimed_crc if e.claimed_crc is not None else crc
        size = e.claimed_size if e.claimed_size is not None else size
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(body), size, len(name))
        out.write(struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields, 0) + name + body)
        central.append(
            struct.pack("<4s6HIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    n = len(central)
    out.write(struct.pack("<4s4HIIH", b"PK\x05\x06", 0, 0, n, n, len(directory), start, 0))
    return out.getvalue()


def members(data: bytes) -> list[Entry]:
    """The members of the zip ``data`` as entries (to rewrite some of them)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [Entry(i.filename, z.read(i)) for i in z.infolist()]


def replaced(data: bytes, **changes: Entry) -> bytes:
    """The zip ``data`` with members replaced, by name (``/`` spelled ``__`` in keywords)."""
    by_name = {k.replace("__", "/"): v for k, v in changes.items()}
    return write_zip(by_name.get(e.name, e) for e in members(data))


# -- workbooks -----------------------------------------------------------------------------------
def good_workbook(tmp: Path) -> bytes:
    """The good test bundle as one workbook (its sheet 1 is ``chains``)."""
    return to_xlsx(GOOD, tmp / "good.xlsx").read_bytes()


def sheet_names(data: bytes) -> dict[str, str]:
    """Sheet title -> its part (``xl/worksheets/sheet1.xml``) in the workbook ``data``."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {ws.title: ws._worksheet_path for ws in book.worksheets}
    finally:
        book.close()


def sheet_xml(rows: Iterable[str], *, dimension: str = "A1") -> Iterator[bytes]:
    """A worksheet part holding ``rows`` (each the XML of one ``<row>``), streamed."""
    yield (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}">'
        f'<dimension ref="{dimension}"/><sheetData>'
    ).encode()
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == 4096:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def inline_row(r: int, cells: dict[str, str]) -> str:
    """``<row>`` number ``r`` with inline-string cells at references such as ``A5``."""
    body = "".join(
        f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells.items()
    )
    return f'<row r="{r}">{body}</row>'


def dimension_bomb(base: bytes, part: str, last: dict[str, str]) -> bytes:
    """``base`` with its sheet ``part`` claiming the whole grid (``A1:XFD1048576``) and one
    more row, the sheet's millionth, holding ``last`` (column letter -> text): openpyxl's row
    reader pads every row to 16,384 columns and yields every row up to the last, 17 billion
    empty cells from a 10 KB file. The bundle itself stays valid."""
    (old,) = (e for e in members(base) if e.name == part)
    assert isinstance(old.data, bytes)
    xml = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', old.data)
    far = inline_row(1048576, {f"{col}1048576": text for col, text in last.items()})
    xml = xml.replace(b"</sheetData>", far.encode() + b"</sheetData>")
    assert b"XFD1048576" in xml and far.encode() in xml
    return replaced(base, **{part.replace("/", "__"): Entry(part, xml)})


def wide_row_bomb(base: bytes, part: str) -> bytes:
    """``base`` with a value in the last column (XFD, 16,384) of its sheet ``part``."""
    rows = [inline_row(1, {"A1": "id", "XFD1": "x"})]
    return replaced(base, **{part.replace("/", "__"): Entry(part, b"".join(sheet_xml(rows)))})


def shared_strings_bomb(base: bytes, count: int) -> bytes:
    """``base`` with a shared-strings table of ``count`` one-letter entries (18 bytes each
    unpacked, far less packed): 17 million of them unpack to 305 MB from about 0.3 MB."""

    def chunks() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{count}">'.encode()
        block = b"<si><t>a</t></si>" * 65536
        left = count
        while left > 0:
            take = min(left, 65536)
            yield block if take == 65536 else b"<si><t>a</t></si>" * take
            left -= take
        yield b"</sst>"

    entries = [e for e in members(base) if e.name != "xl/sharedStrings.xml"]
    entries.append(Entry("xl/sharedStrings.xml", chunks()))
    return write_zip(entries)


def with_dtd(base: bytes, part: str, kind: str) -> bytes:
    """``base`` with its ``part`` rewritten to declare a DTD: ``laughs`` (nested entities, a
    billion copies of "lol") or ``xxe`` (an external entity naming /etc/passwd)."""
    if kind == "laughs":
        defs = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        use = "&lol9;"
    else:
        defs, use = '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"
    rows = [inline_row(1, {"A1": "id", "B1": use})]
    head, *rest = sheet_xml(rows)
    declared = head.replace(b"<worksheet", f"<!DOCTYPE worksheet [{defs}]><worksheet".encode())
    return replaced(base, **{part.replace("/", "__"): Entry(part, declared + b"".join(rest))})


# -- measuring -----------------------------------------------------------------------------------
@dataclass
class Run:
    """A finished command: exit code, output, wall seconds and peak resident memory (MB)."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_bounded(
    args: list[str], *, memory_mb: int, seconds: float, env: dict[str, str] | None = None
) -> Run:
    """Run ``args`` with an address-space limit of ``memory_mb`` (``prlimit``), killed after
    ``seconds``. Its peak memory is the high-water mark of the program it runs (``VmHWM``,
    which starts again at ``exec``), read while it runs: ``wait4``'s ``ru_maxrss`` counts the
    test process's own size copied at ``fork``, over a gigabyte late in a CI run."""
    limit = memory_mb * 2**20
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with open(os.devnull, "rb") as stdin, _Capture() as out, _Capture() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            ["prlimit", f"--as={limit}", "--", *args],
            stdin=stdin,
            stdout=out.fh,
            stderr=err.fh,
            env=full_env,
        )
        deadline = start + seconds
        status, usage, peak_kb = 0, None, 0
        while time.monotonic() < deadline:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        else:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.monotonic() - start
    assert usage is not None
    return Run(proc.returncode, out.text, err.text, took, peak_kb / 1024)


def _high_water_kb(pid: int) -> int:
    """``VmHWM`` of a running process (kB); 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class _Capture:
    def __enter__(self) -> _Capture:
        import tempfile

        self.fh = tempfile.TemporaryFile()
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.seek(0)
        self.text = self.fh.read().decode("utf-8", "replace")
        self.fh.close()


def cli(*args: str) -> list[str]:
    """The ``chainatlas`` command line of this checkout."""
    return [sys.executable, "-m", "chainatlas", *args]


def peak_rss_mb() -> float:
    """The test process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the app under attack --------------------------------------------------------------------
@dataclass
class Polls:
    """What :func:`polling` saw: the status and seconds of every request it made."""

    statuses: list[int]
    seconds: list[float]

    def assert_answered(self, *, within: float, at_least: int = 3) -> None:
        """Every poll answered 200, none slower than ``within`` s, at least ``at_least`` made."""
        assert len(self.statuses) >= at_least, self
        assert set(self.statuses) == {200}, self
        assert max(self.seconds) < within, self


@contextmanager
def polling(base: str, path: str = "/api/health", *, every: float = 0.1) -> Iterator[Polls]:
    """GET ``base + path`` over and over in a thread while the block runs (another route, asked
    while an attack is under way): a request at least every ``every`` s, and one more at the
    end, so a route stalled by the attack shows as a slow answer. A first request, before the
    block, warms the connection and the server (it is not counted)."""
    polls = Polls([], [])
    stop = threading.Event()
    ready = threading.Event()

    def run() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            c.get(path)
            ready.set()
            done = False
            while not done:
                done = stop.is_set()  # the block ended: this request is the one more at the end
                start = time.monotonic()
                polls.statuses.append(c.get(path).status_code)
                polls.seconds.append(time.monotonic() - start)
                stop.wait(0 if done else every)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(60)
    try:
        yield polls
    finally:
        stop.set()
        thread.join(timeout=90)


@contextmanager
def heap_peak() -> Iterator[list[float]]:
    """The peak of Python allocations (MB) of this process, every thread (the server's too),
    during the block, traced by tracemalloc: ``[peak]`` once the block ends."""
    out: list[float] = []
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        yield out
    finally:
        out.append((tracemalloc.get_traced_memory()[1] - base) / 2**20)
        if started:
            tracemalloc.stop()


def upload(base: str, name: str, data: bytes, key: str, **params: str) -> httpx.Response:
    """POST ``data`` as the bundle file ``name`` to a served app."""
    with httpx.Client(base_url=base, timeout=300) as c:
        return c.post(
            "/api/bundles",
            headers={"X-API-Key": key},
            params=params,
            files={"file": (name, data, "application/octet-stream")},
        )


def zipped(files: Mapping[str, bytes | Iterable[bytes]]) -> bytes:
    """A zip of CSV files (name -> content, or chunks streamed through deflate)."""
    return write_zip(Entry(name, data) for name, data in files.items())


def good_files() -> dict[str, bytes]:
    """The good test bundle's CSV files, by name."""
    return {p.name: p.read_bytes() for p in sorted(GOOD.glob("*.csv"))}


def giant_cell(base: bytes, part: str, mb: int) -> bytes:
    """``base`` with one cell of ``mb`` MB of text in its sheet ``part`` (0.1 % of that packed):
    the XML parser holds it whole, several times over, before any cap can look at it."""
    head = b"".join(sheet_xml([inline_row(1, {"A1": "id"})]))
    tail = b"</sheetData></worksheet>"

    def chunks() -> Iterator[bytes]:
        yield head[: -len(tail)] + b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
        for _ in range(mb):
            yield b"a" * 2**20
        yield b"</t></is></c></row>" + tail

    return write_zip([*(e for e in members(base) if e.name != part), Entry(part, chunks())])
