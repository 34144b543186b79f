"""Answer tables (graph/tables): columns chosen per answer kind, typed, names beside ids; the
Cypher rows keep the query's own columns with types found from the values."""

from __future__ import annotations

from chainatlas.graph.tables import TABLES, tabulate


def test_cypher_rows_keep_their_columns_and_types() -> None:
    answer = {
        "columns": ["id", "n", "share", "tags"],
        "rows": [["E1", 2, 0.5, ["a"]], ["E2", 3, 1, None]],
        "truncated": False,
    }
    table = tabulate("cypher", answer)
    assert table.types == {"id": "object", "n": "Int64", "share": "Float64", "tags": "object"}
    assert table.rows[1] == {"id": "E2", "n": 3, "share": 1}
    frame = table.frame()
    assert frame["n"].tolist() == [2, 3] and str(frame["share"].dtype) == "Float64"


def test_an_empty_answer_is_an_empty_table_with_its_columns() -> None:
    for kind in ("gaps", "communities", "supply_paths", "routes", "impact", "chain"):
        table = tabulate(kind, {})
        assert table.rows == [] and table.columns and table.frame().empty


def test_names_come_from_the_answer_graph_then_the_caller() -> None:
    answer = {
        "products": [
            {
                "product_id": "dye",
                "name": "分散染料",
                "producer": {"label": "Enterprise", "id": "E6", "name": "己染料"},
                "consumers": 2,
                "consumer_ids": ["E5", "E9"],
                "demand_base": 800,
            }
        ]
    }
    row = tabulate("single_source", answer, {"Enterprise:E5": "戊印染"}).rows[0]
    assert (row["producer_name"], row["consumer_names"]) == ("己染料", "戊印染; E9")
    assert set(TABLES) >= {"single_source", "pagerank", "weighted_paths", "cypher"}


def test_formula_like_names_stay_text_in_csv() -> None:
    answer = {"items": [{"label": "Enterprise", "id": "E1", "name": "=HYPERLINK(1)", "score": 3}]}
    text = tabulate("search", answer).csv().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
