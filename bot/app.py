"""The Bot subclass: wires content, matcher, server preferences, usage counting, cogs and command sync together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import time
from collections.abc import Callable, Iterable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.cluster.heartbeat import Heartbeat
from bot.cluster.member import ClusterMember
from bot.cluster.start import ShardChoice, ShardPlan
from bot.config import Settings
from bot.i18n.catalogs import load_translations
from bot.i18n.translator import CatalogTranslator
from bot.interactions.cooldowns import PostLimit, public_post_limit
from bot.interactions.noted import note, take
from bot.interactions.public_posts import public_post_refusal
from bot.interactions.stored_limits import StoredPostLimit
from bot.interactions.tree import BotTree
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.lookup import condition_matcher
from bot.storage.backend import Backend
from bot.storage.keyed import member_hash
from bot.storage.recorder import Outcome, UsageRecorder
from bot.storage.settings import GuildPrefs, GuildSettingsStore
from bot.storage.settings_watch import SettingsWatch
from bot.storage.shared import SharedStore
from bot.storage.store import Storage
from bot.sync import sync_commands

log = logging.getLogger(__name__)

# discord.py runs each interaction's handler in a task it names: slash commands and autocomplete in
# "CommandTree-invoker", buttons, menus and modals in "discord-ui-...", and the event after a command that counts it
# in "discord.py: on_app_command_completion". Shutdown waits for them.
_HANDLER_TASKS = ("CommandTree-invoker", "discord-ui-", "discord.py: on_app_command_completion")
# How long shutdown waits for answers already being worked on: past Discord's 3-second window for a first answer,
# and well inside the 10 seconds Docker gives a container to stop.
SHUTDOWN_GRACE = 5.0
# How often the bot tidies up: expired user IDs are dropped from memory (the public-post limit, quiz tallies), and
# settings deletes the database refused earlier are retried.
HOUSEKEEPING_SECONDS = 30.0


def extensions() -> list[str]:
    """Every module in the cogs package: one per feature area, each ending with `async def setup(bot)`."""
    return [f"cogs.{m.name}" for m in pkgutil.iter_modules(cogs.__path__) if not m.name.startswith("_")]


class LegWeaknessBot(ClusterMember, commands.AutoShardedBot):
    def __init__(
        self, settings: Settings, kb: KnowledgeBase, *, force_sync: bool = False, sync_only: bool = False
    ) -> None:
        # The bot never joins voice, so discord.py's warnings about missing voice libraries would be noise in every
        # start-up log. They are class flags of discord.py's (checked by tests/e2e/test_entry_point.py).
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
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
        self.sync_only = sync_only
        self.exit_code = 0
        self.storage = Storage(
            settings.database,
            key_file=settings.key_file,
            configured_key=bytes.fromhex(settings.server_key.reveal()) if settings.server_key else None,
        )
        # Counts nothing until the database is open (attach): which servers opted out is unknown before.
        self.usage = UsageRecorder(None, known_cards=kb.by_key, known_sections=[s.value for s in Section])
        self.guild_settings = GuildSettingsStore()
        self.settings_watch = SettingsWatch(self.guild_settings)  # other processes' changes, within a second
        self.shard_plan = ShardPlan(ShardChoice(settings.shard_count, settings.cluster_index, settings.cluster_count))
        self.heartbeat = Heartbeat(settings.heartbeat_path, self._health)
        self.public_posts = public_post_limit()
        # One process: in memory. SHARED_STATE=store (or several clusters): in the database, for every process.
        self.post_limit: PostLimit = (
            StoredPostLimit(self.shared_store, self.public_posts) if settings.shared_state else self.public_posts
        )
        # Forgetting user IDs on time: each of these drops what has expired (cogs add their own).
        self.sweepers: list[Callable[[], None]] = [self.public_posts.sweep]
        self._housekeeping: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None

    @property
    def database(self) -> Backend | None:
        return self.storage.database

    async def setup_hook(self) -> None:
        # A wrong server-key secret raises: the bot must not start with it.
        if not await self.storage.open(self._storage_open):
            self.storage.keep_trying(self._storage_open)
        self.usage.start()
        self._housekeeping = asyncio.create_task(self._tidy_up(), name="housekeeping")
        for extension in extensions():
            await self.load_extension(extension)
        # The command tree's translations (descriptions and choice names), read from the .po files now: sync and
        # its hash both go through this translator.
        await self.tree.set_translator(CatalogTranslator(load_translations()))
        if not self.sync_only:
            self.heartbeat.start()
            if not await self._plan_shards():
                return  # asked to stop while waiting
        # One process syncs: cluster 0, or the one-shot `python -m bot sync`; never every cluster at boot.
        if self.force_sync or self.settings.cluster_index == 0:
            await sync_commands(self.tree, self.database, self.settings.dev_guild_id, force=self.force_sync)

    async def _storage_open(self, database: Backend, secret: bytes) -> None:
        """The database is open (at start-up, or later): settings are known, counting can start."""
        await self.guild_settings.attach(database, secret)
        self.settings_watch.start(database)
        if self.settings.usage_log:
            self.usage.attach(database)
        if self.is_ready():
            await self._reconcile()

    async def on_ready(self) -> None:
        """Servers that removed the bot while it was offline send no GUILD_DELETE: their settings go now."""
        self.heartbeat.beat()
        await self._reconcile()

    async def _reconcile(self) -> None:
        """Delete the settings of servers the bot is no longer in. One process that runs every shard knows them
        all; of several clusters, cluster 0 asks Discord for the whole list (each cluster sees only its own)."""
        if self.settings.cluster_count == 1:
            await self.guild_settings.reconcile(guild.id for guild in self.guilds)
        elif self.settings.cluster_index == 0:
            try:
                ids = [guild.id async for guild in self.fetch_guilds(limit=None)]
            except (discord.HTTPException, OSError) as exc:
                log.warning("Could not list the bot's servers to tidy their settings (%s).", type(exc).__name__)
                return
            await self.guild_settings.reconcile(ids)

    async def _tidy_up(self) -> None:
        while True:
            await asyncio.sleep(HOUSEKEEPING_SECONDS)
            for sweep in self.sweepers:
                sweep()
            await self.guild_settings.retry_deletes()
            if (store := self.shared_store()) is not None:
                with contextlib.suppress(Exception):  # unreachable now: swept next time
                    await store.backend.sweep_expired(time.time())

    async def public_post_refusal(self, interaction: discord.Interaction) -> str | None:
        """Why the bot won't post publicly for this person here; None when it will.

        See bot.interactions.public_posts.
        """
        return await public_post_refusal(interaction, self.post_limit)

    def shared_store(self) -> SharedStore | None:
        """The store that quiz tallies and post limits are shared through, when SHARED_STATE=store (or several
        clusters) and the database is open; None: keep them in memory."""
        return self.keyed_store() if self.settings.shared_state else None

    def keyed_store(self) -> SharedStore | None:
        """The database with the keyed hash members are kept under, for what is always stored (study decks); None
        while the database is not open."""
        database, secret = self.storage.database, self.storage.secret
        if database is None or secret is None:
            return None
        return SharedStore(database, lambda user_id: member_hash(secret, user_id))

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
        """Note what this interaction is to be counted as; it is counted once it is over (bot.interactions.noted)."""
        note(interaction, command, cards, section=section, outcome=outcome)

    def finish_count(self, interaction: discord.Interaction) -> None:
        """The interaction is over: count it, once, by its last note, unless it is not counted (counted_server).
        Only the bot's own values reach the counters."""
        noted = take(interaction)
        server = self.counted_server(interaction) if noted is not None else None
        if noted is not None and server is not None:
            self.usage.count(server, noted.command, noted.cards, section=noted.section, outcome=noted.outcome)

    async def on_app_command_completion(self, interaction: discord.Interaction, _command: object) -> None:
        self.finish_count(interaction)

    def counted_server(self, interaction: discord.Interaction) -> str | None:
        """The keyed hash a use is counted under, or None when it is not counted: outside a server (DMs, where
        nobody could see who adds counts), in a server the bot is not in (a user install), while which servers
        opted out is unknown (the database is not open), and in a server that opted out."""
        guild_id = interaction.guild_id
        if guild_id is None or not self.added_to_server(interaction) or not self.guild_settings.loaded:
            return None
        return self.guild_settings.key(guild_id) if self.guild_settings.get(guild_id).count_usage else None

    def added_to_server(self, interaction: discord.Interaction) -> bool:
        """Whether the bot is a member of the server the interaction came from (not only installed to the account of
        the person using it). Over the gateway, the servers it is in are the ones Discord sent it."""
        return interaction.guild_id is not None and self.get_guild(interaction.guild_id) is not None

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Leaving a server deletes its preferences."""
        await self.guild_settings.forget(guild.id)

    def dispatch(self, event: str, /, *args: object, **kwargs: object) -> None:
        # discord.py can still dispatch a delayed READY after the bot closed; nothing should run then.
        if not super().is_closed():
            super().dispatch(event, *args, **kwargs)

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
            self.shard_plan.stopping.set()  # a start still waiting (session starts, leases) stops waiting
            for shard in self.shards.values():
                if not shard.is_closed():
                    await shard.disconnect()  # close 1000: no new interactions
            await _finish_handlers(SHUTDOWN_GRACE)
            if self._housekeeping is not None:
                self._housekeeping.cancel()
                await asyncio.gather(self._housekeeping, return_exceptions=True)
            await self.heartbeat.stop()
            await self.shard_plan.close()  # the leases go now: a standby may take the shards at once
            await self.settings_watch.stop()
            await self.usage.stop()
            await self.storage.close()
        finally:
            if not hasattr(self, "_AutoShardedClient__queue"):
                # Closed before it ever logged in: discord.py's sharded close posts to a queue made at login.
                self._AutoShardedClient__queue: asyncio.PriorityQueue[Any] = asyncio.PriorityQueue()
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
