"""docs/api.md shows the client journeys (issue 17, item 6): each Python and TypeScript snippet
of its "Generated clients" section is copied, verbatim, from clients/python/journey.py or
clients/typescript/journey.ts, which CI runs (tests/api/test_python_client.py,
test_typescript_client.py); so the documentation runs too."""

from __future__ import annotations

import re

from tests.support import ROOT

JOURNEYS = {
    "python": ROOT / "clients" / "python" / "journey.py",
    "ts": ROOT / "clients" / "typescript" / "journey.ts",
}
SECTION = "### Generated clients"


def snippets(text: str) -> list[tuple[str, str]]:
    """(language, code) of each fenced block of the section of ``text`` named SECTION."""
    start = text.index(SECTION)
    end = text.find("\n### ", start + 1)
    section = text[start : end if end != -1 else None]
    return re.findall(r"^```(\w+)\n(.*?)^```$", section, flags=re.M | re.S)


def test_each_snippet_is_in_its_journey() -> None:
    found = snippets((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    code = {lang: path.read_text(encoding="utf-8") for lang, path in JOURNEYS.items()}
    shown = [(lang, block) for lang, block in found if lang in code]
    assert {lang for lang, _ in shown} == set(JOURNEYS)
    for lang, block in shown:
        assert block in code[lang], f"docs/api.md shows {lang} code its journey lacks:\n{block}"


def test_snippets_are_found_by_language() -> None:
    text = (
        "### Generated clients\n```python\nx = 1\n```\n```ts\nlet y;\n```\n"
        "### Next\n```ts\nz\n```\n"
    )
    assert snippets(text) == [("python", "x = 1\n"), ("ts", "let y;\n")]
