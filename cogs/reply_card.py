"""Apps > "Reply with a card" on a member's message, for moderators: pick a card privately, and the bot replies
to that message with it, for everyone. Thin: the menus and wording are in bot.moderation.reply_card."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.cards.buttons import NO_MENTIONS, card_view
from bot.cards.replies import condition_reply
from bot.interactions.answering import answering
from bot.interactions.checks import in_server
from bot.interactions.errors import with_disclaimer
from bot.knowledge.lookup import choice_label
from bot.moderation.reply_card import (
    ANY_MENU_ID,
    CANNOT_POST,
    COMMAND,
    GONE,
    MENU_NAME,
    NOT_A_MODERATOR,
    PICK,
    POSTED,
    STALE,
    card_menus,
    target_message,
)
from bot.storage.recorder import Outcome

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot


class ReplyCardMenu(discord.ui.DynamicItem[discord.ui.Select[Any]], template=ANY_MENU_ID):
    """The moderator's private card menu; its custom_id holds the ID of the message to reply to, nothing else."""

    def __init__(self, item: discord.ui.Select[Any]) -> None:
        super().__init__(item)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReplyCardMenu:
        if not isinstance(item, discord.ui.Select):
            raise TypeError("a Reply with a card id on something other than a menu")  # answered by the tree
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = cast("LegWeaknessBot", interaction.client)
        async with answering(interaction, COMMAND, "Reply with a card menu"):
            await interaction.response.defer()  # the reply is posted first: never miss the 3-second window
            message_id = target_message(self.custom_id)
            key = next(iter(self.item.values), None)
            if message_id is None or key is None or key not in bot.kb.by_key or interaction.guild_id is None:
                bot.count(interaction, COMMAND, outcome=Outcome.INVALID)
                await _finish(interaction, STALE)
                return
            if not interaction.permissions.manage_messages:  # the menu is private, but an id can be forged
                await _finish(interaction, NOT_A_MODERATOR)
                return
            refusal = await bot.public_post_refusal(interaction)  # may they post here, and within their limit
            if refusal:
                await _finish(interaction, refusal)
                return
            number = bot.prefs(interaction).emergency_number
            reply = condition_reply(bot.kb, bot.matcher, key, None, emergency_number=number)
            channel = interaction.channel or bot.get_partial_messageable(interaction.channel_id or 0)
            if not isinstance(channel, discord.abc.Messageable):  # a guild channel one can post in, always, here
                raise RuntimeError("the menu came from a channel that takes no messages")
            reference = discord.MessageReference(
                message_id=message_id, channel_id=channel.id, guild_id=interaction.guild_id
            )
            try:
                await channel.send(
                    embeds=reply.embeds,
                    view=card_view(None, reply.card, None),  # members can open the other sections privately
                    reference=reference,
                    allowed_mentions=NO_MENTIONS,  # not even the author of the message is pinged
                )
            except discord.Forbidden:
                bot.count(interaction, COMMAND, reply.cards, outcome=Outcome.ERROR)
                await _finish(interaction, CANNOT_POST)
                return
            except discord.HTTPException as exc:
                if exc.status != 400:
                    raise
                bot.count(interaction, COMMAND, reply.cards, outcome=Outcome.INVALID)
                await _finish(interaction, GONE)
                return
            bot.count(interaction, COMMAND, reply.cards)
            await _finish(interaction, POSTED.format(card=choice_label(bot.kb.by_key[key])))


async def _finish(interaction: discord.Interaction, text: str) -> None:
    """The moderator's private menu becomes the outcome, in plain words."""
    await interaction.edit_original_response(content=with_disclaimer(text), view=None, allowed_mentions=NO_MENTIONS)


class ReplyWithCard(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=MENU_NAME, callback=self.reply_with_card)
        bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_messages=True)
    @app_commands.checks.has_permissions(manage_messages=True)  # enforced here too, whatever a server overrides
    @in_server()
    async def reply_with_card(self, interaction: discord.Interaction, message: discord.Message) -> None:
        # Only the message's ID is used: its content is never read, kept, logged or echoed.
        view = discord.ui.View(timeout=None)
        for menu in card_menus(self.bot.kb, message.id):
            options = [discord.SelectOption(label=label, value=key) for label, key in menu.options]
            select: discord.ui.Select[Any] = discord.ui.Select(
                custom_id=menu.custom_id, placeholder=menu.placeholder, options=options
            )
            view.add_item(ReplyCardMenu(select))
        view.stop()  # picks reach ReplyCardMenu by custom_id; discord.py need not keep this view in memory
        await interaction.response.send_message(
            with_disclaimer(PICK), view=view, ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(ReplyCardMenu)
    await bot.add_cog(ReplyWithCard(bot))
