"""A database that goes away while the bot runs, on both backends: SQLite locked by another process, PostgreSQL's
server stopped. Counts wait in memory and land exactly once when it is back; a settings save says it saved nothing;
a bot started during the outage opens the database in the background once it returns."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest

from bot.storage.backend import Backend
from bot.storage.opening import open_backend
from bot.storage.recorder import Outcome, UsageRecorder
from bot.storage.settings import GuildSettingsStore, SettingsNotSaved
from bot.storage.store import Storage
from bot.storage.target import Target, parse_database_url
from bot.storage.weeks import UsageKey
from tests.postgres_server import PostgresServer, start_server
from tests.storage.lock_holder import lock_held

WEEK = "2026-W48"
SERVER = "a" * 64
KEY = UsageKey(WEEK, SERVER, "condition", "ms", "-", "ok")
Outage = Callable[[], AbstractAsyncContextManager[None]]


@pytest.fixture
def own_postgres(postgres_server: PostgresServer) -> AsyncIterator[PostgresServer]:
    """A server of this test's own, since it is stopped and started (the session's server must stay up)."""
    del postgres_server  # the session's fixture says whether PostgreSQL is there at all (CI: it must be)
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def down(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Target, Outage]:
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        return parse_database_url(None, path), lambda: lock_held(path, "write")  # writes refused
    server: PostgresServer = request.getfixturevalue("own_postgres")

    @asynccontextmanager
    async def stopped() -> AsyncIterator[None]:
        await asyncio.to_thread(server.pause)
        try:
            yield
        finally:
            await asyncio.to_thread(server.resume)

    return parse_database_url(server.url(), tmp_path / "unused"), stopped


def recorder(db) -> UsageRecorder:
    return UsageRecorder(db, known_cards={"ms"}, known_sections=set(), week=lambda: WEEK, flush_interval=60)


async def test_counts_wait_in_memory_and_land_once_when_the_database_is_back(down: tuple[Target, Outage]) -> None:
    target, outage = down
    db = await open_backend(target)
    await db.add_counts({KEY: 1}, current_week=WEEK)  # the file (or schema) exists before the outage
    rec = recorder(db)
    settings = GuildSettingsStore()
    await settings.attach(db, bytes(32))
    async with outage():
        for _ in range(3):
            rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
        await rec.flush()  # refused: kept
        rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
        await rec.flush()
        assert rec.pending == 4
        with pytest.raises(SettingsNotSaved):
            await settings.update(42, count_usage=False)
        assert settings.get(42).count_usage  # nothing changed in memory either
    await rec.flush()
    await rec.flush()  # nothing left: nothing written twice
    assert rec.pending == 0 and await db.open_counts() == {KEY: 5}
    await settings.update(42, count_usage=False)
    assert not settings.get(42).count_usage
    await db.close()


async def test_a_bot_started_during_the_outage_opens_the_database_once_it_is_back(
    down: tuple[Target, Outage], tmp_path: Path
) -> None:
    target, outage = down

    first = await open_backend(target)
    await first.close()
    storage = Storage(target, key_file=tmp_path / "server-key")
    opened = asyncio.Event()

    async def on_open(database: Backend, secret: bytes) -> None:
        assert storage.database is None  # not the bot's until it is taken over
        opened.set()

    async with outage():
        assert await storage.open(on_open) is False  # answers without it; keeps trying
        storage.keep_trying(on_open)
    await asyncio.wait_for(opened.wait(), 60)
    assert storage.database is not None
    await storage.close()
