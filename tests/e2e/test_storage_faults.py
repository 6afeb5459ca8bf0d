"""What is on disk goes wrong: the usage database (corrupt, locked, full, read-only) and the content at start-up.

The bot keeps answering through every database fault, and no count it took is lost or counted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import shutil
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import LegWeaknessBot
from bot.config import Settings
from bot.interactions.errors import with_disclaimer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.moderation.settings_render import NOT_SAVED
from bot.paths import content_dir
from bot.storage.database import Database
from local_discord import LocalDiscord
from tests.e2e.conftest import TOKEN
from tests.e2e.polling import poll_until
from tests.storage.lock_holder import lock_held
from tests.storage.stored import by_command, usage_rows

WAIT = 15.0  # seconds: far more than the recorder's 2-second flush plus SQLite's 2-second wait for a lock
SECTIONS = [None, *Section]


def stored(path: Path) -> Counter[str]:
    """Committed counts by command, read by another connection, as an operator would."""
    return by_command(path)


def bot_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("bot")]


async def look_up_every_card(local: LocalDiscord, kb: KnowledgeBase, sent: Counter[str]) -> None:
    """/condition for every card and section: over a hundred different kinds of count."""
    for key, section in itertools.product(kb.by_key, SECTIONS):
        options = {"name": key} if section is None else {"name": key, "section": section.value}
        assert (await local.slash("condition", options=options)).embeds
        sent["condition"] += 1


# Faults that start while the bot runs. SQLite's page limit and read-only switch belong to one connection, so
# those two are set on the bot's own; the lock comes from another process.


@asynccontextmanager
async def locked(bot: LegWeaknessBot, path: Path) -> AsyncIterator[None]:
    async with lock_held(path, "write"):  # and commits a change of its own before letting go
        yield


@asynccontextmanager
async def full(bot: LegWeaknessBot, path: Path) -> AsyncIterator[None]:
    conn = bot.database._conn
    (pages,) = (await conn.execute_fetchall("PRAGMA page_count"))[0]
    await conn.execute(f"PRAGMA max_page_count = {pages}")  # not one page more: SQLITE_FULL
    yield
    await conn.execute("PRAGMA max_page_count = 4294967294")


@asynccontextmanager
async def read_only(bot: LegWeaknessBot, path: Path) -> AsyncIterator[None]:
    conn = bot.database._conn
    await conn.execute("PRAGMA query_only = ON")  # every write fails as on a read-only file: SQLITE_READONLY
    yield
    await conn.execute("PRAGMA query_only = OFF")


@pytest.mark.parametrize("fault", [locked, full, read_only])
async def test_counts_wait_in_memory_while_the_database_cannot_be_written_and_land_when_it_can(
    local: LocalDiscord, start_bot, kb: KnowledgeBase, tmp_path: Path, fault, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.sqlite3"
    sent: Counter[str] = Counter()
    async with start_bot() as bot:
        with caplog.at_level(logging.INFO, logger="bot"):
            async with fault(bot, path):
                await look_up_every_card(local, kb, sent)
                await bot.usage.flush()  # refused: the counts stay in memory
                assert (await local.slash("stats", member="ada")).embeds  # a moderator reads meanwhile
                sent["stats"] += 1
                await look_up_every_card(local, kb, sent)
                assert stored(path) == Counter()
            # Written by the bot's own writer, while the bot runs.
            await poll_until(lambda: stored(path) == sent, "the counts to be written", timeout=WAIT, every=0.05)
        (warning,) = bot_warnings(caplog)
        assert "keeping them in memory" in warning
        assert any("being written again" in r.getMessage() for r in caplog.records)
    assert stored(path) == sent  # and nothing twice at shutdown


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(16384))


def truncated(path: Path) -> None:
    """The bot's own database, with counts, cut off halfway (as a full disk or a killed copy leaves it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO filler (text) VALUES (?)", [("x" * 200,) for _ in range(500)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("damage", [garbage, truncated])
