"""Fixtures: one app over the session Engine (tests/conftest.py), in-process through TestClient."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kompetens.engine import Engine
from tests.api.support import client_for


@pytest.fixture(scope="session")
def client(engine: Engine) -> TestClient:
    return client_for(engine)
