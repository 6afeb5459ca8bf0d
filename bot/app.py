"""The Bot subclass: wires content, matcher, server preferences, usage counting, cogs and command sync together."""

from __future__ import annotations

import logging
import pkgutil
from collections.abc import Iterable

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.config import Settings
from bot.cooldowns import public_post_limit
from bot.errors import BotTree
from bot.guild_settings import GuildPrefs, GuildSettingsStore
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.render.card import Section
from bot.sync import sync_commands
from bot.usage.database import Database
from bot.usage.recorder import Outcome, UsageRecorder

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

    def _recorder(self, database: Database | None) -> UsageRecorder:
        return UsageRecorder(
            database if self.settings.usage_log else None,
            known_cards=self.kb.by_key,
            known_sections=[s.value for s in Section],
        )

    async def setup_hook(self) -> None:
        self.database = await self._open_database()
        self.guild_settings = await GuildSettingsStore.open(self.database)
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
