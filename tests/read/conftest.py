"""Fixtures for the read area."""

from __future__ import annotations

from pathlib import Path

import pytest
from read_helpers import FIXTURES

from newsdesk.config import Settings


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings({"db": str(tmp_path / "t.db")})
