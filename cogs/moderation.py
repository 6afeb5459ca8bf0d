"""For moderators: /card posts a reference card in the channel; /settings sets this server's preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cards.buttons import card_view
from bot.cards.options import SECTION_CHOICES
from bot.cards.replies import condition_reply
from bot.interactions.autocomplete import suggests
from bot.interactions.checks import in_server
from bot.interactions.errors import send_private, with_disclaimer
from bot.interactions.responding import Answer, answer_in_time
from bot.knowledge.facets import Section
from bot.moderation.emergency_number import known_emergency_number
from bot.moderation.settings_render import BAD_NUMBER, NOT_ADDED_HERE, NOT_SAVED, settings_embed
from bot.storage.recorder import Outcome
from bot.storage.settings import SettingsNotSaved

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

RESET_WORDS = {"default", "reset", "international", "none"}


class Moderation(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot

    @app_commands.command(name="card", description="Post a reference card in this channel (moderators).")
    @app_commands.describe(
        condition="The condition: a name or abbreviation, e.g. gbs",
        section="Post just one part of the card",
        mention="A member to point the card at (the one mention that will notify them)",
    )
    @app_commands.choices(section=SECTION_CHOICES)
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_messages=True)
    @app_commands.checks.has_permissions(manage_messages=True)  # enforced here too, whatever a server overrides
    @in_server()  # runs first (checks run bottom-up), so a DM is told why
    async def card(
        self,
        interaction: discord.Interaction,
        condition: app_commands.Range[str, 1, 100],
        section: app_commands.Choice[str] | None = None,
        mention: discord.Member | None = None,
    ) -> None:
        chosen = Section(section.value) if section else None
        number = self.bot.prefs(interaction).emergency_number
        reply = condition_reply(self.bot.kb, self.bot.matcher, condition, chosen, emergency_number=number)
        if reply.outcome is not Outcome.OK:
            self.bot.count(interaction, "card", reply.cards, section=chosen, outcome=reply.outcome)
            await send_private(interaction, reply.content or "")
            return
        refusal = await self.bot.public_post_refusal(interaction)
        if refusal:
            await send_private(interaction, refusal)
            return
        self.bot.count(interaction, "card", reply.cards, section=chosen, outcome=reply.outcome)
        await interaction.response.send_message(
            content=f"{mention.mention}, this card may help with your question." if mention else None,
            embeds=reply.embeds,
            view=card_view(None, reply.card, reply.section),  # members can open the other sections privately
            # The moderator asked for exactly this one ping; nothing else in the message can notify anyone.
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False, users=[mention] if mention else []),
        )

    @suggests(card, "condition")
    def condition_names(self, current: str) -> list[tuple[str, str]]:
        return self.bot.matcher.choices(current)

    @app_commands.command(name="settings", description="See or change how the bot behaves in this server.")
    @app_commands.describe(
        lookups="Whether /condition and /compare answers are private (default) or posted for everyone",
        emergency_number="The local emergency number for red-flag boxes, e.g. 000; 'default' for 911/999/112",
        usage_counting="Whether this server's use adds to the anonymous counters",
    )
    @app_commands.choices(
        lookups=[
            app_commands.Choice(name="private: only the person asking sees the answer", value="private"),
            app_commands.Choice(name="public: answers are posted in the channel", value="public"),
        ],
        usage_counting=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ],
    )
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @in_server()
    async def settings(
        self,
        interaction: discord.Interaction,
        lookups: app_commands.Choice[str] | None = None,
        emergency_number: app_commands.Range[str, 1, 40] | None = None,
        usage_counting: app_commands.Choice[str] | None = None,
    ) -> None:
        guild_id = interaction.guild_id
        if guild_id is None:  # in_server() already refused it: an error, never a half-made change
            raise app_commands.NoPrivateMessage()
        changes: dict[str, object] = {}
        if lookups is not None:
            changes["private_lookups"] = lookups.value == "private"
        if usage_counting is not None:
            changes["count_usage"] = usage_counting.value == "on"
        if emergency_number is not None:
            if emergency_number.strip().lower() in RESET_WORDS:
                changes["emergency_number"] = None
            else:
                cleaned = known_emergency_number(emergency_number)
                if cleaned is None:
                    self.bot.count(interaction, "settings", outcome=Outcome.INVALID)
                    await send_private(interaction, BAD_NUMBER)
                    return
                changes["emergency_number"] = cleaned
        if changes and not self.bot.added_to_server(interaction):
            # Installed to someone's account here, not added to the server: the bot could never see the server
            # remove it, so it keeps no settings for it.
            self.bot.count(interaction, "settings", outcome=Outcome.INVALID)
            await send_private(interaction, NOT_ADDED_HERE)
            return

        async def save() -> Answer:
            store = self.bot.guild_settings
            try:
                prefs = await store.update(guild_id, **changes) if changes else store.get(guild_id)
            except SettingsNotSaved:
                self.bot.count(interaction, "settings", outcome=Outcome.ERROR)
                return Answer(content=with_disclaimer(NOT_SAVED))
            self.bot.count(interaction, "settings")
            return Answer(embed=settings_embed(prefs, changed=bool(changes)))

        # Saving waits behind a locked database for up to its busy timeout: defer rather than miss the 3 s window.
        await answer_in_time(interaction, save(), ephemeral=True)


async def setup(bot: LegWeaknessBot) -> None:
    await bot.add_cog(Moderation(bot))
