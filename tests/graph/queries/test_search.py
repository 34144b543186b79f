"""search: what people type finds firms and products, ranked by how it matched.

Hand-worked on the reference network (tests/reference.py); scores per graph/queries/search.py:
exact id/code 100, exact name 90, name prefix 80, in the name 70, short/English name or alias
60, pinyin or initials 50, inside a code 40.
"""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.queries import search, search_page
from chainatlas.graph.store import GraphStore


def hits(store: GraphStore, q: str, **options: object) -> list[tuple[str, str, int]]:
    return [(r["id"], r["matched"], r["score"]) for r in search(store, q, **options)]  # type: ignore[arg-type]


def test_one_chinese_character_finds_names(ref_store: GraphStore) -> None:
    # 化 is in 甲石化 (E1), 乙化工 (E2), 丙化纤 (E3); no product name holds it
    assert hits(ref_store, "化") == [
        ("E1", "name_contains", 70),
        ("E2", "name_contains", 70),
        ("E3", "name_contains", 70),
    ]


def test_exact_id_beats_alias(ref_store: GraphStore) -> None:
    # "PTA" folds to "pta": the id of 精对苯二甲酸 (and its alias); exact code wins
    assert hits(ref_store, "PTA") == [("pta", "exact_code", 100)]


def test_kinds_of_match(ref_store: GraphStore) -> None:
    assert hits(ref_store, "乙二醇") == [("meg", "exact_name", 90)]
    assert hits(ref_store, "宁波") == [("E1", "name_prefix", 80), ("E2", "name_prefix", 80)]
    assert hits(ref_store, "glycol") == [("meg", "other_name", 60)]
    assert hits(ref_store, "jdbejs") == [("pta", "pinyin", 50)]  # initials of 精对苯二甲酸
    assert hits(ref_store, "bing") == [("E3", "pinyin", 50)]  # 丙 = bing
    assert hits(ref_store, "91330604MA2BD0003N") == [("E3", "exact_code", 100)]
    assert hits(ref_store, "25038-59-9") == [("pet", "exact_code", 100)]


def test_ranking_mixes_kinds_and_breaks_ties_on_label_then_id(ref_store: GraphStore) -> None:
    # 染: E5 印染 and E6 染料 (firms) before 分散染料 (a product), all "in the name"
    assert [(r["label"], r["id"]) for r in search(ref_store, "染")] == [
        ("Enterprise", "E5"),
        ("Enterprise", "E6"),
        ("Product", "dye"),
    ]
    # every credit code starts 9133: seven "inside a code" hits, by id; limit keeps the first
    assert [r["id"] for r in search(ref_store, "9133", limit=3)] == ["E1", "E2", "E3"]


def test_kinds_restrict_the_labels(ref_store: GraphStore) -> None:
    assert [r["id"] for r in search(ref_store, "染", kinds=["Product"])] == ["dye"]


def test_result_shape(ref_store: GraphStore) -> None:
    assert search(ref_store, "乙二醇")[0] == {
        "label": "Product",
        "id": "meg",
        "name": "乙二醇",
        "name_en": "Ethylene glycol",
        "matched": "exact_name",
        "score": 90,
    }


