"""The /privacy reply: what the bot stores and never stores, in the words of PRIVACY.md (a test keeps them in step)."""

from __future__ import annotations

import discord

from bot.deck.replies import KEPT_DAYS
from bot.moderation.stats import MIN_SHOWN
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, bullets

# PRIVACY.md, "What the bot never stores or logs", item for item.
NEVER_STORED = (
    "user IDs, usernames, nicknames or roles",
    "server (guild) IDs or names, channel IDs (server settings use a keyed hash, see above)",
    "message content, or anything typed into a command: names, search text, or autocomplete keystrokes",
    "interaction IDs or tokens, and the bot's own token",
    "the language of your Discord app: the bot reads it only to pick the language of its reply, and a card posted "
    "for everyone follows the server's language instead, so it never shows which language one member reads",
)
IN_MEMORY = (
    "To stop floods of public posts, the bot remembers for about a minute, in memory only, when each person last "
    "posted publicly. During a /quiz it remembers who answered each question, in memory only, until the quiz ends "
    "or an hour after its last answer. Neither is ever written down or logged, and both are gone when the bot "
    "restarts."
)
# The same, for a bot whose processes share that state (SHARED_STATE=store, or several clusters).
IN_STORE = (
    "To stop floods of public posts, the bot remembers for about a minute when each person last posted publicly. "
    "During a /quiz it remembers who answered each question, until the quiz ends or an hour after its last answer. "
    "This bot runs as several processes, so it keeps both in its database, under a keyed hash of the user ID "
    "(never the ID itself), and deletes them on time. Neither is ever logged."
)
STORED = (
    "**Anonymous weekly counters**: the week, which command or button was used, which card(s) it showed (by "
    "the bot's own short keys), which part of a card, how it went, and how many times. Anything typed that matches "
    "no card is counted as *no matching card*; the text itself is thrown away.",
    "Only use inside a server that added the bot is counted: never lookups in DMs, never a server where the bot is "
    "only installed to someone's account.",
    "While a week is under way, its counts are kept per server, under the server's keyed hash, so that `/stats` "
    "can tell how much came from one server; when the week ends they are added up without any server.",
    "Two technical values: a hash of the command definitions, so the bot knows when to re-register its commands, "
    "and a check value that tells whether the server-key secret (below) is the right one.",
)
SERVER_SETTINGS = (
    "A server's moderators can set three things with `/settings`: whether `/condition` and `/compare` reply "
    "privately (the default) or publicly, the local emergency number shown in red-flag boxes, and whether the "
    "server opted out of counting. They are stored under a keyed hash of the server ID, never the ID itself, made "
    "with a secret kept outside the database. They are deleted when the bot leaves the server, also if it was "
    "removed while offline, and never kept for a server that has not added the bot."
)
DECK = (
    "Only if you start one with `/deck`: your private study deck, under a keyed hash of your user ID (never the ID "
    "itself). It holds which facts you added (by the bot's own keys, such as `gbs/reflexes`) and, for each, when it "
    "is next due and the scheduler's two numbers for it, as dates without times. `/deck delete` deletes it at once; "
    "otherwise it goes by itself {kept_days} days after you last used it. Nobody else can see it, and it is never "
    "logged."
)
WHO_SEES = (
    "Members with **Manage Server** can use `/stats`: the most looked-up cards and most used commands, added up "
    "across every server that uses this bot, for whole weeks that are over. A number is shown only if at least "
    "{min_shown} uses came from outside the one server that used it most, so nobody can make a count appear with "
    "their own lookups; the rest are rounded. Counts below {min_shown} are never shown. Nobody, not even the "
    "operator, can see who looked something up."
)
TURNING_OFF = (
    "A server's moderators can opt the server out of counting with /settings. The bot's operator can turn counting "
    "off entirely (USAGE_LOG=off); the bot works the same."
)
OTHERS_SEE = (
    "/condition and /compare reply privately unless your server chose public answers (in DMs they are always "
    "private). /search, /glossary and /which always reply privately, so what you typed or picked is never shown in "
    "the channel. A card is posted for everyone only when someone presses **Share here** or a moderator posts it "
    "with /card, and only for someone who may send messages in that channel. Starting a /quiz in a server posts "
    "the quiz for everyone; the answers stay private. The bot never pings anyone, except the one member a "
    "moderator asks /card to point a card at. Discord itself sees what passes through it, as with any bot, and its "
    "own privacy policy applies to that."
)


def privacy_embed(*, shared_state: bool = False) -> discord.Embed:
    """`shared_state`: the post limit and quiz tallies are kept in the database (bot.storage.shared), not in memory."""
    embed = discord.Embed(
        title="Privacy: what this bot keeps",
        description="It is built so that it cannot tell anyone who looked something up, or what they typed.",
        colour=NEUTRAL_COLOUR,
    )
    embed.add_field(name="What it stores", value="\n".join(bullets(STORED)), inline=False)
    embed.add_field(name="Server settings", value=SERVER_SETTINGS, inline=False)
    embed.add_field(name="Your study deck", value=DECK.format(kept_days=KEPT_DAYS), inline=False)
    never = "\n".join([*bullets(NEVER_STORED), IN_STORE if shared_state else IN_MEMORY])
    embed.add_field(name="What it never stores or logs", value=never, inline=False)
    embed.add_field(name="Who sees the numbers", value=WHO_SEES.format(min_shown=MIN_SHOWN), inline=False)
    embed.add_field(name="Turning counting off", value=TURNING_OFF, inline=False)
    embed.add_field(name="What other people can see", value=OTHERS_SEE, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed
