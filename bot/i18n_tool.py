"""`python -m bot i18n extract|update|check`: the command tree's strings, from the real bot with every cog loaded.

Delivery, not bot/i18n: it builds the bot to walk the tree, exactly as it will be synced.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.app import LegWeaknessBot, extensions
from bot.config import Settings
from bot.i18n import files
from bot.i18n.locales import LOCALES
from bot.i18n.tree_strings import TreeString, tree_strings
from bot.knowledge.loader import read_knowledge
from bot.paths import content_dir


async def command_strings() -> list[TreeString]:
    """The tree the bot syncs. Content problems do not matter here (no command's text comes from the cards), so
    the content is read leniently: `validate` is the place for them."""
    kb, _problems = read_knowledge(content_dir())
    bot = LegWeaknessBot(Settings(), kb)
    try:
        for extension in extensions():
            await bot.load_extension(extension)
        return tree_strings(bot.tree)
    finally:
        await bot.close()


def run(action: str, directory: Path | None) -> int:
    strings = asyncio.run(command_strings())
    if action == "extract":
        print(f"Wrote {len(strings)} strings to {files.extract(strings, directory)}.")
        return 0
    if action == "update":
        written = files.update(strings, directory)
        print(f"Merged {len(strings)} strings into {len(written)} catalogs; translate the empty and fuzzy entries.")
        return 0
    problems = files.check(strings, directory)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} translation problem(s).", file=sys.stderr)
        return 1
    print(f"OK: {len(strings)} strings translated for {', '.join(LOCALES)}, within Discord's limits.")
    return 0
