"""Region editors: an ``editor@<region>`` key changes only its region (docs/security.md).

The rule, for one fact (a row of a bundle, an entry of a change set being reverted, a board
write, an edit from a page):

- an unscoped caller (any key without ``@region``) is not limited here: its role decides;
- a fact touching no firm (products, chains, regions, parks, process routes) is shared by
  every region: a region editor may not change it;
- a firm row passes when the firm is in the editor's region; a relation (supply,
  cooperation) passes when **either** end is; produces, needs and posts when their firm is.
  "In the region" is the firm's stored ``region_id`` now (:mod:`graph.scopes`);
- a firm being created in, or moved into, a region passes only when that region is the
  editor's too (``regions``): a move needs both the firm's current region and its new one.

Anything else answers 403 ``out-of-scope``, naming the firms and the editor's region.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chainatlas.api.auth import Principal
from chainatlas.api.problems import Problem
from chainatlas.graph.scopes import firm_regions, outside
from chainatlas.graph.store import GraphStore

#: how many failing facts a 403 lists (the count says how many there were)
SHOWN = 20


def scope_failure(
    region: str,
    known: Mapping[str, str | None],
    firm_ids: Iterable[str],
    regions: Iterable[str | None] = (),
) -> str | None:
    """Why one fact fails ``region``'s rule (``known``: firm → stored region), or None when
    it passes. Pure: the bundle check runs it row by row on one read of the store.

    >>> known = {"E1": "shangyu", "E2": "keqiao"}
    >>> scope_failure("shangyu", known, ["E2", "E1"]) is None
    True
    >>> scope_failure("shangyu", known, ["E2"])
    'firm E2 is not in region shangyu'
    >>> scope_failure("shangyu", known, ["E1"], ["keqiao"])
    'region keqiao is not shangyu'
    >>> scope_failure("shangyu", known, [])
    'a shared table (no firm): products, chains, regions, parks and process routes'
    """
    ids = sorted(set(firm_ids))
    if not ids:
        return "a shared table (no firm): products, chains, regions, parks and process routes"
    moved = sorted({str(r) for r in regions if r != region})
    if moved:
        return f"region {', '.join(moved)} is not {region}"
    new = ids if regions else ()
    out = outside(known, region, ids, new)
    if len(out) == len(ids):
        return f"firm {', '.join(out)} is not in region {region}"
    return None


def out_of_scope(caller: Principal, what: str, failures: Sequence[Any], **members: Any) -> Problem:
    """The 403 answer for ``failures`` of a region editor (the first :data:`SHOWN` listed)."""
    more = f" (and {len(failures) - SHOWN} more)" if len(failures) > SHOWN else ""
    return Problem(
        "out-of-scope",
        f"The key is an editor of region {caller.region} only: {what}{more}.",
        region=caller.region,
        **members,
    )


def require_scope(
    principal: Principal,
    store: GraphStore,
    firm_ids: Iterable[str],
    *,
    regions: Iterable[str | None] = (),
) -> None:
    """Let ``principal`` change one fact touching ``firm_ids`` (and creating or moving a firm
    into ``regions``), or raise 403 ``out-of-scope``. A no-op for callers without a region."""
    region = principal.region
    if region is None:
        return
    ids = sorted(set(firm_ids))
    wanted = list(regions)
    reason = scope_failure(region, firm_regions(store, ids), ids, wanted)
    if reason is not None:
        raise out_of_scope(principal, reason, [reason], firms=ids)
