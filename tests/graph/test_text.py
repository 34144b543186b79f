"""Pinyin read word by word (graph/text.py ``_syllables``, cached per word) is pypinyin's
``lazy_pinyin`` of the whole run: on the demo's names, heteronyms in context, and any run of
Han characters."""

from __future__ import annotations

import csv
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

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
