"""Moving a bot from SQLite to PostgreSQL (`python -m bot db import-sqlite PATH`): everything the file holds, copied
through the storage interface, so the rows keep their meaning exactly.

Server settings keep their keyed hashes, so the same server-key secret must come along (SERVER_KEY, or the key
file): the check value is copied too, and the bot refuses to start with another secret. Servers that opted out of
counting stay out. Counts are copied once: the target must hold no counts or settings yet, so running the copy twice
never doubles a number. Members' study decks come along as they are (their keyed hashes need the same secret too).
Shared state (quiz tallies, post limits) is not copied: it expires within an hour anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.backend import Backend
from bot.storage.server_key import CHECK_NAME
from bot.storage.weeks import this_week

COPIED_META = (CHECK_NAME, "command_sync_hash")
_EVERY_WEEK = ("0000-W00", "9999-W99")


class TargetNotEmpty(Exception):
    """The target already holds counts or settings; the message is safe to print."""


@dataclass(frozen=True)
class Copied:
    settings: int
    open_counts: int
    weekly_rows: int
    deck_items: int


async def copy_store(source: Backend, target: Backend) -> Copied:
    if await target.guild_settings() or await target.open_counts() or await target.weekly_counts(*_EVERY_WEEK):
        raise TargetNotEmpty(
            f"{target.location} already holds counts or server settings: copying into it could count something "
            "twice. Copy into an empty database."
        )
    for name in COPIED_META:
        value = await source.get_meta(name)
        if value is not None:
            await target.set_meta(name, value)
    settings = await source.guild_settings()
    for key, private, number, count in settings:
        await target.save_guild_settings(key, bool(private), number, bool(count))
    week = this_week()
    weekly = await source.weekly_counts(_EVERY_WEEK[0], week)  # closed weeks, including any not folded yet
    await target.add_weekly(weekly)
    open_now = {key: n for key, n in (await source.open_counts()).items() if key.week >= week}
    await target.add_counts(open_now, current_week=week)
    decks = await source.all_deck_rows()
    await target.put_deck_rows(decks)
    return Copied(len(settings), sum(open_now.values()), len(weekly), len(decks))
