"""The /privacy reply: what the bot stores and never stores, in the words of PRIVACY.md (a test keeps them in step)."""

from __future__ import annotations

import discord

from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, bullets
from bot.stats import MIN_SHOWN

# PRIVACY.md, "What the bot never stores or logs", item for item.
NEVER_STORED = (
    "user IDs, usernames, nicknames or roles",
    "server (guild) IDs or names, channel IDs (server settings use a keyed hash, see above)",
    "message content, or anything typed into a command: names, search text, or autocomplete keystrokes",
    "interaction IDs or tokens, and the bot's own token",
)
IN_MEMORY = (
    "To stop floods of public posts, the bot remembers for about a minute, in memory only, when each person last "
    "posted a card publicly. That is never written down or logged, and it is gone when the bot restarts."
)
STORED = (
    "**Anonymous daily counters**: the day, which command or button was used, which card(s) it showed (by the "
    "bot's own short keys), which part of a card, how it went, and how many times. Anything typed that matches no "
    "card is counted as *no matching card*; the text itself is thrown away.",
    "Two technical values: a hash of the command definitions, so the bot knows when to re-register its commands, "
    "and a random secret key for the server settings below.",
)
SERVER_SETTINGS = (
    "A server's moderators can set three things with `/settings`: whether lookups reply privately (the default) or "
    "publicly, the local emergency number shown in red-flag boxes, and whether the server opted out of counting. "
    "They are stored under a keyed hash of the server ID, never the ID itself, and deleted when the bot leaves the "
    "server. The counters hold no server at all."
)
WHO_SEES = (
    "Members with **Manage Server** can use `/stats`: the most looked-up cards and most used commands, added up "
    "across every server that uses this bot (the counters hold no server). Counts below {min_shown} are never "
    "shown, and the rest are rounded. Nobody, not even the operator, can see who looked something up."
)
TURNING_OFF = (
    "A server's moderators can opt the server out of counting with `/settings`. The bot's operator can turn "
    "counting off entirely (`USAGE_LOG=off`); the bot works the same."
)
OTHERS_SEE = (
    "Lookups reply privately unless your server chose public answers (in DMs they are always private). A card is "
    "posted for everyone only when someone presses **Share here** or a moderator posts it with `/card`. The bot "
    "never pings anyone, except the one member a moderator asks `/card` to point a card at. Discord itself sees "
    "what passes through it, as with any bot, and its own privacy policy applies to that."
)


def privacy_embed() -> discord.Embed:
    embed = discord.Embed(
        title="Privacy: what this bot keeps",
        description="The bot is built so that it cannot tell anyone who looked something up, or what they typed.",
        colour=NEUTRAL_COLOUR,
    )
    embed.add_field(name="What it stores", value="\n".join(bullets(STORED)), inline=False)
    embed.add_field(name="Server settings", value=SERVER_SETTINGS, inline=False)
    never = "\n".join([*bullets(NEVER_STORED), IN_MEMORY])
    embed.add_field(name="What it never stores or logs", value=never, inline=False)
    embed.add_field(name="Who sees the numbers", value=WHO_SEES.format(min_shown=MIN_SHOWN), inline=False)
    embed.add_field(name="Turning counting off", value=TURNING_OFF, inline=False)
    embed.add_field(name="What other people can see", value=OTHERS_SEE, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed
