from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from bot.content import load_content
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher
from tests.log_scan import no_identifier_in_any_log  # noqa: F401 - an autouse fixture for every test
from tests.postgres_server import PostgresMissing, PostgresServer, start_server


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real, bundled content: loaded once, the way the bot loads it."""
    return load_content()


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return condition_matcher(kb)


# CI clones the repository with shared/ beside it: <repo>/../shared/discord-api-spec/openapi.json
SPEC_PATH = Path(__file__).resolve().parents[2] / "shared" / "discord-api-spec" / "openapi.json"


@pytest.fixture(scope="session")
def spec_path() -> Path:
    """Discord's OpenAPI spec; required in CI, where a missing spec is a failure, not a skip."""
    if not SPEC_PATH.is_file():
        message = f"Discord's OpenAPI spec is missing at {SPEC_PATH}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required in CI)")
        pytest.skip(message)
    return SPEC_PATH


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session; required in CI, where a missing one is a failure, not a skip."""
    try:
        server = start_server()
    except PostgresMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc} (required in CI: .ci/run installs it)")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def postgres_url(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(postgres_server.url())
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    yield postgres_server.url(name)
    admin = await asyncpg.connect(postgres_server.url())
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
