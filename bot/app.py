"""The Bot subclass: wires content, matcher, usage counting, cogs and command sync together."""

from __future__ import annotations

import logging
import pkgutil

import discord
from discord.ext import commands

import cogs
from bot.config import Settings
from bot.errors import BotTree
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.render.card import Section
from bot.sync import sync_commands
from bot.usage.database import Database
from bot.usage.recorder import UsageRecorder

log = logging.getLogger(__name__)


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
        )
        self.settings = settings
        self.kb = kb
        self.matcher = condition_matcher(kb)
        self.force_sync = force_sync
        self.database: Database | None = None
        self.usage = self._recorder(None)

    def _recorder(self, database: Database | None) -> UsageRecorder:
        return UsageRecorder(
            database if self.settings.usage_log else None,
            known_cards=self.kb.by_key,
            known_sections=[s.value for s in Section],
        )

    async def setup_hook(self) -> None:
        self.database = await self._open_database()
        self.usage = self._recorder(self.database)
        self.usage.start()
        for extension in extensions():
            await self.load_extension(extension)
        await sync_commands(self.tree, self.database, self.settings.dev_guild_id, force=self.force_sync)

    async def _open_database(self) -> Database | None:
        try:
            return await Database.open(self.settings.usage_db_path)
        except Exception as exc:  # answering matters more than counting
            log.warning(
                "The bot database at %s could not be opened (%s): usage is not counted and commands are "
                "synced at every start.",
                self.settings.usage_db_path,
                type(exc).__name__,
            )
            return None

    async def close(self) -> None:
        await self.usage.stop()
        if self.database is not None:
            await self.database.close()
            self.database = None
        await super().close()
