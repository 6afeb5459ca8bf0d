"""Both backends, opened the way the bot opens them, for tests that must hold on each (parametrized)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.backend import Backend
from bot.storage.opening import open_backend
from bot.storage.target import Target, parse_database_url

KINDS = ["sqlite", "postgresql"]


def target_for(request: pytest.FixtureRequest, tmp_path: Path, kind: str) -> Target:
    if kind == "sqlite":
        return parse_database_url(None, tmp_path / "bot.sqlite3")
    return parse_database_url(request.getfixturevalue("postgres_url"), tmp_path / "unused.sqlite3")


@pytest.fixture(params=KINDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    return target_for(request, tmp_path, request.param)


@pytest.fixture
async def backend(target: Target) -> AsyncIterator[Backend]:
    opened = await open_backend(target)
    try:
        yield opened
    finally:
        await opened.close()
