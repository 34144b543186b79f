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

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from chainatlas.api.auth import Principal
from chainatlas.api.problems import Problem
from chainatlas.graph.model import TABLE_KEYS, Row, Table
from chainatlas.graph.revert import reverted_facts
from chainatlas.graph.scopes import changed_rows, firm_regions, firms_touched, outside
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.diff import Scope

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
    >>> scope_failure("shangyu", known, ["E2", "E9"])
    'none of firms E2, E9 is in region shangyu'
    >>> scope_failure("shangyu", known, ["E1"], ["keqiao"])
    'region keqiao is not shangyu'
    >>> scope_failure("shangyu", known, ["E2"], ["shangyu"])  # moving a firm in
    'firm E2 is not in region shangyu'
    >>> scope_failure("shangyu", known, ["E9"], ["shangyu"]) is None  # creating one
    True
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
    if len(out) == len(ids) == 1:
        return f"firm {out[0]} is not in region {region}"
    if len(out) == len(ids):
        return f"none of firms {', '.join(out)} is in region {region}"
    return None


def out_of_scope(caller: Principal, what: str, **members: Any) -> Problem:
    """The 403 answer to a region editor (``what``: the first facts that fail, and why)."""
    return Problem(
        "out-of-scope",
        f"The key is an editor of region {caller.region} only: {what}.",
        region=caller.region,
        **members,
    )


def _listed(failures: Sequence[dict[str, Any]], where: Callable[[dict[str, Any]], str]) -> str:
    """The first three failures as ``where (reason)``, and how many more there are."""
    shown = "; ".join(f"{where(f)} ({f['reason']})" for f in failures[:3])
    return shown + (f"; and {len(failures) - 3} more" if len(failures) > 3 else "")


def require_scope(
    principal: Principal,
    store: GraphStore,
    firm_ids: Iterable[str],
    *,
    regions: Iterable[str | None] = (),
) -> None:
    """Let ``principal`` change one fact touching ``firm_ids`` (and creating or moving a firm
    into ``regions``), or raise 403 ``out-of-scope``. A no-op for callers without a region.

    How an edit calls it: a firm ``[id]`` (with ``regions=[its region]`` when the edit sets
    or creates one: a move then needs both regions to be the editor's); a supply or a
    cooperation ``[a, b]``; produces, needs or a post ``[firm]``; a product, chain, region,
    park or process route ``[]`` (always 403 for a region editor). Call it on the store the
    write goes to, under the write lock."""
    region = principal.region
    if region is None:
        return
    ids = sorted(set(firm_ids))
    wanted = list(regions)
    reason = scope_failure(region, firm_regions(store, ids), ids, wanted)
    if reason is not None:
        raise out_of_scope(principal, reason, firms=ids)


def require_load_authority(principal: Principal, scope: Scope | None) -> None:
    """403 ``out-of-scope`` when a region editor's load would be authoritative beyond its
    region (checked before the bundle is read: who may ask comes before what is sent)."""
    region = principal.region
    if region is not None and scope is not None and (scope.kind, scope.value) != ("region", region):
        raise out_of_scope(
            principal,
            f"a load may be authoritative only for scope region={region}, not {scope}",
            rows=[],
            total=0,
        )


def require_load_scope(
    principal: Principal,
    store: GraphStore,
    tables: Mapping[Table, Sequence[Row]],
    scope: Scope | None,
) -> None:
    """Let ``principal`` load a bundle's ``tables`` into ``store`` (authoritative for
    ``scope``), or raise 403 ``out-of-scope`` naming the first failing rows by file:row.

    A region editor's load may be authoritative only for its own region (``region=ID``: it
    ends only facts touching the region's firms, which the rule lets it change). Of the
    bundle, the rows the load would write (new, or saying something else than the stored
    fact) must each pass :func:`scope_failure`; rows equal to the stored facts change nothing
    and pass, so a whole exported bundle with the region's rows edited loads."""
    region = principal.region
    if region is None:
        return
    require_load_authority(principal, scope)
    changed = {t: changed_rows(store, t, tables.get(t, [])) for t in Table}
    known = firm_regions(
        store, {f for t, rows in changed.items() for r in rows for f in firms_touched(t, r)}
    )
    for row in changed[Table.ENTERPRISES]:
        known.setdefault(str(row["id"]), row.get("region_id"))  # a firm the load creates
    failures = []
    for table, rows in changed.items():
        for row in rows:
            moved = [row.get("region_id")] if table is Table.ENTERPRISES else []
            firms = firms_touched(table, row)
            reason = scope_failure(region, known, firms, moved)
            if reason is not None:
                failures.append(
                    {
                        "file": row.get("source_file") or f"{table.value}.csv",
                        "row": row.get("source_row"),
                        "table": table.value,
                        "firms": sorted(firms),
                        "reason": reason,
                    }
                )
    if failures:
        raise out_of_scope(
            principal,
            "the bundle changes " + _listed(failures, lambda f: f"{f['file']}:{f['row']}"),
            rows=failures[:SHOWN],
            total=len(failures),
        )


def require_revert_scope(principal: Principal, store: GraphStore, change_id: int) -> None:
    """Let ``principal`` revert change set ``change_id``, or raise 403 ``out-of-scope`` when any
    fact it would put back, change or remove fails the rule (a firm it would move back into
    another region, a shared table's row, a relation touching none of the region's firms)."""
    region = principal.region
    if region is None:
        return
    store.change_set(change_id)  # 404 for an unknown change set, as for any caller
    facts = reverted_facts(store, change_id)
    firms_of = {}
    for table, key, before, now in facts:
        named = dict(zip(TABLE_KEYS[table], key, strict=True))
        firms_of[(table, key)] = firms_touched(table, {**(now or {}), **(before or {}), **named})
    known = firm_regions(store, {f for fs in firms_of.values() for f in fs})
    failures = []
    for table, key, before, _ in facts:
        moved = [before.get("region_id")] if table is Table.ENTERPRISES and before else []
        reason = scope_failure(region, known, firms_of[(table, key)], moved)
        if reason is not None:
            failures.append({"table": table.value, "key": list(key), "reason": reason})
    if failures:
        raise out_of_scope(
            principal,
            f"change set {change_id} touches " + _listed(failures, _fact),
            facts=failures[:SHOWN],
            total=len(failures),
        )


def _fact(failure: dict[str, Any]) -> str:
    """A fact of a revert's 403 by its table and key: ``supplies E1/E3/pta``."""
    return f"{failure['table']} {'/'.join(map(str, failure['key']))}"
