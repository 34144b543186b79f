"""Queries that take every path of search on a generated map of 400 firms (seed 3): broad and
narrow, names, short names, pinyin, ids and codes, and nothing. Neo4j's probes and scan
(tests/graph/test_neo4j_search.py) and the embedded index (tests/graph/test_memory_search.py)
are both held to classifying every node on them."""

from __future__ import annotations

QUERIES = (
    "有限公司",  # in every name: the scan finds the first firms at once
    "材料有限公司",  # long, yet in many names: the probe of every match is full
    "上虞",  # starts many names: a dense prefix
    "新材",
    "化工",
    "染",
    "聚",  # starts short names: the prefix probe is full
    "股份",
    "shangyu",  # pinyin only: no name starts with it, the full classification answers
    "xin",
    "jd",
    "9133",  # the start of many credit codes
    "11",  # ends ids and codes: every probe is full
    "鑫",  # starts two short names: the prefix probe holds two firms of kind 3
    "e000",
    "e0001",  # an id
    "pps",
    "新源",  # starts one name and is inside five more (RENAMED): the scan skips the first
    "不存在",
)
