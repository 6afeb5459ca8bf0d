"""The bot for HTTP delivery: the gateway bot's commands, handlers, storage and counting, without a gateway session.

It logs in over REST (which loads the cogs and syncs the commands, as at every start) and never connects to the
gateway, so it learns nothing from gateway events: what it needs to know about an interaction is in the interaction,
and which servers it is in it asks Discord for (GET /users/@me/guilds) at start and every SERVER_LIST_SECONDS, so
that a server that removed the bot loses its settings, as over the gateway (where GUILD_DELETE and READY say so).
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from bot.app import LegWeaknessBot
from bot.startup import what_failed

log = logging.getLogger(__name__)
SERVER_LIST_SECONDS = 600.0  # how often the servers the bot is in are listed (Discord pages them 200 at a time)


class HttpBot(LegWeaknessBot):
    _server_list: asyncio.Task[None] | None = None

    def added_to_server(self, interaction: discord.Interaction) -> bool:
        """No GUILD_CREATE tells this bot which servers it is in; the interaction says whether the app was added to
        the server it came from (installed to the server, not only to the person's own account)."""
        return interaction.is_guild_integration()

    async def setup_hook(self) -> None:
        await super().setup_hook()
        self._server_list = asyncio.create_task(self._forget_servers_that_removed_the_bot(), name="server-list")

    async def _forget_servers_that_removed_the_bot(self) -> None:
        while True:
            try:
                kept = [guild.id async for guild in self.fetch_guilds(limit=None)]
            except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:  # a partial list deletes nothing
                log.warning("Could not list the servers the bot is in (%s); trying again later.", what_failed(exc))
            else:
                await self.guild_settings.reconcile(kept)  # a no-op until the database is open
            await asyncio.sleep(SERVER_LIST_SECONDS)

    async def close(self) -> None:
        if self._server_list is not None:
            self._server_list.cancel()
            await asyncio.gather(self._server_list, return_exceptions=True)
        await super().close()
