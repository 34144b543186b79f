"""A generated bundle of 10,000 firms (~100,000 supply edges) loads into Neo4j within CI time
and gives the same figures as the embedded store. Timings live in bench/, not here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chainatlas.api.atlas import Atlas
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries import chain_panorama
from chainatlas.graph.queries.panorama_groups import PANORAMA_BUDGET
from chainatlas.loaders import read_bundle, write_bundle
from chainatlas.loaders.generate import generate_bundle

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


@pytest.fixture(scope="module")
def bundle_10k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "g10k"
    generate_bundle(path, enterprises=10_000, seed=7)
    return path


def test_10k_bundle_loads_into_neo4j_like_memory(bundle_10k: Path, neo4j_store: Neo4jStore) -> None:
    bundle = read_bundle(bundle_10k)
    memory = MemoryStore()
    write_bundle(memory, bundle)
    write_bundle(neo4j_store, bundle)
    stats = neo4j_store.stats()
    assert stats == memory.stats()
    assert (stats["enterprises"], stats["supply_edges"]) == (10_000, 100_000)
    # a province-sized chain answers groups, the same on both stores (issue 13)
    grouped = chain_panorama(neo4j_store, "polymer")
    assert grouped.get("aggregated") is True and grouped == chain_panorama(memory, "polymer")
    assert sum(s.get("firm_count", 0) for s in grouped["stages"]) > PANORAMA_BUDGET
    # its export is every firm of the chain, not the groups a picture shows, on both stores
    members = {f["id"] for f in memory.nodes(Label.ENTERPRISE) if f.get("chain_id") == "polymer"}
    files = [Atlas(s).export_graph("json", "chain", "polymer") for s in (memory, neo4j_store)]
    assert files[0] == files[1]
    exported = json.loads(files[0])["nodes"]
    assert {n["entity_id"] for n in exported if n["kind"] == "Enterprise"} == members
