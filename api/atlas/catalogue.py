"""Every query route of the HTTP API as a method: the route's name (its operation id), its
parameters with their defaults, its answer.

Each method does what its route does (the same query function, the same paging, ``as_of``
meaning today when it is ``None``) on the atlas's store, and returns the answer wrapped in an
:class:`~chainatlas.api.atlas.answer.Answer` of the kind its table and view know. The global
answers (figures, chains, gaps, single-source products, centrality, PageRank, communities)
are kept per version of the graph and day as the routes keep them: a second call, or a page
after the first, reads the kept answer instead of surveying a province again.
tests/api/atlas/test_coverage.py reads the OpenAPI document and fails when a query route has
no method here, or a parameter the method lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from chainatlas.api.atlas.answer import Answer, GraphAnswer
from chainatlas.api.schemas import Paged, page, paged, ranked_page, trade_page
from chainatlas.graph import queries as q
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label
from chainatlas.graph.queries import ahead
from chainatlas.graph.queries import answers as a
from chainatlas.graph.queries.answers_network import WeightedPaths
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.centrality import kept_centrality
from chainatlas.graph.queries.chains import chain_firm_list
from chainatlas.graph.queries.flows import weighted_paths
from chainatlas.graph.queries.listing import listed
from chainatlas.graph.queries.matching import Exclude
from chainatlas.graph.queries.network import Ties, kept_communities, kept_pagerank
from chainatlas.graph.queries.panorama_groups import ChainFirm, pick_firms
from chainatlas.graph.queries.search import SEARCHABLE, search_page
from chainatlas.graph.queries.window import DEFAULT_LIMIT as HUB_LIMIT
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import MAX_HOPS, GraphStore

MAX_PAGE = 500
Kind = Literal["enterprise", "product"]
Direction = Literal["upstream", "downstream"]


def _paging(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise InvalidOption("offset", "offset must be 0 or more")


class Catalogue:
    """The query methods; :class:`~chainatlas.api.atlas.Atlas` supplies the store."""

    store: GraphStore
    settings: Settings
    _day: Callable[[date | None], GraphStore]
    names: Callable[[], Mapping[str, str]]
    #: the global answers (figures, chains, gaps, single-source, the network's) kept per version
    #: of the graph and day, as a server's routes keep them (graph/queries/ahead.py)
    analytics: AnalyticsCache

    def _answer(self, data: Any, kind: str) -> Answer[Any]:
        return Answer(data, kind=kind, names=self.names())

    def _graph(self, data: Any, kind: str) -> GraphAnswer[Any]:
        return GraphAnswer(data, kind=kind, names=self.names())

    # -- figures, search, lists -----------------------------------------------------------
    def get_stats(self, as_of: date | None = None) -> Answer[dict[str, int]]:
        """Headline figures and counts of every node and edge kind."""
        return self._answer(ahead.kept_stats(self.analytics, self._day(as_of)), "stats")

    def search(
        self,
        q: str,
        kind: Sequence[Kind] | Kind | None = None,
        limit: int = 50,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Answer[Paged[a.SearchHit]]:
        """Firms and products matching ``q`` (name, alias, pinyin, initials, CAS, credit
        code), best first; ``kind`` ``enterprise`` and/or ``product``; firms in the map on
        ``as_of`` (default today)."""
        _paging(limit, offset)
        kinds = [kind] if isinstance(kind, str) else list(kind or [])
        labels = [Label(k.capitalize()) for k in kinds] if kinds else SEARCHABLE
        if not 1 <= len(q) <= 100:
            raise InvalidOption("q", "q must be 1 to 100 characters")
        store = self._day(as_of)
        total, hits = search_page(store, q, kinds=labels, limit=limit, offset=offset)
        return self._answer(paged(hits, total, limit, offset), "search")

    def list_enterprises(
        self,
        region: str | None = None,
        chain: str | None = None,
        stage: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Answer[Paged[dict[str, Any]]]:
        """Firms by id, filtered by region, chain and stage (上游/中游/下游 or English)."""
        _paging(limit, offset)
        found = listed(self.store, Label.ENTERPRISE, region=region, chain=chain, stage=stage)
        return self._answer(page(found, limit, offset), "entities")

    def list_products(
        self, chain: str | None = None, stage: str | None = None, limit: int = 50, offset: int = 0
    ) -> Answer[Paged[dict[str, Any]]]:
        """Products and materials by id, filtered by chain and stage."""
        _paging(limit, offset)
        found = listed(self.store, Label.PRODUCT, chain=chain, stage=stage)
        return self._answer(page(found, limit, offset), "entities")

    # -- firms and products ---------------------------------------------------------------
    def get_enterprise(
        self, id: str, as_of: date | None = None, limit: int | None = HUB_LIMIT, offset: int = 0
    ) -> GraphAnswer[a.EnterpriseProfile]:
        """A firm's profile (contacts included: the atlas's user holds the data); ``limit``
        and ``offset`` page a hub's suppliers and customers as the route does (None: all)."""
        day = self._day(as_of)
        profile = q.enterprise_profile(day, id, contacts=True, limit=limit, offset=offset)
        return self._graph(profile, "enterprise")

    def list_enterprise_suppliers(
        self, id: str, limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[Paged[dict[str, Any]]]:
        """Current suppliers: one item per (supplier, product)."""
        _paging(limit, offset)
        return self._answer(trade_page(self._day(as_of), id, "in", limit, offset), "trade")

    def list_enterprise_customers(
        self, id: str, limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[Paged[dict[str, Any]]]:
        """Current customers: one item per (customer, product)."""
        _paging(limit, offset)
        return self._answer(trade_page(self._day(as_of), id, "out", limit, offset), "trade")

    def enterprise_tiers(
        self,
        id: str,
        direction: Direction = "upstream",
        depth: int = 3,
        as_of: date | None = None,
        limit: int | None = HUB_LIMIT,
        offset: int = 0,
    ) -> GraphAnswer[a.Tiers]:
        """Tier 1..depth of a firm's suppliers (upstream) or customers (downstream); ``limit``
        and ``offset`` page the nodes as the route does (None: all)."""
        return self._tiers(Label.ENTERPRISE, id, direction, depth, as_of, (limit, offset))

    def _tiers(
        self,
        label: Label,
        id: str,
        direction: Direction,
        depth: int,
        as_of: date | None,
        window: tuple[int | None, int],
    ) -> GraphAnswer[a.Tiers]:
        (limit, offset), day = window, self._day(as_of)
        found = q.tiers(
            day, label, id, direction=direction, depth=depth, limit=limit, offset=offset
        )
        return self._graph(found, "tiers")

    def get_product(
        self, id: str, as_of: date | None = None, limit: int | None = HUB_LIMIT, offset: int = 0
    ) -> GraphAnswer[a.ProductProfile]:
        """A product's profile: producers, consumers (``limit`` and ``offset`` page them as
        the route does; ``None``: all), inputs, outputs."""
        found = q.product_profile(self._day(as_of), id, limit=limit, offset=offset)
        return self._graph(found, "product")

    def product_tiers(
        self,
        id: str,
        direction: Direction = "upstream",
        depth: int = 3,
        as_of: date | None = None,
        limit: int | None = HUB_LIMIT,
        offset: int = 0,
    ) -> GraphAnswer[a.Tiers]:
        """Tier 1..depth of a product's inputs (upstream) or outputs (downstream); ``limit``
        and ``offset`` page the nodes as the route does (None: all)."""
        return self._tiers(Label.PRODUCT, id, direction, depth, as_of, (limit, offset))

    # -- matchmaking ----------------------------------------------------------------------
    def match_suppliers(
        self,
        enterprise: str,
        product: str | None = None,
        region: str | None = None,
        exclude: Exclude | None = None,
        exclude_current: bool = False,
        limit: int = 20,
        offset: int = 0,
        as_of: date | None = None,
    ) -> GraphAnswer[a.Match]:
        """Ranked candidate suppliers for a firm's needs, with scores and reasons."""
        options = (product, region, exclude, exclude_current, limit, offset)
        return self._match(q.match_suppliers, enterprise, *options, as_of)

    def match_buyers(
        self,
        enterprise: str,
        product: str | None = None,
        region: str | None = None,
        exclude: Exclude | None = None,
        exclude_current: bool = False,
        limit: int = 20,
        offset: int = 0,
        as_of: date | None = None,
    ) -> GraphAnswer[a.Match]:
        """Ranked candidate buyers for what a firm makes."""
        options = (product, region, exclude, exclude_current, limit, offset)
        return self._match(q.match_buyers, enterprise, *options, as_of)

    def _match(
        self,
        query: Callable[..., a.Match],
        enterprise: str,
        product: str | None,
        region: str | None,
        exclude: Exclude | None,
        exclude_current: bool,
        limit: int,
        offset: int,
        as_of: date | None,
    ) -> GraphAnswer[a.Match]:
        found = query(
            self._day(as_of),
            enterprise,
            product_id=product,
            region=region,
            exclude=exclude,
            exclude_current=exclude_current,
            limit=_within(limit, 100, "limit"),
            offset=_offset(offset),
            weights=self.settings.match_weights,
        )
        return self._graph(found, "match")

    # -- paths ----------------------------------------------------------------------------
    def supply_paths(
        self, source: str, target: str, k: int = 5, max_hops: int = 4, as_of: date | None = None
    ) -> GraphAnswer[a.SupplyPaths]:
        """Up to ``k`` supply paths between two firms, shortest first."""
        found = q.supply_paths(self._day(as_of), source, target, k=k, max_hops=max_hops)
        return self._graph(found, "supply_paths")

    def weighted_paths(
        self, source: str, target: str, k: int = 5, max_hops: int = 4, as_of: date | None = None
    ) -> GraphAnswer[WeightedPaths]:
        """Up to ``k`` supply paths between two firms weighted by volume, heaviest first."""
        found = weighted_paths(self._day(as_of), source, target, k=k, max_hops=max_hops)
        return self._graph(found, "weighted_paths")

    def product_routes(
        self,
        source: str,
        target: str,
        k: int = 5,
        max_hops: int = MAX_HOPS,
        as_of: date | None = None,
    ) -> GraphAnswer[a.ProductRoutes]:
        """Up to ``k`` process routes from a material to a product, shortest first."""
        found = q.product_routes(self._day(as_of), source, target, k=k, max_hops=max_hops)
        return self._graph(found, "routes")

    # -- chains and risk ------------------------------------------------------------------
    def list_chains(
        self, limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[Paged[a.ChainSummary]]:
        """Every chain with its figures, by id."""
        _paging(limit, offset)
        chains = ahead.kept_chains(self.analytics, self._day(as_of))
        return self._answer(page(chains, limit, offset), "chains")

    def get_chain(self, id: str, as_of: date | None = None) -> GraphAnswer[a.ChainPanorama]:
        """A chain's panorama by stage and region."""
        return self._graph(ahead.kept_chain(self.analytics, self._day(as_of), id), "chain")

    def list_chain_firms(
        self,
        id: str,
        stage: str | None = None,
        region: str | None = None,
        limit: int = 50,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Answer[Paged[ChainFirm]]:
        """Every firm of a chain, busiest first (the detail of a grouped panorama)."""
        _paging(limit, offset)
        firms = pick_firms(chain_firm_list(self._day(as_of), id), stage, region)
        return self._answer(page(firms, limit, offset), "chain_firms")

    def list_gaps(
        self, limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[dict[str, Any]]:
        """Products firms need that no firm in the map makes (补链 targets)."""
        _paging(limit, offset)
        found = ahead.kept_gaps(self.analytics, self._day(as_of))
        return self._answer(ranked_page(found["gaps"], found["total"], limit, offset), "gaps")

    def list_single_sourced(
        self, limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[dict[str, Any]]:
        """Products with exactly one producer in the map that other firms need."""
        _paging(limit, offset)
        found = ahead.kept_single_source(self.analytics, self._day(as_of))
        ranked = ranked_page(found["products"], found["total"], limit, offset)
        return self._answer(ranked, "single_source")

    def impact(
        self,
        enterprise: str | None = None,
        product: str | None = None,
        max_tiers: int = 3,
        as_of: date | None = None,
        limit: int | None = HUB_LIMIT,
        offset: int = 0,
    ) -> GraphAnswer[a.Impact]:
        """What breaks, tier by tier, if ``enterprise`` stops or ``product`` is lost (one);
        ``limit`` and ``offset`` page the affected firms as the route does (None: all)."""
        if (enterprise is None) == (product is None):
            raise InvalidOption("enterprise", "give exactly one of enterprise and product")
        found = q.impact(
            self._day(as_of),
            enterprise_id=enterprise,
            product_id=product,
            max_tiers=max_tiers,
            limit=limit,
            offset=offset,
        )
        return self._graph(found, "impact")

    # -- analytics ------------------------------------------------------------------------
    def centrality(
        self,
        measure: Literal["degree", "betweenness"] = "betweenness",
        limit: int = 50,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Answer[dict[str, Any]]:
        """Firms by degree or betweenness centrality on the supply network."""
        _paging(limit, offset)
        found = kept_centrality(self.analytics, self._day(as_of), measure)
        ranked = ranked_page(found["items"], found["nodes"], limit, offset)
        return self._answer(ranked | {"measure": found["measure"]}, "centrality")

    def pagerank(
        self, ties: Ties = "all", limit: int = 50, offset: int = 0, as_of: date | None = None
    ) -> Answer[dict[str, Any]]:
        """Firms by PageRank over supply and cooperation ties."""
        _paging(limit, offset)
        found = kept_pagerank(self.analytics, self._day(as_of), ties)
        ranked = ranked_page(found["items"], found["nodes"], limit, offset)
        return self._answer(ranked | {"ties": found["ties"], "alpha": found["alpha"]}, "pagerank")

    def communities(
        self,
        ties: Ties = "all",
        resolution: float = 1.0,
        seed: int = 0,
        limit: int = 50,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Answer[dict[str, Any]]:
        """Communities of firms (Louvain, seeded) over supply and cooperation ties."""
        _paging(limit, offset)
        found = kept_communities(self.analytics, self._day(as_of), ties, resolution, seed)
        ranked = ranked_page(found["communities"], found["total"], limit, offset)
        extra = {k: found[k] for k in ("ties", "resolution", "seed", "modularity")}
        return self._answer(ranked | extra, "communities")

    def run_cypher(self, query: str, params: Mapping[str, Any] | None = None) -> Answer[Any]:
        """A read-only Cypher query (Neo4j store only; at most 1,000 rows, 10 seconds)."""
        found = self.store.run_cypher(query, dict(params or {}), timeout_s=10.0, row_cap=1_000)
        return self._answer(found, "cypher")


def _offset(offset: int) -> int:
    if offset < 0:
        raise InvalidOption("offset", "offset must be 0 or more")
    return offset


def _within(value: int, top: int, name: str) -> int:
    if not 1 <= value <= top:
        raise InvalidOption(name, f"{name} must be between 1 and {top}")
    return value
