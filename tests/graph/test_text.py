"""Pinyin read word by word (graph/text.py ``_syllables``, cached per word) is pypinyin's
``lazy_pinyin`` of the whole run: on the demo's names, heteronyms in context, and any run of
Han characters. The readings a name is indexed under (``pinyin_readings``, built from each
word's cached pieces) are those spelled out from ``lazy_pinyin`` and ``pinyin`` directly."""

from __future__ import annotations

import csv
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin, pinyin

from chainatlas.graph import text as text_module
from chainatlas.graph.text import _is_han, _syllables, fold, pinyin_readings
from chainatlas.loaders.demo import demo_bundle_path

#: words read differently in context (行: xing / hang; 长: chang / zhang; 重: zhong / chong)
CONTEXT = [
    "重庆长安汽车股份有限公司",
    "中国银行行长",
    "长春应用化学研究所",
    "重量级增长",
    "浙江龙盛集团股份有限公司",
    "上虞区杭州湾经济技术开发区",
    "澜晟新材料",
    "乐清柳市镇",
    "㐀㐁化工",  # characters pypinyin has no reading for
]


def _han_runs(texts: list[str]) -> list[str]:
    return [
        "".join(run)
        for text in texts
        for han, run in itertools.groupby(fold(text), key=_is_han)
        if han
    ]


def _demo_names() -> list[str]:
    names: list[str] = []
    for table in ("enterprises", "products"):
        with (demo_bundle_path() / f"{table}.csv").open(encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                names += [row["name"], row.get("short_name") or ""]
    return [n for n in names if n]


def test_word_by_word_is_lazy_pinyin_of_the_whole_run() -> None:
    runs = _han_runs(_demo_names() + CONTEXT)
    assert len(runs) > 200
    for run in runs:
        assert _syllables(run) == lazy_pinyin(run), run


def test_heteronyms_keep_their_reading_in_context() -> None:
    assert _syllables("重庆") == ["chong", "qing"]
    assert _syllables("中国银行行长")[-2:] == ["hang", "zhang"]
    assert pinyin_readings("澜晟")[0] == ("lancheng", "lc")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=12))
def test_any_han_run_reads_as_lazy_pinyin(run: str) -> None:
    assert _syllables(run) == lazy_pinyin(run)


def _reference_readings(text: str) -> list[tuple[str, str]]:
    """pinyin_readings as its docstring says, from pypinyin alone: each run of Han read whole
    in context (``lazy_pinyin``), each character's other readings when the run reads one
    syllable per character, one key pair per other reading, duplicates dropped."""
    pieces: list[tuple[str, list[str], bool]] = []
    for han, run in itertools.groupby(fold(text), key=_is_han):
        chunk = "".join(run)
        if not han:
            pieces.append(("".join(c for c in chunk if c.isalnum()), [], False))
            continue
        said = lazy_pinyin(chunk)
        per_char = len(said) == len(chunk)
        for ch, s in zip(chunk, said, strict=False):
            every = pinyin(ch, style=Style.NORMAL, heteronym=True)[0] if per_char else []
            pieces.append((s, [r for r in dict.fromkeys(every) if r and r != s], True))

    def keys(said: list[str]) -> tuple[str, str]:
        firsts = [s[:1] if han else s for s, (_, _, han) in zip(said, pieces, strict=True)]
        return "".join(said), "".join(firsts)

    said = [s for s, _, _ in pieces]
    out = [keys(said)]
    for i, (_, others, _) in enumerate(pieces):
        out += [keys([*said[:i], o, *said[i + 1 :]]) for o in others]
    return list(dict.fromkeys(out))


def test_readings_are_those_of_pypinyin_read_directly() -> None:
    others = ["PPS树脂", "Ｐｐｓ（注塑级）", "行长长行 ABC-12 行长", "", "  "]
    texts = [*_demo_names(), *CONTEXT, *others]
    for text in texts:
        assert pinyin_readings(text) == _reference_readings(text), text
    assert pinyin_readings("澜晟") == [("lancheng", "lc"), ("lansheng", "ls"), ("lanjing", "lj")]


MIXED = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.sampled_from(
    list("ab1Ｚ 　-·㐀㐁𠀀行长重乐")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=14))
def test_any_name_reads_as_pypinyin_read_directly(text: str) -> None:
    assert pinyin_readings(text) == _reference_readings(text)


def test_a_run_not_read_one_syllable_per_character_has_no_other_readings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another pypinyin may keep an unknown character out of its syllables: then no syllable
    can be matched to its character, and the run gives its reading in context alone (行 of
    行长 has others, but which syllable is 行's is not known)."""
    real = text_module._word_syllables
    monkeypatch.setattr(text_module, "_word_syllables", lambda w: () if w == "㐂" else real(w))
    text_module._word_pieces.cache_clear()
    try:
        said = _syllables("㐂行长")
        assert len(said) == 2
        assert pinyin_readings("㐂行长") == [("".join(said), "".join(s[0] for s in said))]
    finally:
        text_module._word_pieces.cache_clear()
