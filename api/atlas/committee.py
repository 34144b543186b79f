"""The committee's lists and the map on the ground as :class:`~chainatlas.api.atlas.Atlas`
methods: the same parameters and answers as ``/api/targets/*``, ``/api/kpis`` and
``/api/geo``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from chainatlas.api.atlas.answer import Answer
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import StageName
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.committee_lists import first, kept
from chainatlas.graph.queries.geo import FLOW_LIMIT, MAX_FLOW_LIMIT, geo_collection
from chainatlas.graph.store import GraphStore

#: the longest list the committee's routes answer (api.deps.Limit)
MAX_LIST = 500


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIST:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIST}")
    return limit


class CommitteeQueries:
    """补链 / 强链 / 延链, KPIs and the geographic map (docs/committee.md, docs/geo.md)."""

    _day: Callable[[date | None], GraphStore]
    names: Callable[[], Mapping[str, str]]
    analytics: AnalyticsCache

    def _listed(self, data: Any, kind: str) -> Answer[Any]:
        return Answer(data, kind=kind, names=self.names())

    def _list(self, name: str, limit: int, as_of: date | None) -> Answer[Any]:
        """List ``name``'s first ``limit`` rows, cut from the committee's answers kept for
        this version and day (graph/queries/committee_lists.py)."""
        limit = _limit(limit)  # a bad limit is refused before any survey
        return self._listed(first(kept(self.analytics, self._day(as_of)), name, limit), name)

    def fill_targets(self, limit: int = 50, as_of: date | None = None) -> Answer[Any]:
        """补链: products local firms need that no local firm makes, with 招商 leads."""
        return self._list("fill", limit, as_of)

    def strengthen_targets(self, limit: int = 50, as_of: date | None = None) -> Answer[Any]:
        """强链: products and firms ranked by an explained supply-risk score."""
        return self._list("strengthen", limit, as_of)

    def extend_targets(self, limit: int = 50, as_of: date | None = None) -> Answer[Any]:
        """延链: products whose inputs are largely made locally but no local firm makes."""
        return self._list("extend", limit, as_of)

    def get_kpis(self, as_of: date | None = None) -> Answer[Any]:
        """KPIs of the cluster, each chain and each district."""
        return self._listed(kept(self.analytics, self._day(as_of))["kpis"], "kpis")

    def get_geo(
        self,
        chain: str | None = None,
        stage: str | None = None,
        region: str | None = None,
        product: str | None = None,
        flows: bool = False,
        flow_limit: int = FLOW_LIMIT,
        as_of: date | None = None,
    ) -> Answer[Any]:
        """The map on the ground as GeoJSON (docs/geo.md); ``to_pandas`` gives a row per
        feature."""
        if not 1 <= flow_limit <= MAX_FLOW_LIMIT:
            raise InvalidOption("flow_limit", f"flow_limit must be between 1 and {MAX_FLOW_LIMIT}")
        answer = geo_collection(
            self._day(as_of),
            chain=chain,
            stage=StageName(stage).stage.value if stage else None,
            region=region,
            product=product,
            flows=flows,
            flow_limit=flow_limit,
        )
        return self._listed(answer, "geo")
