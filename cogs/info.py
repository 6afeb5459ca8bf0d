"""/stats, /privacy, /help and /about. Thin: the words and numbers come from bot.info and bot.moderation."""

from __future__ import annotations

import asyncio
import io
import sqlite3
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.info.about import about_embed, installed_version
from bot.info.help import help_embed, help_lines
from bot.info.privacy import privacy_embed
from bot.interactions.errors import log_failure, send_private, with_disclaimer
from bot.interactions.responding import Answer, answer_in_time
from bot.moderation.stats import DEFAULT_WEEKS, MAX_WEEKS, MIN_WEEKS, stats_refusal, usage_stats
from bot.moderation.stats_render import CHART_FILE, DATABASE_UNAVAILABLE, stats_message
from bot.storage.recorder import Outcome
from bot.storage.weeks import this_week, weeks_before

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()


class Info(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.version = installed_version()

    async def _send(self, interaction: discord.Interaction, embed: discord.Embed) -> None:
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(
        name="stats", description="Most looked-up cards and most used commands, across every server using this bot."
    )
    @app_commands.describe(
        weeks=f"How many whole weeks back to count, {MIN_WEEKS} to {MAX_WEEKS} (default {DEFAULT_WEEKS})"
    )
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_guild=True)
    async def stats(
        self, interaction: discord.Interaction, weeks: app_commands.Range[int, MIN_WEEKS, MAX_WEEKS] = DEFAULT_WEEKS
    ) -> None:
        # Discord offers /stats only to Manage Server, in servers; checked again here because a server's admins
        # can let anyone use a command in their Integrations settings.
        permissions = interaction.permissions
        refusal = stats_refusal(
            in_server=interaction.guild_id is not None,
            can_manage_server=permissions.manage_guild or permissions.administrator,
        )
        if refusal:
            self.bot.count(interaction, "stats", outcome=Outcome.INVALID)
            await send_private(interaction, refusal)
            return
        # Reading the database can be slow (a locked or busy file): answer_in_time defers if it is.
        await answer_in_time(interaction, self._stats_answer(interaction, weeks), ephemeral=True)

    async def _stats_answer(self, interaction: discord.Interaction, weeks: int) -> Answer:
        database = self.bot.database
        try:
            current = this_week()
            counts = None if database is None else await database.weekly_counts(weeks_before(current, weeks), current)
        except sqlite3.Error as exc:  # a damaged or locked file: say so, as when there is no database at all
            log_failure("/stats", exc)
            counts = None
        if counts is None:
            self.bot.count(interaction, "stats", outcome=Outcome.ERROR)
            return Answer(content=with_disclaimer(DATABASE_UNAVAILABLE))
        server_counted = self.bot.prefs(interaction).count_usage
        counting_on = self.bot.settings.usage_log
        # Off the event loop: summing and drawing the chart is CPU work that would hold up every other interaction,
        # and the budget can only run out (and the defer go out) while the loop is free.
        message = await asyncio.to_thread(
            lambda: stats_message(
                usage_stats(counts), self.bot.kb, weeks, counting_on=counting_on, server_counted=server_counted
            )
        )
        self.bot.count(interaction, "stats")
        chart = [discord.File(io.BytesIO(message.chart_png), filename=CHART_FILE)] if message.chart_png else []
        return Answer(embed=message.embed, files=chart)

    @app_commands.command(name="privacy", description="What this bot stores, and what it never stores.")
    async def privacy(self, interaction: discord.Interaction) -> None:
        await self._send(interaction, privacy_embed(shared_state=self.bot.settings.shared_state))

    @app_commands.command(name="help", description="Every command, with an example.")
    async def help(self, interaction: discord.Interaction) -> None:
        await self._send(interaction, help_embed(help_lines(self.bot.tree.get_commands())))

    @app_commands.command(name="about", description="Version, how current the cards are, sources, reporting errors.")
    async def about(self, interaction: discord.Interaction) -> None:
        await self._send(interaction, about_embed(self.bot.kb, self.version, self.bot.settings.project_url))


async def setup(bot: LegWeaknessBot) -> None:
    await bot.add_cog(Info(bot))
