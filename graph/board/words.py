"""Terms of a post's text for matching: Chinese word segmentation (jieba), not characters.

Character bigrams (the ``cjk`` analyzer of search boxes) make 氟化 match 化工 through 化; a
segmenter gives words that mean something (氟化, 工艺, 工程师). jieba ships its dictionary in
its wheel (no download); the products' names and aliases join it as a user dictionary, so
聚苯硫醚 and 四氟乙烯 stay whole. Terms are folded (NFKC, lower case); single characters, digits
and the words every post uses (招聘, 需求, 合作...) are left out.

>>> sorted(terms("招聘氟化工艺工程师2名，要求有四氟乙烯聚合经验", ["四氟乙烯"]))
['四氟乙烯', '工程师', '工艺', '氟化', '经验', '聚合']
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from chainatlas.graph.model import CoopKind
from chainatlas.graph.text import fold

#: words too common on a board to say two posts are about the same thing
STOPWORDS = frozenset(
    [
        *(k.value for k in CoopKind),
        "招聘",
        "需求",
        "需要",
        "寻求",
        "求购",
        "采购",
        "供应",
        "提供",
        "合作",
        "企业",
        "公司",
        "我们",
        "可以",
        "对外",
        "约",
        "年需",
        "左右",
        "以上",
        "以下",
        "以及",
        "用于",
        "要求",
        "优先",
        "相关",
        "进行",
        "开展",
        "其他",
        "一个",
        "集群",
        "园区",
        "长期",
        "开发",
        "计划",
        "希望",
        "了解",
        "共享",
        "发布",
        "对接",
        "方面",
    ]
)
_WORD = re.compile(r"[\w\-+.]{2,}")
_lock = threading.Lock()
_tokenizers: dict[tuple[str, ...], Any] = {}


def _tokenizer(vocabulary: tuple[str, ...]) -> Any:
    """A jieba tokenizer knowing ``vocabulary`` (built once per vocabulary)."""
    with _lock:
        found = _tokenizers.get(vocabulary)
        if found is None:
            with warnings.catch_warnings():  # jieba 0.42's regexes warn on new Pythons
                warnings.simplefilter("ignore")
                import jieba

            jieba.setLogLevel(logging.WARNING)
            found = jieba.Tokenizer()
            for word in vocabulary:
                found.add_word(word, freq=100_000)
            _tokenizers.clear()  # one vocabulary at a time: the store's products
            _tokenizers[vocabulary] = found
        return found


@lru_cache(maxsize=4096)
def _terms(text: str, vocabulary: tuple[str, ...]) -> frozenset[str]:
    words = _tokenizer(vocabulary).lcut(fold(text))
    return frozenset(
        w for w in words if _WORD.fullmatch(w) and not w.isdigit() and w not in STOPWORDS
    )


def terms(text: str | None, vocabulary: Iterable[str] = ()) -> frozenset[str]:
    """The words of ``text`` worth matching on (``vocabulary``: words to keep whole)."""
    if not text:
        return frozenset()
    vocab = tuple(sorted({fold(v) for v in vocabulary if v and len(v) > 1}))
    return _terms(text, vocab)
