"""The committee's view of the board: open needs per kind × chain × district, needs open longer
than 30 days with no accepted match, and matches accepted this month (docs/board.md).

Read from the posts as they stand on ``today`` (graph.board.posts), so both stores agree."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from chainatlas.graph.asof import day
from chainatlas.graph.board.posts import all_posts, firm_index
from chainatlas.graph.store import GraphStore

#: a need open longer than this, with no accepted match, is called out
STALE_DAYS = 30


def board_summary(store: GraphStore, *, today: date) -> dict[str, Any]:
    """``{open_needs: [{kind, chain_id, region_id, count}], stale_needs: [post],
    accepted_this_month: [post]}``, each list in a fixed order (counts by key; posts by
    ``valid_from`` then id; accepted by ``accepted_at`` then id)."""
    posts = all_posts(store, today)
    firms = firm_index(store, (p["enterprise_id"] for p in posts))
    needs = [p for p in posts if p["side"] == "need" and p["status"] == "open"]
    cells = Counter(
        (
            p["kind"],
            p.get("chain_id") or "",
            firms.get(p["enterprise_id"], {}).get("region_id") or "",
        )
        for p in needs
    )
    cutoff = (today - timedelta(days=STALE_DAYS)).isoformat()
    stale = [p for p in needs if day(p.get("valid_from") or today.isoformat()) < cutoff]
    stale.sort(key=lambda p: (day(p.get("valid_from") or ""), p["id"]))
    month = today.isoformat()[:7]
    accepted = [
        p
        for p in posts
        if p["side"] == "need" and str(p.get("accepted_at") or "").startswith(month)
    ]
    accepted.sort(key=lambda p: (str(p["accepted_at"]), p["id"]))
    return {
        "open_needs": [
            {"kind": k, "chain_id": c or None, "region_id": r or None, "count": n}
            for (k, c, r), n in sorted(cells.items())
        ],
        "stale_needs": stale,
        "accepted_this_month": accepted,
    }
