"""The store contract: one interface for writing and reading the graph, two implementations.

- :class:`graph.memory.MemoryStore` keeps the graph in networkx (the embedded default);
- :class:`graph.neo4j_store.Neo4jStore` runs the named statements of ``cypher/``.

Both pass one contract suite (``tests/test_store_contract.py``) answer for answer: plain
dicts and lists, ``None`` dropped from property maps, in the order each method documents.

Valid time (:mod:`graph.asof`): every read of facts takes ``as_of``, a date; with it a fact
counts only when it holds that day (``since <= as_of < until``), ``None`` keeps every fact.
A firm not in the map that day (:func:`graph.asof.membership`) is unknown to ``node``, left
out of every list, and a fact touching it does not count.
"""

from __future__ import annotations

from abc import abstractmethod
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from chainatlas.graph.errors import QueryRefused
from chainatlas.graph.model import EDGE_TABLES, Label, Rel, Row, Table
from chainatlas.graph.rows import maker_pages
from chainatlas.graph.shapes import MakersPage, Trade
from chainatlas.graph.store_changes import ChangeSetStore
from chainatlas.graph.store_counts import StoreCounts

DEFAULT_BATCH = 2_000

#: the most hops a supply path walks (cypher/supply_paths.cypher's literal: a test checks)
MAX_HOPS = 6
#: the most steps a process route walks (over products, not firms: the demo's longest is 11,
#: crude oil to garment); cypher/route_paths.cypher carries the same number
ROUTE_MAX_HOPS = 20
#: the most bytes of JSON rows an analyst's Cypher answer carries
ANSWER_BYTES = 4 * 2**20
#: the most candidates search_candidates returns unless asked for fewer
SEARCH_CAP = 200
#: relationship types stored as edge tables: what edges() and adjacent() accept
EDGE_RELS: tuple[Rel, ...] = tuple(rel for rel, _, _ in EDGE_TABLES.values())

Direction = Literal["out", "in"]


def batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of at most ``size``."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class GraphStore(ChangeSetStore, StoreCounts):
    """Writes are batched idempotent upserts; reads are the query catalogue (DESIGN.md §7)."""

    #: "memory" or "neo4j"
    kind: str

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    def ping(self) -> None:
        """Raise :class:`~graph.errors.StoreUnavailable` when the store cannot answer."""

    def warm(self) -> None:
        """Build now what the first reader would wait for (the embedded store's graph)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ------------------------------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create uniqueness constraints and indexes (idempotent); called before any write."""

    @abstractmethod
    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        """Create or update ``rows`` of ``table``, keyed by ``TABLE_KEYS``; return the count.

        Edge rows whose endpoints do not exist are skipped (loaders validate references first);
        writing the same rows twice leaves the graph as after the first time. ``prepared``: the
        rows come from ``graph.rows.prepare_rows`` already (a change set prepared them).
        """

    def insert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        """:meth:`upsert` of rows whose keys the store is known not to hold, which a store may
        write faster (Neo4j: CREATE, not MERGE): a row whose key exists would be duplicated."""
        return self.upsert(table, rows, batch_size=batch_size, prepared=prepared)

    def fact_digests(self, table: Table) -> set[int | None] | None:
        """The digests (:mod:`graph.digest`) of ``table``'s facts, so a load can skip the rows
        held already (``None`` in it: a fact without one); ``None`` when the store keeps none."""
        return None

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship (tests, and ``load --replace``)."""

    def write_tables(
        self, tables: Mapping[Table, Iterable[Row]], *, batch_size: int = DEFAULT_BATCH
    ) -> dict[str, int]:
        """Upsert every table in dependency order; return rows written per table."""
        self.ensure_schema()
        return {
            t.value: self.upsert(t, tables[t], batch_size=batch_size) for t in Table if t in tables
        }

    # -- loads -------------------------------------------------------------------------------
    def staging(self, *, empty: bool = False) -> GraphStore:
        """The store a load writes into (readers never see a load half-done; :meth:`commit` it
        after): Neo4j itself; the embedded store a copy of itself (empty with ``empty``)."""
        return self

    def commit(self, path: Path | None = None) -> bool:
        """Make a finished load durable; ``False`` when it is not (embedded, without ``path``)."""
        return True

    def load_receipt(self) -> Row | None:
        """What the last load left (:mod:`loaders.receipt`), or ``None`` (or a store keeps none)."""
        return None

    def save_load_receipt(self, receipt: Row) -> None:
        """Keep ``receipt`` in place of the last; not a graph write (the version stays)."""

    def reload(self, path: Path) -> GraphStore | None:
        """The graph another process saved at ``path`` since this store read it, else ``None``."""
        return None

    # -- change sets (graph/changes.py writes through these; graph/revert.py reads them) ----
    def atomic(self) -> AbstractContextManager[None]:
        """A block whose writes all happen or none do (Neo4j: one transaction)."""
        return nullcontext()

    def reading(self) -> AbstractContextManager[None]:
        """A block whose reads share one transaction (Neo4j: one BEGIN, one COMMIT)."""
        return nullcontext()

    # -- reads -------------------------------------------------------------------------------
    @abstractmethod
    def version(self) -> str:
        """An opaque token that changes with every write that may change the graph, and never
        comes back: what a cache of answers is keyed by (:mod:`graph.queries.cache`). The
        embedded store counts writes that changed a row; Neo4j bumps a version node in the
        transaction of every data write."""

    @abstractmethod
    def node(self, label: Label, id: str, *, as_of: date | None = None) -> dict[str, Any]:
        """The properties of one node; :class:`~graph.errors.UnknownEntity` if absent (or a
        firm not in the map on ``as_of``)."""

    @abstractmethod
    def neighbours(
        self,
        label: Label,
        id: str,
        *,
        as_of: date | None = None,
        rels: Collection[Rel] | None = None,
    ) -> list[dict[str, Any]]:
        """Every relationship of a node (of the types ``rels``, when given), each as
        ``{rel, direction, label, id, name, props}``, ordered by ``(rel, direction, label, id,
        key)``, ``key`` the discriminator (product of a SUPPLIES edge, kind of a COOPERATES
        edge, else "")."""

    def suppliers(self, enterprise_id: str, *, as_of: date | None = None) -> list[dict[str, Any]]:
        """Current suppliers of an enterprise, one per (supplier, product) SUPPLIES edge: ``{id,
        name, region_id, product_id, product_name, volume, unit, since}``, by (product_id, id)."""
        return self.trade(enterprise_id, "in", as_of=as_of)["items"]

    def customers(self, enterprise_id: str, *, as_of: date | None = None) -> list[dict[str, Any]]:
        """Current customers of an enterprise, shaped and ordered as :meth:`suppliers`."""
        return self.trade(enterprise_id, "out", as_of=as_of)["items"]

    @abstractmethod
    def trade(
        self,
        enterprise_id: str,
        direction: Direction,
        *,
        limit: int | None = None,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Trade:
        """``limit`` (``None``: all) from ``offset`` of a firm's suppliers (``direction``
        "in") or customers ("out") as :meth:`suppliers` gives them, ``total`` counting all,
        ``edges[i]`` the properties of ``items[i]``'s SUPPLIES edge as :meth:`neighbours` has
        them: a hub's page costs a page. :class:`~graph.errors.UnknownEntity` if unknown."""

    # -- primitives of the query catalogue (docs/queries.md) ---------------------------------
    @abstractmethod
    def search_candidates(
        self,
        q: str,
        *,
        labels: Sequence[Label] = (Label.ENTERPRISE, Label.PRODUCT),
        cap: int = SEARCH_CAP,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        """Enterprises and products whose ``search_text`` contains ``q`` (folded).

        Each is the node's :data:`~graph.rows.SEARCH_FIELDS` (``None`` dropped) plus
        ``label`` and ``match`` (a :class:`graph.text.MatchKind` value), ordered by
        ``(match, label, id)``, at most ``cap`` of them, so the cap keeps the best matches.
        ``ValueError`` for an empty query.
        """

    def search_count(
        self, q: str, *, labels: Sequence[Label], cap: int, as_of: date | None = None
    ) -> int:
        """How many candidates :meth:`search_candidates` gives with ``cap``: a search's size
        (at most ``cap``), none of them ranked or read."""
        return len(self.search_candidates(q, labels=labels, cap=cap, as_of=as_of))

    @abstractmethod
    def nodes(
        self,
        label: Label,
        ids: Iterable[str] | None = None,
        *,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        """Properties of every node of ``label`` (or of those with the given ids; unknown ids,
        and firms not in the map on ``as_of``, are skipped), ordered by id: all of them as
        :func:`~graph.rows.compact` gives them, or, given ``fields``, only ``id`` and those
        of ``fields`` the node has (:func:`~graph.rows.project`): a page drawing a subgraph
        shows five properties of a firm, whose whole row (search text, contacts,
        description) is many times that."""

    def firm_count(self, *, as_of: date | None = None) -> int:
        """How many firms are in the map on ``as_of`` (``stats``' ``enterprises``, without the
        other figures): the supply network's size, traders or not. Their ids, counted here."""
        return len(self.nodes(Label.ENTERPRISE, fields=(), as_of=as_of))

    @abstractmethod
    def edges(self, rel: Rel, *, as_of: date | None = None) -> list[dict[str, Any]]:
        """Every edge of an edge-table type (:data:`EDGE_RELS`) as ``{source, target, key,
        props}`` (ids of the endpoints, the discriminator as in :meth:`neighbours`, the
        relationship's properties), ordered by ``(source, target, key)``."""

    @abstractmethod
    def adjacent(
        self,
        rel: Rel,
        ids: Iterable[str],
        *,
        direction: Direction,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        """The edges of type ``rel`` leaving (``out``) or entering (``in``) the nodes with
        ``ids`` (their label follows from ``rel`` and ``direction``: ``NEEDS`` ``in``,
        products), shaped and ordered as :meth:`edges`; unknown ids are skipped. Given
        ``fields``, each edge's ``props`` only those it has (:func:`~graph.rows.edge_projection`:
        a survey reads three of a need's dozen). One round trip for a whole frontier."""

    def adjacent_keys(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[tuple[str, str, str]]:
        """``(source, target, key)`` of each edge :meth:`adjacent` answers, in its order: what
        a path search reads, without the property maps (a store may send less)."""
        found = self.adjacent(rel, ids, direction=direction, as_of=as_of)
        return [(e["source"], e["target"], e["key"]) for e in found]

    def degree(self, rel: Rel, ids: Iterable[str], *, direction: Direction) -> int:
        """How many ``rel`` edges leave (``out``) or enter (``in``) the nodes ``ids`` (each
        once), every day's: what :meth:`adjacent_keys` reads without ``as_of``, counted."""
        return len(self.adjacent_keys(rel, set(ids), direction=direction))

    @abstractmethod
    def shared_partners(
        self, ids: Iterable[str], among: Iterable[str], *, as_of: date | None = None
    ) -> dict[str, int]:
        """For each firm of ``among``, how many of the firms ``ids`` other than itself are its
        partners: at the other end of one of its edges to firms
        (:data:`~graph.model.PARTNER_RELS`), either direction (firms with none left out).
        Matchmaking's shared-partners part: a buyer's partners against a product's makers."""

    def supplier_counts(
        self, pairs: Iterable[tuple[str, str]], *, as_of: date | None = None
    ) -> dict[tuple[str, str], int]:
        """How many distinct firms supply each ``(buyer, product)`` of ``pairs`` (none: left
        out): whether a buyer lost every supplier of a product, without reading them all."""
        wanted, sellers = set(pairs), defaultdict(set)
        buyers = {b for b, _ in wanted}
        for s, b, p in self.adjacent_keys(Rel.SUPPLIES, buyers, direction="in", as_of=as_of):
            if (b, p) in wanted:
                sellers[b, p].add(s)
        return {pair: len(found) for pair, found in sellers.items()}

    @abstractmethod
    def supplies_of(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        """The SUPPLIES edges carrying any of the products, shaped and ordered as
        :meth:`edges`: who trades a product with whom."""

    @abstractmethod
    def chain_members(
        self, chain_id: str, *, fields: Iterable[str] | None = None, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        """Properties (given ``fields``, a :func:`~graph.rows.projection`) and ``label`` of each
        firm and product in a chain by ``(label, id)``; UnknownEntity for an unknown chain."""

    @abstractmethod
    def producers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        """Firms producing any of the products: ``{product_id, id, name, region_id,
        chain_id, stage, scale, amount, unit, amount_base, base_unit}`` (capacity; ``None``
        dropped), ordered by ``(product_id, id)``; unknown product ids give nothing."""

    @abstractmethod
    def consumers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        """Firms needing any of the products, shaped and ordered as :meth:`producers`
        (``amount`` is the annual demand)."""

    def producer_pages(
        self,
        product_ids: Iterable[str],
        *,
        exclude: str | None = None,
        limit: int | None = None,
        as_of: date | None = None,
    ) -> dict[str, MakersPage]:
        """For each of the products made by some firm other than ``exclude``: how many make it
        (``total``) and the first ``limit`` by id (``None``: all) as ``{id, name, region_id}``,
        what a profile lists of a need's makers. From :meth:`producers` here; a store may read
        less (a province's common material has hundreds of makers; a profile shows 3 fields)."""
        return maker_pages(self.producers(product_ids, as_of=as_of), exclude, limit)

    @abstractmethod
    def product_counts(self, *, as_of: date | None = None) -> list[dict[str, Any]]:
        """``{product_id, producers, consumers}`` for every product: how many firms produce
        and need it, ordered by product id (gaps and single-source products start here)."""

    @abstractmethod
    def supply_paths(
        self, source: str, target: str, *, max_hops: int, limit: int, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        """Simple paths from firm ``source`` to firm ``target`` along SUPPLIES, of at most
        ``max_hops`` hops: ``{nodes: [firm ids], products: [product id of each hop]}``.

        Two SUPPLIES edges of one pair carrying different products make different paths.
        Ordered by ``(length, nodes, products)``, the first ``limit``; ``[]`` when there is
        none; :class:`~graph.errors.UnknownEntity` for an unknown firm.
        """

    @abstractmethod
    def route_paths(
        self, source: str, target: str, *, max_hops: int, limit: int
    ) -> list[dict[str, Any]]:
        """Simple paths from product ``source`` to product ``target`` along INPUT_TO of at
        most ``max_hops`` (up to :data:`ROUTE_MAX_HOPS`) steps: ``{nodes: [product ids]}``,
        ordered by ``(length, nodes)``, the first ``limit``."""

    def run_cypher(
        self,
        text: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_s: float = 10.0,
        row_cap: int = 1_000,
        byte_cap: int = ANSWER_BYTES,
    ) -> dict[str, Any]:
        """An analyst's read-only Cypher query: ``{columns, rows, truncated}`` (``truncated``
        when ``row_cap`` rows or ``byte_cap`` bytes of JSON cut it).

        Only the Neo4j store runs Cypher; the others refuse with
        :class:`~graph.errors.QueryRefused`.
        """
        raise QueryRefused("analyst Cypher needs the Neo4j store")
