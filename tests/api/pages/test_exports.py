"""Assets are served from here, and the export makes a standalone file of what the reader
arranged (and refuses anything that is not a subgraph)."""

from __future__ import annotations

import pytest

from tests.support.api import TestClient
from tests.support.pages import problem, view_data


@pytest.mark.parametrize(
    "name,kind",
    [
        ("vis-network.min.js", "text/javascript"),
        ("atlas.css", "text/css"),
        ("map.js", "text/javascript"),
    ],
)
def test_assets_are_served_from_here(web: TestClient, name: str, kind: str) -> None:
    r = web.get(f"/view/assets/{name}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "immutable" in r.headers["cache-control"]


def test_an_unknown_asset_is_a_404_problem(web: TestClient) -> None:
    problem(web.get("/view/assets/secret.txt"), 404, "not-found")
    assert web.get("/view/assets/..%2Fviews.py").status_code == 404


def test_export_makes_a_standalone_file_of_what_the_reader_arranged(web: TestClient) -> None:
    view = web.get("/view/enterprises/E3?format=json").json()["view"]
    edges = [
        {
            "source": e["from"],
            "target": e["to"],
            "rel": e["rel"],
            "key": e["key"],
            "props": e["props"],
        }
        for e in view["edges"]
    ]
    body = {
        "title": ["丙化纤", "E3"],
        "graph": {"nodes": [n["data"] for n in view["nodes"]], "edges": edges},
        "positions": {"Enterprise:E3": [1.5, -2.5]},
        "lanes": [
            {
                "kind": "band",
                "key": "shangyu",
                "x": 0,
                "y": 0,
                "w": 10,
                "h": 10,
                "zh": "上虞",
                "en": "Shangyu",
                "colour": "#D55E00",
            }
        ],
        "dense": True,
    }
    r = web.post("/view/export", json=body)
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment;")
    data = view_data(r.text)
    e3 = next(n for n in data["nodes"] if n["id"] == "Enterprise:E3")
    assert (e3["x"], e3["y"]) == (1.5, -2.5)
    assert data["lanes"][0]["zh"] == "上虞" and data["meta"]["dense"] is True
    assert 'http-equiv="Content-Security-Policy"' in r.text


def test_export_refuses_what_is_not_a_subgraph(web: TestClient) -> None:
    problem(
        web.post("/view/export", json={"graph": {"nodes": "x", "edges": []}}), 422, "validation"
    )
    problem(
        web.post("/view/export", json={"graph": {"nodes": [], "edges": []}, "script": 1}),
        422,
        "validation",
    )
    lane = {
        "kind": "band",
        "key": "k",
        "x": 0,
        "y": 0,
        "w": 1,
        "h": 1,
        "zh": "",
        "en": "",
        "colour": "red;background:url(x)",
    }
    problem(
        web.post("/view/export", json={"graph": {"nodes": [], "edges": []}, "lanes": [lane]}),
        422,
        "validation",
    )
