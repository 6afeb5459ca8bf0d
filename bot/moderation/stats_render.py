"""The /stats reply: an embed listing the shown counts, and a bar chart of the top cards when there are several."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.moderation.bar_chart import bar_chart_png
from bot.moderation.stats import MIN_SHOWN, ROUND_TO, UsageStats
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, add_packed_fields
from bot.storage.recorder import UNMATCHED

CHART_FILE = "top-cards.png"
TOP_CARDS = 10
TOP_COMMANDS = 15
NO_MATCH = "no matching card"

DATABASE_UNAVAILABLE = (
    "Usage numbers aren't available right now: the bot's database could not be read, so nothing can be shown "
    "(and nothing is being counted). Everything else works as usual; the bot's operator will find the reason "
    "in its log."
)
GLOBAL_NOTE = (
    "These numbers are for **every server that uses this bot**, not just this one, and count only use inside "
    "servers (never in DMs). They cover whole weeks (Monday to Sunday, UTC) that are over: this week shows once it "
    "ends. A command or card is shown for a week only if it was used at least {min_shown} times *outside the one "
    "server that used it most*, so no server, this one included, can make a number appear by itself. Numbers are "
    "rounded to the nearest {round_to}, and can be a little below the real ones."
)
COUNTING_OFF = "Counting is turned off on this bot by its operator, so nothing new is being added."
SERVER_OPTED_OUT = "This server has opted out of counting, so its own use is not in these numbers."
NOTHING_YET = (
    "Nothing to show yet: no card or command was used at least {min_shown} times, beyond its busiest server, in "
    "these weeks."
)


@dataclass(frozen=True)
class StatsMessage:
    embed: discord.Embed
    chart_png: bytes | None  # attach as CHART_FILE; the embed already points at it


def stats_message(
    stats: UsageStats, kb: KnowledgeBase, weeks: int, *, counting_on: bool = True, server_counted: bool = True
) -> StatsMessage:
    notes = [GLOBAL_NOTE.format(round_to=ROUND_TO, min_shown=MIN_SHOWN)]
    notes += [] if counting_on else [COUNTING_OFF]
    notes += [] if server_counted else [SERVER_OPTED_OUT]
    embed = discord.Embed(title=f"Usage {_period(weeks)}", description="\n\n".join(notes), colour=NEUTRAL_COLOUR)
    embed.set_footer(text=DISCLAIMER)
    if stats.empty:
        embed.add_field(name="Nothing to show yet", value=NOTHING_YET.format(min_shown=MIN_SHOWN), inline=False)
        return StatsMessage(embed, None)
    cards = stats.cards[:TOP_CARDS]
    if cards:
        lines = [f"{n}. {_card_label(kb, key)}: about {count}" for n, (key, count) in enumerate(cards, start=1)]
        add_packed_fields(embed, "Most looked-up cards", lines)
    if stats.commands:
        lines = [f"• `/{name}`: about {count}" for name, count in stats.commands[:TOP_COMMANDS]]
        add_packed_fields(embed, "Most used commands", lines)
    if len(cards) < 2:  # a chart of one bar says nothing the list does not
        return StatsMessage(embed, None)
    bars = [(_short_label(kb, key), count) for key, count in cards]
    embed.set_image(url=f"attachment://{CHART_FILE}")
    return StatsMessage(embed, bar_chart_png(f"Most looked-up cards, {_period(weeks)} (rounded)", bars))


def _period(weeks: int) -> str:
    return "in the last full week" if weeks == 1 else f"in the last {weeks} full weeks"


def _card_label(kb: KnowledgeBase, key: str) -> str:
    if key == UNMATCHED:
        return f"*{NO_MATCH}*"
    condition = kb.get(key)
    return choice_label(condition) if condition else f"{key} (no longer in the bot)"


def _short_label(kb: KnowledgeBase, key: str) -> str:
    if key == UNMATCHED:
        return NO_MATCH
    condition = kb.get(key)
    return condition.short_name if condition else key
