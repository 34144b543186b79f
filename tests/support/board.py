"""The board's test helpers: member keys beside the role keys, the demo store, a need."""

from __future__ import annotations

from typing import Any

from chainatlas.graph.memory import MemoryStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.demo import demo_bundle_path
from tests.support.api import KEYS

MEMBER = "member-e0102-key-0123456789"  # 珀岚工程塑料 (E0102), who posted BP037
OTHER = "member-e0045-key-0123456789"  # 槿泓新材料 (E0045), who posted BP036
STRANGER = "member-e0001-key-0123456789"
BOARD_KEYS = {**KEYS, MEMBER: "member@E0102", OTHER: "member@E0045", STRANGER: "member@E0001"}
KEY = {role: key for key, role in BOARD_KEYS.items()}


def demo_store() -> MemoryStore:
    store = MemoryStore()
    load_bundle(store, demo_bundle_path())
    return store


def need(firm: str, **more: Any) -> dict[str, Any]:
    return {"enterprise_id": firm, "side": "need", "kind": "技术", "title": "测试需求", **more}
