"""Lists of firms and products filtered by region, chain and stage (the ``/api/enterprises``
and ``/api/products`` lists), without the derived keys and provenance of each node."""

from __future__ import annotations

from typing import Any

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, StageName
from chainatlas.graph.store import GraphStore

#: derived keys and provenance: in profiles and exports, not in list items
INTERNAL = frozenset(
    {"search_text", "pinyin", "initials", "source_bundle", "source_file", "source_row"}
)


def listed(
    store: GraphStore,
    label: Label,
    *,
    region: str | None = None,
    chain: str | None = None,
    stage: StageName | str | None = None,
) -> list[dict[str, Any]]:
    """The nodes of ``label`` matching every filter given, by id. An unknown region or chain
    id raises :class:`UnknownEntity` (naming it), never an empty list."""
    if region is not None:
        store.node(Label.REGION, region)
    if chain is not None:
        store.node(Label.CHAIN, chain)
    want = {"region_id": region, "chain_id": chain, "stage": _stage(stage)}
    want = {k: v for k, v in want.items() if v is not None}
    return [
        {k: v for k, v in n.items() if k not in INTERNAL}
        for n in store.nodes(label)
        if all(n.get(k) == v for k, v in want.items())
    ]


def _stage(stage: StageName | str | None) -> str | None:
    if stage is None:
        return None
    try:
        return StageName(stage).stage.value
    except ValueError:
        names = ", ".join(s.value for s in StageName)
        raise InvalidOption("stage", f"stage must be one of {names}") from None
