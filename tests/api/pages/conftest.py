"""The pages' tests share one app per module: the reference network, anonymous reading on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.api import TestClient
from tests.support.pages import views_client


@pytest.fixture(scope="module")
def web() -> Iterator[TestClient]:
    with views_client() as c:
        yield c
