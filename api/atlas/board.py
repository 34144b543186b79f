"""The board of offers and needs as :class:`~chainatlas.api.atlas.Atlas` methods: the same
parameters and answers as ``/api/board/*`` (docs/board.md). A local atlas acts as staff
would (an editor): it sees contacts and may post for any firm. Writes on the embedded store
are saved where ``chainatlas load`` saves (the data directory) when the atlas was opened on
it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from chainatlas.graph.board.actions import accept_match, create_post, withdraw_post
from chainatlas.graph.board.committee import board_summary
from chainatlas.graph.board.matching import match_post
from chainatlas.graph.board.posts import get_post, list_posts
from chainatlas.graph.changes import edited
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import durable_path
from chainatlas.loaders.source import os_user


class BoardQueries:
    """Posts, matches, accepting and withdrawing (docs/board.md)."""

    store: GraphStore
    settings: Settings
    #: whether writes are saved to the data directory (an atlas opened on it)
    saves: bool = False

    def _saved(self, work: Callable[[GraphStore], Any]) -> Any:
        # one change set by the OS user, as a CLI load is (chainatlas history lists it)
        done = edited(self.store, work, author=os_user(), source="board")
        if self.saves:
            self.store.commit(durable_path(self.settings))
        return done

    def list_board_posts(
        self,
        kind: str | None = None,
        side: str | None = None,
        chain: str | None = None,
        region: str | None = None,
        status: str | None = None,
        product: str | None = None,
        text: str | None = None,
        limit: int = 50,
        offset: int = 0,
        as_of: date | None = None,
    ) -> dict[str, Any]:
        """Posts of the board, newest first, filtered as ``GET /api/board/posts``."""
        return list_posts(
            self.store,
            kind=kind,
            side=side,
            chain=chain,
            region=region,
            status=status,
            product=product,
            text=text,
            limit=limit,
            offset=offset,
            as_of=as_of or date.today(),
        )

    def get_board_post(self, post_id: str, as_of: date | None = None) -> dict[str, Any]:
        """One post with its status on ``as_of`` (today by default)."""
        return get_post(self.store, post_id, as_of=as_of or date.today())

    def board_matches(
        self, post_id: str, limit: int = 20, as_of: date | None = None
    ) -> dict[str, Any]:
        """Who answers a post, with scores and reasons (docs/board.md)."""
        return match_post(self.store, post_id, as_of=as_of, limit=limit)

    def board_committee(self, as_of: date | None = None) -> dict[str, Any]:
        """The committee's view: open needs per kind × chain × district, needs open over 30
        days with no accepted match, matches accepted this month."""
        return board_summary(self.store, today=as_of or date.today())

    def create_board_post(
        self,
        enterprise_id: str,
        side: str,
        kind: str,
        title: str,
        description: str | None = None,
        products: list[str] | None = None,
        chain_id: str | None = None,
        reach: str = "cluster",
        quantity: float | None = None,
        unit: str | None = None,
        valid_from: date | None = None,
        valid_until: date | None = None,
        contact_person: str | None = None,
        phone: str | None = None,
        email: str | None = None,
    ) -> dict[str, Any]:
        """Put an offer or a need on the board; :class:`~graph.errors.PostInvalid` names each
        invalid field and nothing is written."""
        body = {
            **dict(enterprise_id=enterprise_id, side=side, kind=kind, title=title),
            **dict(description=description, products=products or [], chain_id=chain_id),
            **dict(reach=reach, quantity=quantity, unit=unit),
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_until": valid_until.isoformat() if valid_until else None,
            **dict(contact_person=contact_person, phone=phone, email=email),
        }
        return self._saved(lambda s: create_post(s, body, today=date.today()))  # type: ignore[no-any-return]

    def accept_board_match(self, post_id: str, candidate: str) -> dict[str, Any]:
        """Accept ``candidate`` (a post or a firm) for ``post_id``: the COOPERATES fact."""
        return self._saved(lambda s: accept_match(s, post_id, candidate, today=date.today()))  # type: ignore[no-any-return]

    def withdraw_board_post(self, post_id: str, reason: str | None = None) -> dict[str, Any]:
        """Take an open post off the board."""
        return self._saved(lambda s: withdraw_post(s, post_id, reason=reason, today=date.today()))  # type: ignore[no-any-return]
