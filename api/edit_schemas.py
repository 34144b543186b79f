"""Request and answer shapes of ``POST /api/edits`` (docs/changes.md, "Editing")."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.schemas import BundleIssue, ChangeSetRecord

EditTable = Literal["enterprises", "products", "produces", "needs", "supplies", "cooperations"]
EditAction = Literal["add", "change", "end"]


class EditIn(BaseModel):
    """One fact to add, change or end: the bundle's columns of ``table`` as text
    (docs/bundle.md), checked by the loaders' rules."""

    model_config = ConfigDict(extra="forbid")

    table: EditTable
    action: EditAction
    fields: dict[str, str | None] = Field(
        max_length=40,
        description=(
            "Column name → text, as a CSV cell holds it. `add`: the new fact; `change`: its "
            "key and the columns to replace (empty text empties one); `end`: its key and "
            "`until` (a firm: `left`), by default today."
        ),
        examples=[{"supplier_id": "E0001", "buyer_id": "E0002", "product_id": "sulfuric_acid"}],
    )
    base: int | None = Field(
        default=None,
        ge=0,
        le=2**53,
        description=(
            "The change set the editor saw the fact at (the history's head when it was read, "
            "or the id an earlier edit answered): 409 when the fact was written after it. "
            "Without it, no such check."
        ),
    )


class EditResult(BaseModel):
    """What an edit did: its change set (null when the fact was already so), the fact's key,
    and the rules' warnings (located ``table:field``)."""

    table: EditTable
    action: EditAction
    key: list[str | int] = Field(description="The fact's key columns (docs/bundle.md).")
    change_set: ChangeSetRecord | None
    warnings: list[BundleIssue]
