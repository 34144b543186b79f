"""A short journey through the ChainAtlas API with the client openapi-python-client generates
from docs/openapi.json: what a procurement system does first. CI generates the client, checks
this file and the client with ``mypy --strict``, and runs it against a live server
(tests/api/test_python_client.py).

Usage: ``python journey.py BASE_URL VIEWER_KEY EDITOR_KEY BUNDLE_ZIP`` (the generated package
``chainatlas_client`` on the path). Prints one line per step; exits non-zero on the first
answer that is not what the document promised.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chainatlas_client import AuthenticatedClient
from chainatlas_client.api.bundles import upload_bundle
from chainatlas_client.api.enterprises import get_enterprise, list_enterprise_suppliers
from chainatlas_client.api.health import get_health, get_stats
from chainatlas_client.api.match import match_suppliers
from chainatlas_client.api.paths import supply_paths
from chainatlas_client.api.risk import impact
from chainatlas_client.api.search import search
from chainatlas_client.models import (
    EnterpriseProfile,
    Health,
    Impact,
    LoadResult,
    Match,
    ProblemDetails,
    SearchHitPage,
    Stats,
    SupplyPaths,
    TradeRowPage,
    UploadBundleBody,
    ValidationProblem,
)
from chainatlas_client.types import File

PROBLEMS = "https://chainatlas.dev/problems/"


def step(name: str, ok: bool) -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if not ok:
        raise SystemExit(1)


def read(base_url: str, key: str) -> None:
    with AuthenticatedClient(base_url=base_url, token=key) as api:
        health = get_health.sync(client=api)
        step("health", isinstance(health, Health) and health.status == "ok")
        stats = get_stats.sync(client=api)
        step("stats", isinstance(stats, Stats) and stats.enterprises > 0)
        hits = search.sync(client=api, q="化纤")
        step("search", isinstance(hits, SearchHitPage) and hits.total > 0)
        firm = get_enterprise.sync(client=api, id="E3")
        step("get_enterprise", isinstance(firm, EnterpriseProfile) and firm.enterprise.id == "E3")
        suppliers = list_enterprise_suppliers.sync(client=api, id="E3", limit=10)
        step("suppliers", isinstance(suppliers, TradeRowPage) and len(suppliers.items) > 0)
        match = match_suppliers.sync(client=api, enterprise="E5", limit=5)
        step("match_suppliers", isinstance(match, Match) and len(match.candidates) > 0)
        paths = supply_paths.sync(client=api, source="E1", target="E5")
        step("supply_paths", isinstance(paths, SupplyPaths) and paths.paths[0].nodes[0] == "E1")
        removed = impact.sync(client=api, enterprise="E1")
        step(
            "impact",
            isinstance(removed, Impact)
            and removed.removed.id == "E1"
            and any(a.tier == 1 for a in removed.affected),
        )
        # errors come back typed, not as None
        missing = get_enterprise.sync(client=api, id="E9")
        step(
            "unknown firm is a typed ProblemDetails",
            isinstance(missing, ProblemDetails) and missing.type_ == PROBLEMS + "unknown-entity",
        )
        invalid = supply_paths.sync(client=api, source="E1", target="E5", k=0)
        step(
            "invalid parameter lists its field",
            isinstance(invalid, ValidationProblem) and invalid.errors[0].name == "k",
        )


def load(base_url: str, key: str, bundle: Path) -> None:
    with AuthenticatedClient(base_url=base_url, token=key) as api, bundle.open("rb") as fh:
        body = UploadBundleBody(file=File(payload=fh, file_name=bundle.name))
        loaded = upload_bundle.sync(client=api, body=body, dry_run=True)
        step("upload_bundle (dry run)", isinstance(loaded, LoadResult) and loaded.total > 0)


def main(argv: list[str]) -> None:
    base_url, viewer, editor, bundle = argv
    read(base_url, viewer)
    load(base_url, editor, Path(bundle))
    print("journey complete")


if __name__ == "__main__":
    main(sys.argv[1:])
