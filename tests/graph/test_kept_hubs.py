"""KeptHubs and Kept (graph/neo4j_hubs.py) on their own: what is kept is found only at its
version, within the budget, the least recently used going first; a hub's keys of a day, in
adjacency and in trade order, as graph/asof.py decides which hold."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from chainatlas.graph.asof import holds, member
from chainatlas.graph.neo4j_hubs import ALWAYS, NEVER, Days, Kept, Key, _days
from chainatlas.graph.neo4j_kept import AGE_AFTER, KeptAnswers, KeptHubs


def _keys(hub: str, n: int) -> list[Key]:
    return [(hub, f"B{i:02d}", "pet" if i % 2 else "yarn") for i in range(n)]


def _kept(version: str, keys: list[Key], member: Days = (ALWAYS, NEVER)) -> Kept:
    return Kept.read(version, keys, [(ALWAYS, NEVER)] * len(keys), member)


def test_kept_keys_are_found_at_their_version_only() -> None:
    kept: KeptHubs[Kept] = KeptHubs(100)
    assert kept.hubs("out", ["E3", "E7"]) == []
    kept.mark("out", "E3", 10)
    assert kept.hubs("out", ["E3", "E7"]) == ["E3"] and kept.hubs("in", ["E3"]) == []
    assert kept.get("v1", "out", "E3") is None  # marked, not yet kept
    kept.put("out", "E3", _kept("v1", _keys("E3", 10)))
    found = kept.get("v1", "out", "E3")
    assert found is not None and found.keys == _keys("E3", 10)
    assert kept.get("v2", "out", "E3") is None and kept.get("v1", "in", "E3") is None
    kept.put("out", "E3", _kept("v2", _keys("E3", 4)))  # read again at a new version
    assert kept.size == 4 and kept.get("v1", "out", "E3") is None


def test_past_the_budget_the_least_recently_used_go_first() -> None:
    kept: KeptHubs[Kept] = KeptHubs(25)
    kept.put("out", "A", _kept("v", _keys("A", 10)))
    kept.put("out", "B", _kept("v", _keys("B", 10)))
    assert kept.get("v", "out", "A") is not None  # A used after B
    kept.put("in", "C", _kept("v", _keys("C", 10)))
    assert kept.get("v", "out", "B") is None  # the least recently used
    assert kept.get("v", "out", "A") is not None and kept.get("v", "in", "C") is not None
    assert kept.size == 20
    kept.mark("out", "D", 26)
    alone = kept.put("out", "D", _kept("v", _keys("D", 26)))  # over the budget: not kept
    assert alone.keys == _keys("D", 26) and kept.get("v", "out", "D") is None
    assert kept.size == 20
    kept.mark("out", "D", 26)  # nor marked again: its reads go to the statements
    assert kept.hubs("out", ["A", "D"]) == []


def _reader(reads: list[list[str]]) -> Callable[[list[str]], Iterator[tuple[str, Kept]]]:
    def read(ids: list[str]) -> Iterator[tuple[str, Kept]]:
        reads.append(ids)
        return ((i, _kept("v", _keys(i, 10))) for i in ids)

    return read


def test_a_full_budget_admits_a_hub_asked_for_more_often_than_the_first_to_go() -> None:
    kept: KeptHubs[Kept] = KeptHubs(20)
    reads: list[list[str]] = []
    for hub in "ABC":
        kept.mark("out", hub, 10)
    # three hubs in turn, room for two: each read anew on every ask, were the last one kept
    for _ in range(3):
        for hub in "ABC":
            kept.take("v", "out", [hub], _reader(reads))
    assert reads == [["A"], ["B"]]  # C, asked as often as A (the first to go), stays out
    assert [h for h in "ABC" if kept.get("v", "out", h)] == ["A", "B"]
    for _ in range(2):  # C asked for more often than A: read, and A goes
        kept.take("v", "out", ["C"], _reader(reads))
    assert reads[2:] == [["C"]] and [h for h in "ABC" if kept.get("v", "out", h)] == ["B", "C"]
    # after a write every kept hub is of an older version: the first to go gives way
    assert kept.take("v2", "out", ["A"], _reader(reads)) and reads[-1] == ["A"]


def test_how_often_a_hub_was_asked_for_is_halved_now_and_then() -> None:
    kept: KeptHubs[Kept] = KeptHubs(10)
    reads: list[list[str]] = []
    kept.mark("out", "A", 10)
    kept.mark("out", "B", 10)
    for _ in range(AGE_AFTER * 2 - 1):  # 19 asks for A: halved once, at the 20th ask
        kept.take("v", "out", ["A"], _reader(reads))
    kept.take("v", "out", ["B"], _reader(reads))  # the 20th: A's 19 become 9, B's 1 becomes 0
    for _ in range(10):
        kept.take("v", "out", ["B"], _reader(reads))
    assert reads == [["A"]]  # B asked 9 times before its 10th, A 9 after halving: no more
    kept.take("v", "out", ["B"], _reader(reads))
    assert reads == [["A"], ["B"]]


def test_a_hub_s_trade_order_is_by_product_then_partner() -> None:
    kept = _kept("v", sorted(_keys("E3", 6)))
    assert [(k[2], k[1]) for k in kept.trade_on(None, 1)] == [
        ("pet", "B01"),
        ("pet", "B03"),
        ("pet", "B05"),
        ("yarn", "B00"),
        ("yarn", "B02"),
        ("yarn", "B04"),
    ]
    assert kept.trade_on(None, 1) is kept.trade_on(None, 1)  # sorted once
    bought = _kept("v", [("S1", "E7", "pta"), ("S2", "E7", "pta"), ("S0", "E7", "qta")])
    assert [k[0] for k in bought.trade_on(None, 0)] == ["S1", "S2", "S0"]


#: an edge's since/until and its other end's member_since/member_until, as bundles write them
DATES = [
    (None, None, None, None),
    (2021, None, None, None),
    (None, "2024-07-01", None, None),
    (2019, 2024, 2020, None),
    (None, None, "2023-03-01", "2025-01-01"),
    ("2022-06-30", 2026, None, 2025),
]
ON = ["1999-12-31", "2019", "2021-01-01", "2023-12-31", "2024-01-01", "2024-07-01", "2025-06-30"]


def test_a_day_s_keys_are_those_asof_says_hold() -> None:
    keys = [("E3", f"B{i}", "pet" if i % 2 else "yarn") for i in range(len(DATES))]
    days = [_days((s, ms), (u, mu)) for s, u, ms, mu in DATES]
    for hub_since, hub_until in [(None, None), (2020, None), (None, "2024-07-01")]:
        kept = Kept.read("v", keys, days, _days((hub_since,), (hub_until,)))
        hub = {"member_since": hub_since, "member_until": hub_until}
        for on in ON:
            want = [
                k
                for k, (s, u, ms, mu) in zip(keys, DATES, strict=True)
                if member(hub, on)
                and holds({"since": s, "until": u}, on)
                and member({"member_since": ms, "member_until": mu}, on)
            ]
            assert kept.keys_on(on) == want, on
            assert kept.trade_on(on, 1) == sorted(want, key=lambda k: (k[2], k[1]))
        assert kept.keys_on(None) == keys


def test_on_a_day_every_key_holds_the_keys_themselves_are_given() -> None:
    keys = _keys("E3", 4)  # B00 and B02 from 2019 on, B01 and B03 from 2020 until 2030
    days = [_days((2019,), ()), _days((2020,), (2030,))] * 2
    kept = Kept.read("v", keys, days, (ALWAYS, NEVER))
    assert kept.keys_on("2024-01-01") is keys and not kept.by_day  # no list made, none kept
    early = [f"2019-05-0{d}" for d in range(1, 7)]
    for on in [*early, "2031"]:
        assert [k[1] for k in kept.keys_on(on)] == ["B00", "B02"], on
    assert list(kept.by_day) == ["2019-05-04", "2019-05-05", "2019-05-06", "2031"]  # the last 4


def test_kept_answers_are_found_at_their_version_only_the_least_recently_used_go_first() -> None:
    kept: KeptAnswers[object] = KeptAnswers(6)
    kept.put("v1", "a", 1)  # weighs 1
    kept.put("v1", "b", ("x", "y"))  # 1 + 2 items
    assert kept.get("v1", "a") == 1 and kept.get("v2", "a") is None and kept.weight == 4
    kept.put("v1", "c", (1, 2))  # 3 more: 7 > 6, and "b" was used least recently
    assert (kept.get("v1", "b"), kept.get("v1", "a"), kept.get("v1", "c")) == (None, 1, (1, 2))
    kept.put("v2", "a", 4)  # read again at a new version: replaced, not added
    assert len(kept) == 2 and kept.weight == 4
    assert kept.get("v2", "a") == 4 and kept.get("v1", "a") is None
    kept.put("v2", "d", tuple(range(6)))  # weighs 7, more than the whole budget: not kept
    assert len(kept) == 2 and kept.get("v2", "d") is None
    nothing: KeptAnswers[int] = KeptAnswers(0)
    nothing.put("v1", "a", 1)
    assert len(nothing) == 0 and nothing.get("v1", "a") is None
