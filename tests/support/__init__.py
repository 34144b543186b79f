"""Helpers the test modules share (no test module imports another).

- :mod:`.reference`: the hand-checked reference network and its worked-out answers;
- :mod:`.networks`: larger and random networks built from it;
- :mod:`.bundles`: the good and bad bundles of ``tests/data`` and converters (xlsx, encodings);
- :mod:`.api`: settings, keys and a test client for the app;
- :mod:`.subgraphs`: hand-made subgraphs for the views, hostile names included;
- :mod:`.browser`: the app served on 127.0.0.1 and a headless Chromium page;
- :mod:`.launcher`: a Neo4j server of a test's own (the launcher in its own home folder).
"""

import socket
from pathlib import Path

#: the repository
ROOT = Path(__file__).resolve().parents[2]
#: the test bundles (good, bad) and the bad-input corpus
TEST_DATA = ROOT / "tests" / "data"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the system picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