async def test_a_corrupt_database_at_start_up_is_moved_aside_and_the_bot_answers_and_counts(
    local: LocalDiscord, start_bot, tmp_path: Path, damage, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.sqlite3"
    damage(path)
    original = path.read_bytes()
    with caplog.at_level(logging.WARNING):
        async with start_bot(usage_db_path=path):
            for _ in range(3):
                assert (await local.slash("condition", name="ms")).embeds
    (aside,) = tmp_path.glob("bot.sqlite3.corrupt-*")
    assert aside.read_bytes() == original  # kept as it was, never deleted
    (warning,) = bot_warnings(caplog)
    assert "corrupt" in warning and aside.name in warning
    assert stored(path) == {"condition": 3}  # a fresh database, counting


# "exclusive": no other connection may even read the file. "write": it can be read but not written, and the bot's
# first start must write (its server-settings key).
@pytest.mark.parametrize("mode", ["exclusive", "write"])
async def test_a_database_locked_at_start_up_is_left_alone_and_the_bot_answers(
    local: LocalDiscord, start_bot, tmp_path: Path, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.sqlite3"
    await (await Database.open(path)).close()
    async with lock_held(path, mode):
        with caplog.at_level(logging.WARNING):
            async with start_bot(usage_db_path=path) as bot:
                assert (await local.slash("condition", name="gbs")).embeds
                assert bot.database is None and not bot.usage.enabled
    (warning,) = bot_warnings(caplog)
    assert "usage is not counted" in warning
    assert list(tmp_path.glob("*.corrupt-*")) == []  # a locked file is not a corrupt one: left where it was
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM bot_meta WHERE name = 'lock_holder'").fetchone() == ("was here",)


async def run_entry_point(local: LocalDiscord, tmp_path: Path, content: Path) -> tuple[int, str]:
    env = {
        **os.environ,
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"),
        "CONTENT_DIR": str(content),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode is not None
    return process.returncode, errors.decode()


async def test_broken_content_stops_python_m_bot_with_the_report_before_it_goes_online(
    local: LocalDiscord, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(content_dir(), content)
    (content / "conditions" / "ms.yaml").write_text("key: ms\nname: [unclosed\n", encoding="utf-8")  # not YAML
    gbs = content / "conditions" / "gbs.yaml"
    gbs.write_text(gbs.read_text(encoding="utf-8").replace("\nsummary:", "\nsumary:", 1), encoding="utf-8")
    code, errors = await run_entry_point(local, tmp_path, content)
    assert code == 1
    assert "problem(s) in the content" in errors
    assert "ms.yaml" in errors and "gbs.yaml" in errors  # every problem, in every file
    assert "Traceback" not in errors
    assert local.requests == [] and local.gateway.identify_count == 0  # never online, nothing half-loaded
    assert not (tmp_path / "bot.sqlite3").exists()


async def test_a_missing_content_folder_is_a_settings_problem(local: LocalDiscord, tmp_path: Path) -> None:
    code, errors = await run_entry_point(local, tmp_path, tmp_path / "no-such-folder")
    assert code == 2
    assert "CONTENT_DIR must name an existing folder" in errors
    assert local.requests == []


async def test_a_database_locked_at_start_up_opens_in_the_background_and_no_save_is_claimed_meanwhile(
    local: LocalDiscord, start_bot, tmp_path: Path
) -> None:
    path = tmp_path / "bot.sqlite3"
    await (await Database.open(path)).close()
    async with contextlib.AsyncExitStack() as lock:
        await lock.enter_async_context(lock_held(path, "exclusive"))  # a backup holding it as the bot starts
        async with start_bot(usage_db_path=path) as bot:
            refused = await local.slash("settings", member="ada", lookups="public")
            assert refused.ephemeral and refused.content == with_disclaimer(NOT_SAVED)
            assert (await local.slash("condition", name="ms")).ephemeral  # nothing changed
            await lock.aclose()  # the backup is done
            await poll_until(lambda: bot.database is not None, "the database to open", timeout=WAIT, every=0.05)
            saved = await local.slash("settings", member="ada", lookups="public")
            assert saved.embeds[0]["title"] == "Settings saved for this server"
            assert not (await local.slash("condition", name="ms")).ephemeral
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT private_lookups FROM guild_settings").fetchall() == [(0,)]
    assert by_command(path) == {"settings": 1, "condition": 1}  # counted once the settings were known


async def test_a_database_deleted_while_running_is_written_back_and_an_opt_out_still_holds(
    local: LocalDiscord, start_bot, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    path = settings.usage_db_path
    async with start_bot() as bot:
        await local.slash("settings", member="ada", usage_counting="off")  # the study group opts out
        await local.slash("condition", member="sam", guild="support", name="gbs")
        await bot.usage.flush()
        for file in path.parent.glob(path.name + "*"):  # as `rm bot.sqlite3*` would
            file.unlink()
        await local.slash("condition", member="sam", name="ms")  # opted out: not counted
        await local.slash("condition", member="sam", guild="support", name="lupus")
        with caplog.at_level(logging.WARNING):
            await bot.usage.flush()
        assert path.exists()
    assert "was deleted while the bot ran" in "\n".join(bot_warnings(caplog))
    async with start_bot(expect_sync=False):  # a restart finds the same settings (and command-sync hash)
        await local.slash("condition", member="sam", name="ms")
    assert usage_rows(path) == {("condition", "gbs", "-", "ok", 1), ("condition", "sle", "-", "ok", 1)}
