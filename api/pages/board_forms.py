"""The board's forms as the pages post them: text fields in, the API's body out
(:class:`api.board_schemas.BoardPostIn`), with each problem under the field it belongs to."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chainatlas.api.board_schemas import BoardPostIn
from chainatlas.graph.errors import PostConflict

#: the statuses a 409 names, in the page's two languages
STATUS_WORDS = {
    "withdrawn": ("已撤回", "withdrawn"),
    "expired": ("已过期", "expired"),
    "matched": ("已与其他方撮合", "matched to another"),
    "foreign": ("不对应此帖", "not an answer to this post"),
    "open": ("开放", "open"),
}


class PostFields(BaseModel):
    """The post form's fields, all text as a browser sends them."""

    model_config = ConfigDict(extra="ignore")

    enterprise_id: str = Field(default="", max_length=64)
    side: str = Field(default="need", max_length=16)
    kind: str = Field(default="", max_length=16)
    title: str = Field(default="", max_length=400)
    description: str = Field(default="", max_length=4000)
    products: str = Field(default="", max_length=1000)
    chain_id: str = Field(default="", max_length=64)
    reach: str = Field(default="cluster", max_length=16)
    quantity: str = Field(default="", max_length=32)
    unit: str = Field(default="", max_length=40)
    valid_from: str = Field(default="", max_length=10)
    valid_until: str = Field(default="", max_length=10)
    contact_person: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=200)


PostForm = Annotated[PostFields, Form()]


def post_values(shown: dict[str, str]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The API body for the form's text, or the problems by field (as the API names them)."""
    body: dict[str, Any] = {k: v.strip() or None for k, v in shown.items()}
    body["title"] = shown["title"]
    body["products"] = [p for p in shown["products"].replace("，", ",").split(",") if p.strip()]
    body["products"] = [p.strip() for p in body["products"]]
    try:
        checked = BoardPostIn.model_validate({k: v for k, v in body.items() if v is not None})
    except ValidationError as e:
        errors: dict[str, list[str]] = {}
        for problem in e.errors():
            field = ".".join(str(p) for p in problem["loc"][:1]) or "form"
            errors.setdefault(field, []).append(problem["msg"])
        return None, errors
    values = checked.model_dump(mode="json")
    if values["quantity"] is not None and float(values["quantity"]).is_integer():
        values["quantity"] = int(values["quantity"])
    return values, {}


def accept_problem(e: PostConflict) -> tuple[str, str]:
    """Why an accept was refused, in Chinese and English, naming the post and its status."""
    zh, en = STATUS_WORDS.get(e.status, (e.status, e.status))
    return (
        f"无法接受：{e.post_id} 的状态为「{zh}」。",
        f"Cannot accept: {e.post_id} is {en}.",
    )
