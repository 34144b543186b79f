"""Session tests start from a fresh client with no cookie: keys for every role, anonymous
reading off (the compose deployment)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.api import TestClient, client


@pytest.fixture
def closed() -> Iterator[TestClient]:
    """Keys for every role, anonymous reading off (the compose deployment)."""
    with client() as c:
        yield c
