"""The Bot subclass: wires content, matcher, server preferences, usage counting, cogs and command sync together."""

from __future__ import annotations

import asyncio
import logging
import pkgutil
from collections.abc import Iterable

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.config import Settings
from bot.cooldowns import public_post_limit
from bot.guild_settings import GuildPrefs, GuildSettingsStore
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.render.card import Section
from bot.sync import sync_commands
from bot.tree import BotTree
from bot.usage.database import Database
from bot.usage.recorder import Outcome, UsageRecorder

log = logging.getLogger(__name__)

# discord.py runs each interaction's handler in a task it names: slash commands and autocomplete in
# "CommandTree-invoker", buttons, menus and modals in "discord-ui-...". Shutdown waits for them.
_HANDLER_TASKS = ("CommandTree-invoker", "discord-ui-")
# How long shutdown waits for answers already being worked on: past Discord's 3-second window for a first answer,
# and well inside the 10 seconds Docker gives a container to stop.
SHUTDOWN_GRACE = 5.0


def extensions() -> list[str]:
    """Every module in the cogs package: one per feature area, each ending with `async def setup(bot)`."""
    return [f"cogs.{m.name}" for m in pkgutil.iter_modules(cogs.__path__) if not m.name.startswith("_")]


class LegWeaknessBot(commands.Bot):
    def __init__(self, settings: Settings, kb: KnowledgeBase, *, force_sync: bool = False) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # the only intent the bot needs
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            tree_cls=BotTree,
            allowed_mentions=discord.AllowedMentions.none(),
            # Installable to a server and to a person's own account (private lookups in DMs); server-only
            # commands narrow this with @app_commands.guild_only().
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
        )
        self.settings = settings
        self.kb = kb
        self.matcher = condition_matcher(kb)
        self.force_sync = force_sync
        self.database: Database | None = None
        self.usage = self._recorder(None)
        self.guild_settings = GuildSettingsStore(None, b"")
        self.public_posts = public_post_limit()
        self._closing: asyncio.Future[None] | None = None

    def _recorder(self, database: Database | None) -> UsageRecorder:
        return UsageRecorder(
            database if self.settings.usage_log else None,
            known_cards=self.kb.by_key,
            known_sections=[s.value for s in Section],
        )

    async def setup_hook(self) -> None:
        self.database, self.guild_settings = await self._open_database()
        self.usage = self._recorder(self.database)
        self.usage.start()
        for extension in extensions():
            await self.load_extension(extension)
        await sync_commands(self.tree, self.database, self.settings.dev_guild_id, force=self.force_sync)

    def prefs(self, interaction: discord.Interaction) -> GuildPrefs:
        """The preferences of the server the interaction came from (defaults in DMs)."""
        return self.guild_settings.get(interaction.guild_id)

    def count(
        self,
        interaction: discord.Interaction,
        command: str,
        cards: Iterable[str | None] = (),
        *,
        section: str | None = None,
        outcome: Outcome = Outcome.OK,
    ) -> None:
        """Count one use, unless the server opted out. Only the bot's own values reach the counters."""
        if self.prefs(interaction).count_usage:
            self.usage.count(command, cards, section=section, outcome=outcome)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Leaving a server deletes its preferences."""
        await self.guild_settings.forget(guild.id)

    async def _open_database(self) -> tuple[Database | None, GuildSettingsStore]:
        """The database and the server settings kept in it. Without them (a missing folder, a file locked or
        unwritable at start-up), the bot answers without counting: which servers opted out is unknown."""
        database = None
        try:
            database = await Database.open(self.settings.usage_db_path)
            return database, await GuildSettingsStore.open(database)  # may write: a new file gets its secret
        except Exception as exc:  # answering matters more than counting
            if database is not None:
                await database.close()
            log.warning(
                "The bot database at %s could not be opened or written (%s): usage is not counted, server "
                "settings last until restart and commands are synced at every start.",
                self.settings.usage_db_path,
                type(exc).__name__,
            )
            return None, await GuildSettingsStore.open(None)

    def is_closed(self) -> bool:
        # Closed from the first step of shutdown, so that discord.py does not reconnect the gateway it closes first.
        return self._closing is not None or super().is_closed()

    async def close(self) -> None:
        """Shut down so that every interaction answered is counted: stop taking interactions, let the ones being
        answered finish, write the counts, then close the database and the connection to Discord."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._shut_down())
        await asyncio.shield(self._closing)  # a second caller (SIGTERM, then `async with`) waits for the same one

    async def _shut_down(self) -> None:
        try:
            if self.ws is not None and self.ws.open:
                await self.ws.close(code=1000)
            await _finish_handlers(SHUTDOWN_GRACE)
            await self.usage.stop()
            if self.database is not None:
                await self.database.close()
                self.database = None
        finally:
            await super().close()


async def _finish_handlers(grace: float) -> None:
    """Wait, up to `grace` seconds, for the interaction handlers already running: their answers go out (and are
    counted) while the HTTP session is still open."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + grace
    while handlers := [task for task in asyncio.all_tasks() if task.get_name().startswith(_HANDLER_TASKS)]:
        left = deadline - loop.time()
        if left <= 0:
            log.warning("Shutting down with %d interaction(s) still being answered.", len(handlers))
            return
        await asyncio.wait(handlers, timeout=left)
