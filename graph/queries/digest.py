"""The change digest (变更摘要): what changed in the map between two days, for the committee.

It compares the ``as_of`` answers of the two days (``since`` and ``until``, both stores alike):

- **firms** in the map on ``until`` and not on ``since`` joined; the reverse left;
- **supply relations** holding on ``until`` and not on ``since`` started; the reverse ended;
- **gaps** (products firms in the map need and none makes) opened and closed;
- **single-source products** (one firm in the map makes it, another needs it) began and ended;
- **local-supply coverage** (本地配套率, :mod:`graph.queries.kpis`) of the cluster, every chain
  and every district on both days.

A capacity has no valid time (it is what the last load said), so **capacity changes** come
from the history instead: for each produces fact holding on both days, its capacity as the
change sets recorded it at the end of each day (later change sets rolled back through their
``before`` images; a day is a change set's UTC date), listed when it moved by at least
``capacity_threshold`` (a share of the old value, default 20 %). A store without change sets
reports none.

Each change is placed in a chain and a district (:class:`DigestItem`); ``groups`` counts them
per chain and per district beside the coverage. Items come in :data:`KINDS` order, then by id:
the same answer on both stores.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, cast

from chainatlas.graph.dated import DatedStore, on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.digest_answers import Digest, DigestGroup, DigestItem
from chainatlas.graph.queries.kpis import kpis
from chainatlas.graph.store import GraphStore

#: the share of its old value a capacity must move by to be listed
CAPACITY_THRESHOLD = 0.2
#: what a digest lists, in order, with its 中文 and English label
KINDS: dict[str, tuple[str, str]] = {
    "firm_joined": ("新进企业", "Firm joined"),
    "firm_left": ("退出企业", "Firm left"),
    "supply_started": ("新增供应关系", "Supply started"),
    "supply_ended": ("终止供应关系", "Supply ended"),
    "capacity_changed": ("产能变化", "Capacity changed"),
    "gap_opened": ("新出现的缺口", "Gap opened"),
    "gap_closed": ("补上的缺口", "Gap closed"),
    "single_source_began": ("成为单一来源", "Became single-source"),
    "single_source_ended": ("不再单一来源", "No longer single-source"),
}
_EMPTY = dict.fromkeys(
    (
        "name_en",
        "chain_id",
        "region_id",
        "supplier_id",
        "supplier_name",
        "buyer_id",
        "buyer_name",
        "product_id",
        "product_name",
        "old",
        "new",
        "unit",
    )
)


def digest(
    store: GraphStore,
    *,
    since: date,
    until: date | None = None,
    capacity_threshold: float = CAPACITY_THRESHOLD,
) -> Digest:
    """What changed from ``since`` to ``until`` (default today): the module docstring. A
    store seen on one day (:class:`~graph.dated.DatedStore`) is read whole: the digest
    chooses its days itself."""
    if isinstance(store, DatedStore):
        store = store.store
    end = until or date.today()
    if since > end:
        raise InvalidOption("since", f"since ({since}) must not be after until ({end})")
    if not 0 <= capacity_threshold <= 10:
        raise InvalidOption("capacity_threshold", "capacity_threshold must be within 0..10")
    firms = {n["id"]: n for n in store.nodes(Label.ENTERPRISE)}
    products = {n["id"]: n for n in store.nodes(Label.PRODUCT)}
    items: list[DigestItem] = []

    def add(kind: str, id: str, name: Any, **more: Any) -> None:
        zh, en = KINDS[kind]
        item = {**_EMPTY, "kind": kind, "label": zh, "label_en": en, "id": id, "name": name}
        items.append(cast(DigestItem, item | more))

    def firm(fid: str) -> dict[str, Any]:
        f = firms.get(fid, {})
        return {"chain_id": f.get("chain_id"), "region_id": f.get("region_id")}

    def product(pid: str) -> dict[str, Any]:
        p = products.get(pid, {})
        return {"product_id": pid, "product_name": p.get("name"), "chain_id": p.get("chain_id")}

    members = [{n["id"] for n in store.nodes(Label.ENTERPRISE, as_of=d)} for d in (since, end)]
    for kind, ids in (
        ("firm_joined", members[1] - members[0]),
        ("firm_left", members[0] - members[1]),
    ):
        for fid in sorted(ids):
            f = firms[fid]
            add(kind, fid, f.get("name", fid), name_en=f.get("name_en"), **firm(fid))
    trades = [
        {(e["source"], e["target"], e["key"]) for e in store.edges(Rel.SUPPLIES, as_of=d)}
        for d in (since, end)
    ]
    for kind, keys in (
        ("supply_started", trades[1] - trades[0]),
        ("supply_ended", trades[0] - trades[1]),
    ):
        for s, b, p in sorted(keys):
            add(
                kind,
                f"{s}|{b}|{p}",
                f"{_name(firms, s)} → {_name(firms, b)} · {_name(products, p)}",
                supplier_id=s,
                supplier_name=_name(firms, s),
                buyer_id=b,
                buyer_name=_name(firms, b),
                **(product(p) | firm(b)),
            )
    for (fid, pid), (old, new, unit) in _capacities(store, since, end, capacity_threshold):
        name = f"{_name(firms, fid)} · {_name(products, pid)}"
        more = product(pid) | firm(fid)
        add("capacity_changed", f"{fid}|{pid}", name, old=old, new=new, unit=unit, **more)
    gaps, single = zip(*(_risks(store, d) for d in (since, end)), strict=True)
    for kind, pids in (("gap_opened", gaps[1] - gaps[0]), ("gap_closed", gaps[0] - gaps[1])):
        for pid in sorted(pids):
            p = products[pid]
            add(kind, pid, p.get("name", pid), name_en=p.get("name_en"), **product(pid))
    for kind, now, then in (
        ("single_source_began", single[1], single[0]),
        ("single_source_ended", single[0], single[1]),
    ):
        for pid in sorted(set(now) - set(then)):
            p, maker = products[pid], now[pid]
            more = product(pid) | {"region_id": firm(maker)["region_id"]}
            add(
                kind,
                pid,
                p.get("name", pid),
                name_en=p.get("name_en"),
                supplier_id=maker,
                supplier_name=_name(firms, maker),
                **more,
            )
    order = list(KINDS)
    items.sort(key=lambda i: (order.index(i["kind"]), i["id"]))
    return {
        "since": since.isoformat(),
        "until": end.isoformat(),
        "capacity_threshold": capacity_threshold,
        "counts": {k: sum(1 for i in items if i["kind"] == k) for k in KINDS},
        "items": items,
        "groups": _groups(store, since, end, items),
    }


def _name(nodes: dict[str, dict[str, Any]], id: str) -> str:
    return str(nodes.get(id, {}).get("name") or id)


def _risks(store: GraphStore, day: date) -> tuple[set[str], dict[str, str]]:
    """Gaps (needed, made by no firm) and single-source products (made by one firm, needed by
    another) on ``day``, as :func:`graph.queries.risk.gaps` and ``single_source`` count them."""
    on = on_day(store, day)
    counts = on.product_counts()
    gaps = {c["product_id"] for c in counts if c["consumers"] and not c["producers"]}
    once = [c["product_id"] for c in counts if c["consumers"] and c["producers"] == 1]
    makers = {e["target"]: e["source"] for e in on.adjacent(Rel.PRODUCES, once, direction="in")}
    single = {
        e["target"]: makers[e["target"]]
        for e in on.adjacent(Rel.NEEDS, once, direction="in")
        if e["source"] != makers[e["target"]]
    }
    return gaps, single


def _capacities(
    store: GraphStore, since: date, until: date, threshold: float
) -> list[tuple[tuple[str, str], tuple[Any, Any, Any]]]:
    """Capacities of produces facts holding on both days that moved by ``threshold`` or more
    (module docstring), as ``((firm, product), (old, new, unit))`` sorted by key."""
    held = [
        {(e["source"], e["target"]): e["props"] for e in store.edges(Rel.PRODUCES, as_of=d)}
        for d in (since, until)
    ]
    now = {k: held[1][k] for k in held[0].keys() & held[1].keys()}
    value: dict[tuple[str, str], Any] = {k: p.get("capacity") for k, p in now.items()}
    at_until: dict[tuple[str, str], Any] | None = None
    for record in _later_change_sets(store, since):
        if at_until is None and record["at"][:10] <= until.isoformat():
            at_until = dict(value)
        for e in store.change_entries(record["id"]):
            key = tuple(e["key"])
            if e["table"] == "produces" and key in value:
                value[key] = (e["before"] or {}).get("capacity")
    ends = (value, dict(value) if at_until is None else at_until)
    out = []
    for key in sorted(now):
        old, new = ends[0][key], ends[1][key]
        if _moved(old, new, threshold):
            out.append((key, (old, new, now[key].get("unit"))))
    return out


def _later_change_sets(store: GraphStore, since: date) -> list[dict[str, Any]]:
    """The change sets recorded after the day ``since`` (UTC), newest first."""
    found: list[dict[str, Any]] = []
    while True:
        page = store.change_sets(limit=500, offset=len(found))
        fresh = [r for r in page if r["at"][:10] > since.isoformat()]
        found += fresh
        if len(fresh) < len(page) or len(page) < 500:
            return found


def _moved(old: Any, new: Any, threshold: float) -> bool:
    if not isinstance(old, int | float) or not isinstance(new, int | float) or old == new:
        return False
    return old == 0 or abs(new - old) / abs(old) >= threshold


def _groups(
    store: GraphStore, since: date, until: date, items: list[DigestItem]
) -> list[DigestGroup]:
    before: dict[tuple[str, str], dict[str, Any]] = {
        (r["scope"], r["id"]): r for r in kpis(store, as_of=since)["rows"]
    }
    out = []
    for row in kpis(store, as_of=until)["rows"]:
        scope, gid = row["scope"], row["id"]
        mine = [
            i
            for i in items
            if scope == "all"
            or (scope == "chain" and i["chain_id"] == gid)
            or (scope == "region" and i["region_id"] == gid)
        ]
        counted: Counter[str] = Counter(i["kind"] for i in mine)
        old = before.get((scope, gid), {})
        group = {
            "scope": scope,
            "id": gid,
            "name": row["name"],
            "name_en": row["name_en"],
            "coverage_before": old.get("coverage"),
            "coverage_after": row["coverage"],
        } | {k: counted.get(k, 0) for k in KINDS}
        out.append(cast(DigestGroup, group))
    return out


def kept_digest(
    cache: AnalyticsCache,
    store: GraphStore,
    *,
    since: date,
    until: date,
    capacity_threshold: float = CAPACITY_THRESHOLD,
) -> Digest:
    """:func:`digest`, kept per version of the graph in ``cache`` under its days and threshold:
    the changes route and page and the briefing share one entry. Keyed on the whole store
    (a view's too), which the digest reads whatever the view's day."""
    whole = store.store if isinstance(store, DatedStore) else store
    args = (since.isoformat(), until.isoformat(), capacity_threshold)
    return cache.get(
        whole,
        "digest",
        args,
        lambda: digest(whole, since=since, until=until, capacity_threshold=capacity_threshold),
    )
