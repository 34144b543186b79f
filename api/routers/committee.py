"""The committee's lists: 补链 (fill), 强链 (strengthen) and 延链 (extend) targets, and the
KPIs per chain and district (docs/committee.md explains every score); all four from one survey,
kept per version of the graph (graph/queries/committee_lists.py)."""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter, Depends

from chainatlas.api.auth import require_viewer
from chainatlas.api.deps import DEFAULT_LIMIT, Analytics, Limit, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.graph.queries.committee_answers import ExtendTargets, FillTargets, Kpis, Strengthen
from chainatlas.graph.queries.committee_lists import first, kept

router = APIRouter(tags=["committee"], dependencies=[Depends(require_viewer)])
ERRORS = openapi_responses(401, 403, 422, 503)


@router.get("/api/targets/fill", response_model=FillTargets, responses=ERRORS)
def fill(store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT) -> FillTargets:
    """补链: products local firms need that no local firm makes, ranked by buyers, demand and
    the chains they hold back, with known producers outside the cluster (招商 leads);
    ``needed_by`` names the first 50 buyers by id, ``buyers`` counts them all."""
    return cast(FillTargets, first(kept(cache, store), "fill", limit))


@router.get("/api/targets/strengthen", response_model=Strengthen, responses=ERRORS)
def strengthen_list(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT
) -> Strengthen:
    """强链: products and firms ranked by an explained supply-risk score (single source,
    dependence, centrality, capacity shortfall, outside dependency)."""
    return cast(Strengthen, first(kept(cache, store), "strengthen", limit))


@router.get("/api/targets/extend", response_model=ExtendTargets, responses=ERRORS)
def extend(store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT) -> ExtendTargets:
    """延链: products no local firm makes whose inputs are largely made locally, ranked by
    that share and by local downstream demand; ``downstream_firms`` names the first 50 by id,
    ``downstream`` counts them all."""
    return cast(ExtendTargets, first(kept(cache, store), "extend", limit))


@router.get("/api/kpis", response_model=Kpis, responses=ERRORS)
def kpi_table(store: StoreOnDay, cache: Analytics) -> Kpis:
    """KPIs of the whole cluster, each chain and each district: firms, collaborating firms,
    supplied products, local-supply coverage (本地配套率), gaps, single-source products and
    outside dependency."""
    return cast(Kpis, kept(cache, store)["kpis"])
