"""docs/notebooks/analyst.ipynb runs from top to bottom, offline, with nbclient: an analyst's
session on the demo (open, search, paths, centrality, a DataFrame, networkx on the whole graph,
an inline view). Every cell must run; the cells assert what they show."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from tests.support import ROOT

NOTEBOOK = ROOT / "docs" / "notebooks" / "analyst.ipynb"


@pytest.mark.slow
def test_the_analyst_notebook_runs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit it clean"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    # the kernel gets this environment without NEO4J_*: the notebook opens the demo bundle
    client.execute(env=env)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert html[-1].startswith("<iframe srcdoc=")  # the last cell: the inline view
    assert sum("<table" in h for h in html) >= 5  # the DataFrames
