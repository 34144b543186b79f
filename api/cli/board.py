"""``chainatlas board list|show|add|matches|accept|withdraw``: the board of offers and needs
(docs/board.md), answering as ``/api/board/*`` does (``--json``) or as lines of text. The CLI
acts as staff would (an editor): it may post for any firm; writes to the embedded store are
saved in the data directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt, emit_json
from chainatlas.api.cli.output import PageOpt, atlas_for, day
from chainatlas.graph.errors import PostConflict, PostInvalid

board_app = typer.Typer(help="供需看板 The board of offers and needs.", no_args_is_help=True)
Opt = typer.Option


@contextmanager
def _board(data: Path | None) -> Iterator[Atlas]:
    with atlas_for(data) as atlas:
        atlas.saves = data is None
        try:
            yield atlas
        except PostInvalid as e:
            raise typer.BadParameter(str(e)) from None
        except PostConflict as e:
            typer.echo(f"conflict: {e} (status: {e.status})", err=True)
            raise typer.Exit(1) from None


def _line(p: dict[str, Any]) -> str:
    side = "供" if p["side"] == "offer" else "需"
    return f"{p['id']}  {side}{p['kind']}  {p['status']:<9} {p['enterprise_id']}  {p['title']}"


@board_app.command("list")
def list_cmd(
    kind: Annotated[str | None, Opt("--kind", help="信息/技术/人才/资金/产品/产能/设备")] = None,
    side: Annotated[str | None, Opt("--side", help="offer or need")] = None,
    chain: Annotated[str | None, Opt("--chain", help="Chain id.")] = None,
    region: Annotated[str | None, Opt("--region", help="The posting firm's district.")] = None,
    status: Annotated[str | None, Opt("--status", help="open/matched/withdrawn/expired")] = None,
    product: Annotated[str | None, Opt("--product", help="Product id.")] = None,
    text: Annotated[str | None, Opt("--text", help="Words of the title or text.")] = None,
    limit: PageOpt = 50,
    offset: Annotated[int, Opt("--offset", min=0, help="Posts to skip.")] = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Posts on the board, newest first."""
    with _board(data) as atlas:
        page = atlas.list_board_posts(
            kind, side, chain, region, status, product, text, limit, offset, day(as_of)
        )
    if json_out:
        emit_json(page)
        return
    typer.echo(f"供需看板 Board ({page['total']})")
    for p in page["items"]:
        typer.echo(_line(p))


@board_app.command("show")
def show(
    post_id: Annotated[str, typer.Argument(help="Post id.")],
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """One post."""
    with _board(data) as atlas:
        post = atlas.get_board_post(post_id, day(as_of))
    if json_out:
        emit_json(post)
        return
    typer.echo(_line(post))
    typer.echo(post.get("description") or "")


@board_app.command("add")
def add(
    enterprise_id: Annotated[str, Opt("--enterprise-id", help="The posting firm.")],
    side: Annotated[str, Opt("--side", help="offer or need")],
    kind: Annotated[str, Opt("--kind", help="信息/技术/人才/资金/产品/产能/设备")],
    title: Annotated[str, Opt("--title", help="标题 (at most 120 characters).")],
    description: Annotated[str | None, Opt("--description", help="描述.")] = None,
    products: Annotated[list[str] | None, Opt("--products", help="Product id (repeat).")] = None,
    chain_id: Annotated[str | None, Opt("--chain-id", help="Chain (default: the firm's).")] = None,
    reach: Annotated[str, Opt("--reach", help="district/cluster/any")] = "cluster",
    quantity: Annotated[float | None, Opt("--quantity", help="A positive number.")] = None,
    unit: Annotated[str | None, Opt("--unit", help="Of the quantity.")] = None,
    valid_from: Annotated[datetime | None, Opt("--valid-from", formats=["%Y-%m-%d"])] = None,
    valid_until: Annotated[datetime | None, Opt("--valid-until", formats=["%Y-%m-%d"])] = None,
    contact_person: Annotated[str | None, Opt("--contact-person")] = None,
    phone: Annotated[str | None, Opt("--phone")] = None,
    email: Annotated[str | None, Opt("--email")] = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Put an offer or a need on the board (staff entering a request taken by phone)."""
    qty = int(quantity) if quantity is not None and quantity.is_integer() else quantity
    with _board(data) as atlas:
        post = atlas.create_board_post(
            enterprise_id,
            side,
            kind,
            title,
            description,
            products,
            chain_id,
            reach,
            qty,
            unit,
            day(valid_from),
            day(valid_until),
            contact_person,
            phone,
            email,
        )
    emit_json(post) if json_out else typer.echo(_line(post))


@board_app.command("matches")
def matches(
    post_id: Annotated[str, typer.Argument(help="Post id.")],
    limit: PageOpt = 20,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Who answers a post, best first, with reasons."""
    with _board(data) as atlas:
        answer = atlas.board_matches(post_id, limit, day(as_of))
    if json_out:
        emit_json(answer)
        return
    typer.echo(_line(answer["post"]))
    for c in answer["candidates"]:
        via = f" ← {c['post_id']}" if c.get("post_id") else ""
        typer.echo(f"  {c['score']:>6.2f}  {c['enterprise_id']} {c['name']}{via}")
        for r in c["reasons"]:
            typer.echo(f"          · {r['zh']} / {r['en']}")


@board_app.command("accept")
def accept(
    post_id: Annotated[str, typer.Argument(help="Post id.")],
    candidate: Annotated[str, Opt("--candidate", help="A post answering it, or a firm id.")],
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Accept a match: a COOPERATES fact of the post's kind from today."""
    with _board(data) as atlas:
        done = atlas.accept_board_match(post_id, candidate)
    if json_out:
        emit_json(done)
        return
    c = done["cooperation"]
    typer.echo(f"{c['from_id']} —{c['kind']}→ {c['to_id']} since {c['since']}")


@board_app.command("withdraw")
def withdraw(
    post_id: Annotated[str, typer.Argument(help="Post id.")],
    reason: Annotated[str | None, Opt("--reason", help="Why (moderation).")] = None,
    json_out: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Take an open post off the board."""
    with _board(data) as atlas:
        post = atlas.withdraw_board_post(post_id, reason)
    emit_json(post) if json_out else typer.echo(_line(post))
