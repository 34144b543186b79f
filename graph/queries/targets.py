"""补链 and 延链 target lists: what to attract (fill a gap) and what to build (extend a chain).

Both rank products with a documented score in [0, 1] (docs/committee.md works them through on
the demo) and give each row its reasons in Chinese and English.

补链 (fill): a product local firms need that no local firm makes.

    score = 0.5 · buyers / max buyers
          + 0.3 · log10(1 + demand) / log10(1 + max demand) (same base unit; 0 when unknown)
          + 0.2 · chains blocked / chains in the map

``buyers``: local firms needing it; ``demand``: their annual demand; ``blocks``: the chains of
those firms; ``outside_producers``: firms outside the cluster known to make it (招商 leads).

延链 (extend): a product no local firm makes whose process route's inputs are *largely* made
locally (at least :data:`EXTEND_MIN_SHARE` of them).

    score = 0.6 · local input share + 0.4 · downstream demand / max downstream demand

``downstream``: the local firms needing the product or a product it is an input to.
Rows are ordered by ``(-score, product_id)``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.queries import window
from chainatlas.graph.queries.cluster import Survey, demand, share
from chainatlas.graph.queries.reasons import qty
from chainatlas.graph.store import GraphStore

MAX_LIMIT = 1_000
#: 延链: the least share of a product's inputs made locally
EXTEND_MIN_SHARE = 0.5
FILL_WEIGHTS = {"buyers": 0.5, "demand": 0.3, "chains": 0.2}
EXTEND_WEIGHTS = {"inputs": 0.6, "downstream": 0.4}


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")


def _page(rows: list[dict[str, Any]], member: str, limit: int) -> dict[str, Any]:
    rows.sort(key=lambda r: (-r["score"], r["product_id"]))
    for rank, r in enumerate(rows, 1):
        r["rank"] = rank
    return {member: rows[:limit], "total": len(rows)}


def _log_share(amount: float, top: float) -> float:
    """``amount`` against ``top`` on a log scale: demands span six orders of magnitude.

    >>> _log_share(99.0, 9999.0), _log_share(0.0, 0.0)
    (0.5, 0.0)
    """
    return math.log10(1 + amount) / math.log10(1 + top) if top > 0 else 0.0


def _reason(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def fill_targets(
    store: GraphStore, *, limit: int = 50, as_of: date | None = None, survey: Survey | None = None
) -> dict[str, Any]:
    """The 补链 list: ``{targets, total}``; each ``{rank, product_id, name, name_en, chain_id,
    stage, buyers, needed_by, demand_base, base_unit, blocks, outside_producers, score,
    reasons}`` (``needed_by``: the first :data:`.window.FIRMS_SHOWN` buyers' ids, ``buyers``
    counting them all; ``outside_producers`` firm ids)."""
    check_limit(limit)
    s = survey or Survey(store, as_of=as_of)
    gaps = [p for p in sorted(s.needs) if not s.local_makers(p)]
    amounts = {p: demand(s.needs[p]) for p in gaps}
    top: dict[str | None, float] = {}
    for amount, unit in amounts.values():
        top[unit] = max(top.get(unit, 0.0), amount)
    most = max((len(s.needs[p]) for p in gaps), default=0)
    rows = []
    for pid in gaps:
        buyers = sorted({e["source"] for e in s.needs[pid]})
        amount, unit = amounts[pid]
        blocks = sorted({c for b in buyers if (c := s.firms[b].get("chain_id"))})
        outside = sorted({e["source"] for e in s.outside_makers(pid)})
        parts = {
            "buyers": len(buyers) / most,
            "demand": _log_share(amount, top.get(unit, 0.0)) if unit is not None else 0.0,
            "chains": share(len(blocks), len(s.chains)) or 0.0,
        }
        score = round(sum(FILL_WEIGHTS[k] * v for k, v in parts.items()), 4)
        reasons = [
            _reason(
                f"{len(buyers)} 家本地企业需要，本地无企业生产",
                f"{len(buyers)} local firms need it; no local firm makes it",
            )
        ]
        if unit is not None:
            zh, en = qty(amount, unit)
            reasons.append(
                _reason(
                    f"年需求 {zh}，全部从外部购入", f"annual demand {en}, all bought from outside"
                )
            )
        if blocks:
            zh, en = s.chain_names(blocks)
            reasons.append(
                _reason(
                    f"影响 {len(blocks)} 条产业链：{zh}", f"holds back {len(blocks)} chain(s): {en}"
                )
            )
        reasons.append(
            _reason(
                f"已知外部生产企业 {len(outside)} 家，可作招商对象",
                f"{len(outside)} known producers outside the cluster to approach",
            )
            if outside
            else _reason("暂无已知外部生产企业", "no known producer outside the cluster yet")
        )
        row = s.name(pid) | {
            "buyers": len(buyers),
            "needed_by": buyers[: window.FIRMS_SHOWN],
            "demand_base": amount,
            "base_unit": unit,
            "blocks": blocks,
            "outside_producers": outside,
            "score": score,
            "parts": {k: round(v, 4) for k, v in parts.items()},
            "reasons": reasons,
        }
        rows.append({k: v for k, v in row.items() if v is not None})
    return _page(rows, "targets", limit)


def extend_targets(
    store: GraphStore, *, limit: int = 50, as_of: date | None = None, survey: Survey | None = None
) -> dict[str, Any]:
    """The 延链 list: ``{targets, total}``; each ``{rank, product_id, name, name_en, chain_id,
    stage, inputs, local_inputs, input_share, downstream, downstream_firms, score, reasons}``
    (``inputs`` and ``local_inputs`` product ids; ``downstream_firms`` the first
    :data:`.window.FIRMS_SHOWN` firms' ids, ``downstream`` counting them all)."""
    check_limit(limit)
    s = survey or Survey(store, as_of=as_of)
    made = {p for p in s.makers if s.local_makers(p)}
    found = []
    for pid in sorted(s.inputs):
        if pid in made:
            continue
        inputs = sorted(s.inputs[pid])
        local = [i for i in inputs if i in made]
        part = len(local) / len(inputs)
        if part < EXTEND_MIN_SHARE:
            continue
        down = {e["source"] for p in {pid, *s.outputs.get(pid, ())} for e in s.needs.get(p, [])}
        found.append((pid, inputs, local, part, sorted(down)))  # sorted: a list from here on
    most = max((len(f[4]) for f in found), default=0)
    rows = []
    for pid, inputs, local, part, firms in found:
        parts = {"inputs": part, "downstream": share(len(firms), most) or 0.0}
        score = round(sum(EXTEND_WEIGHTS[k] * v for k, v in parts.items()), 4)
        names = [s.products.get(i, {}).get("name") or i for i in local]
        reasons = [
            _reason(
                f"{len(local)}/{len(inputs)} 种原料本地有生产：{'、'.join(names)}",
                f"{len(local)} of {len(inputs)} inputs are made locally: {', '.join(local)}",
            ),
            _reason("本地尚无企业生产", "no local firm makes it yet"),
        ]
        if firms:
            reasons.append(
                _reason(
                    f"下游本地需求企业 {len(firms)} 家",
                    f"{len(firms)} local firms downstream need it or its products",
                )
            )
        rows.append(
            s.name(pid)
            | {
                "inputs": inputs,
                "local_inputs": local,
                "input_share": round(part, 4),
                "downstream": len(firms),
                "downstream_firms": firms[: window.FIRMS_SHOWN],
                "score": score,
                "parts": {k: round(v, 4) for k, v in parts.items()},
                "reasons": reasons,
            }
        )
    return _page(rows, "targets", limit)
