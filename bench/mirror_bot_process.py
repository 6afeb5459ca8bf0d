"""The bare bot plus /condition, /compare and their autocomplete, answering with OUR payloads, rendered once.

It sends byte for byte what our bot sends for the benchmark's interactions (the same embeds, Share button,
ephemeral flag and autocomplete choices), but looks each answer up instead of matching and rendering it, with
the same command signatures. So mirror vs bare is the cost of carrying our payloads (discord.py, aiohttp, the
emulator), and ours vs mirror is the cost of our own code.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bench.bare_bot import BareBot
from bench.bare_bot_process import serve
from bench.scenarios import CARD_NAMES, COMPARED, TYPED
from bot.cards.buttons import card_view
from bot.cards.options import SECTION_CHOICES
from bot.cards.replies import compare_reply, condition_reply
from bot.content import load_content
from bot.knowledge.lookup import condition_matcher

NO_MENTIONS = discord.AllowedMentions.none()


def rendered() -> tuple[dict[str, tuple[list[discord.Embed], str, str | None]], dict[str, list[tuple[str, str]]]]:
    """Every answer the benchmark asks for: (embeds, share custom_id, the card whose section buttons it carries) by
    typed names; choices by typed text."""
    kb = load_content()
    matcher = condition_matcher(kb)
    messages = {}
    for name in CARD_NAMES:
        reply = condition_reply(kb, matcher, name, None)
        messages[name] = (reply.embeds, reply.share_id or "", reply.card)
    reply = compare_reply(kb, matcher, COMPARED)
    messages[" ".join(COMPARED)] = (reply.embeds, reply.share_id or "", reply.card)
    return messages, {typed: matcher.choices(typed) for typed in TYPED}


def add_mirror_commands(bot: BareBot) -> None:
    messages, choices = rendered()

    async def send(interaction: discord.Interaction, key: str) -> None:
        embeds, custom_id, card = messages[key]
        # Our own finished view (Share here and the card's section buttons), built once per reply on first use
        # (it needs the running loop): discord.py only serializes it, the least a bot can do to send them.
        await interaction.response.send_message(
            embeds=embeds, view=card_view(custom_id, card, None), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    # The same names, options and transformers as ours, so only the body of each handler differs.
    @app_commands.command(name="condition", description="Mirror of /condition.")
    @app_commands.choices(section=SECTION_CHOICES)
    async def condition(
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100],
        section: app_commands.Choice[str] | None = None,
    ) -> None:
        await send(interaction, name)

    @app_commands.command(name="compare", description="Mirror of /compare.")
    async def compare(
        interaction: discord.Interaction,
        first: app_commands.Range[str, 1, 100],
        second: app_commands.Range[str, 1, 100],
        third: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        await send(interaction, f"{first} {second}")

    @condition.autocomplete("name")
    async def names(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=v) for n, v in choices.get(current, [])]

    bot.tree.add_command(condition)
    bot.tree.add_command(compare)


def mirror_bot() -> BareBot:
    bot = BareBot()
    add_mirror_commands(bot)
    return bot


if __name__ == "__main__":
    asyncio.run(serve(mirror_bot()))
