"""Named Cypher statements from the ``cypher`` package, one statement per ``.cypher`` file.

Each file starts with ``//`` header lines: the first names the statement and says what it
does, and a ``// params:`` line lists its ``$parameters``. Statements are read once from the
installed package (so a wheel without them fails loudly) and cached.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from chainatlas.graph.errors import ConfigError

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")


@cache
def statement(name: str) -> str:
    """The text of ``cypher/<name>.cypher``."""
    path = resources.files("chainatlas.cypher").joinpath(f"{name}.cypher")
    if not path.is_file():
        raise ConfigError(f"no Cypher statement named {name!r} in the installed package")
    return path.read_text(encoding="utf-8")


def names(prefix: str = "") -> list[str]:
    """Names of every statement shipped, sorted, optionally only those starting with ``prefix``."""
    return sorted(
        p.name.removesuffix(".cypher")
        for p in resources.files("chainatlas.cypher").iterdir()
        if p.name.endswith(".cypher") and p.name.startswith(prefix)
    )


def parameters(name: str) -> frozenset[str]:
    """The ``$parameters`` a statement uses (comments and string literals ignored)."""
    body = "\n".join(
        line for line in statement(name).splitlines() if not line.lstrip().startswith("//")
    )
    return frozenset(_PARAM.findall(_STRING.sub("", body)))


def declared_parameters(name: str) -> frozenset[str]:
    """The parameters the header's ``// params:`` line declares."""
    for line in statement(name).splitlines():
        if line.startswith("// params:"):
            rest = line.removeprefix("// params:").strip()
            return frozenset(
                p.strip().lstrip("$") for p in rest.split(",") if p.strip() and rest != "none"
            )
    return frozenset()