@pytest.mark.parametrize("bad", [{"q": ""}, {"q": "x", "limit": 0}, {"q": "x", "kinds": ["Chain"]}])
def test_bad_options(ref_store: GraphStore, bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        search(ref_store, **bad)  # type: ignore[arg-type]


def test_pps_initials_are_jblm() -> None:
    # 聚苯硫醚 = ju ben liu mi: initials jblm (DESIGN.md's "jbll" is a typo)
    store = MemoryStore()
    store.write_tables(
        {
            Table.PRODUCTS: [
                {
                    "id": "pps",
                    "name": "聚苯硫醚",
                    "name_en": "Polyphenylene sulfide",
                    "unit": "t",
                    "aliases": ["PPS树脂"],
                },
            ]
        }
    )
    assert hits(store, "jblm") == [("pps", "pinyin", 50)]
    assert hits(store, "jbll") == []
    assert hits(store, "硫") == [("pps", "name_contains", 70)]
    assert hits(store, "pps树脂") == [("pps", "other_name", 60)]


def test_every_reading_of_a_heteronym_is_found(store: GraphStore) -> None:
    # 晟 reads cheng, sheng or jing; pypinyin picks cheng in 澜晟, people type sheng
    store.write_tables(
        {
            Table.REGIONS: [{"id": "r0", "name": "上虞", "role": "core"}],
            Table.ENTERPRISES: [
                {
                    "id": "E0001",
                    "name": "浙江澜晟氟化工股份有限公司",
                    "short_name": "澜晟氟化",
                    "credit_code": "91330604038386068L",
                    "region_id": "r0",
                }
            ],
        }
    )
    for q in ("lansheng", "lancheng", "lsfh", "lcfh"):
        assert hits(store, q) == [("E0001", "pinyin", 50)], q
    # the properties keep the readings in context: only the search keys grow
    node = store.node(Label.ENTERPRISE, "E0001")
    assert (node["pinyin"], node["initials"]) == (
        "zhejianglanchengfuhuagonggufenyouxiangongsi lanchengfuhua",
        "zjlcfhggfyxgs lcfh",
    )
    assert hits(store, "lanshengfuhua") == [("E0001", "pinyin", 50)]


@pytest.mark.parametrize("q", ["9133", "染", "化", "p", "e", "zz"])
@pytest.mark.parametrize(
    "limit, offset", [(1, 0), (3, 0), (3, 2), (2, 5), (20, 0), (1, 6), (5, 99)]
)
def test_a_page_is_the_ranking_cut(ref_store: GraphStore, q: str, limit: int, offset: int) -> None:
    ranked = search(ref_store, q, limit=500)
    assert search_page(ref_store, q, limit=limit, offset=offset) == (
        len(ranked),
        ranked[offset : offset + limit],
    )
    firms = search(ref_store, q, kinds=["Enterprise"], limit=500)
    got = search_page(ref_store, q, kinds=iter(["Enterprise"]), limit=limit, offset=offset)
    assert got == (len(firms), firms[offset : offset + limit])


def test_only_a_full_page_is_counted(
    ref_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[int] = []
    count = ref_store.search_count

    def spy(q: str, **kw: Any) -> int:
        counted.append(n := count(q, **kw))
        return n

    monkeypatch.setattr(ref_store, "search_count", spy)
    # every credit code starts 9133: seven hits; a page of three is full, so the rest are
    # counted, not ranked; a page of twenty holds them all and counts nothing
    assert search_page(ref_store, "9133", limit=3) == (7, search(ref_store, "9133", limit=3))
    assert counted == [7]
    assert search_page(ref_store, "9133", limit=20)[0] == 7
    assert search_page(ref_store, "9133", limit=3, offset=5)[0] == 7  # ends past the last
    assert counted == [7]
    # a page that ends at the last hit cannot tell there is none after it
    assert search_page(ref_store, "9133", limit=3, offset=4)[0] == 7
    assert counted == [7, 7]


@pytest.mark.parametrize("cap", [1, 3, 500])
@pytest.mark.parametrize("labels", [[Label.ENTERPRISE, Label.PRODUCT], [Label.PRODUCT]])
def test_search_count_is_how_many_candidates(
    ref_store: GraphStore, cap: int, labels: list[Label]
) -> None:
    for q in ("9133", "染", "化", "p", "e", "zz", "PTA"):
        found = ref_store.search_candidates(q, labels=labels, cap=cap)
        assert ref_store.search_count(q, labels=labels, cap=cap) == len(found), q


@pytest.mark.parametrize("bad", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"q": ""}])
def test_bad_page_options(ref_store: GraphStore, bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        search_page(ref_store, **{"q": "x", **bad})
