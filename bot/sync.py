"""Sync slash commands only when the command set (or its target) changed, or when asked."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord import app_commands

from bot.storage.backend import Backend

log = logging.getLogger(__name__)
META_KEY = "command_sync_hash"


async def command_set_hash(tree: app_commands.CommandTree, guild_id: int | None) -> str:
    """A digest of exactly what would be sent to Discord, and where to: built as tree.sync builds it, through the
    tree's translator, so a changed translation is a changed command set (and is synced)."""
    translator = tree.translator
    commands = tree.get_commands()
    if translator is None:
        built = [c.to_dict(tree) for c in commands]
    else:
        built = [await c.get_translated_payload(tree, translator) for c in commands]
    payload = sorted(built, key=lambda d: d["name"])
    blob = json.dumps({"target": guild_id, "commands": payload}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree, database: Backend | None, guild_id: int | None, *, force: bool = False
) -> bool:
    """Sync when needed; return whether a sync was sent."""
    digest = await command_set_hash(tree, guild_id)
    if not force and database is not None and await database.get_meta(META_KEY) == digest:
        log.info("Slash commands unchanged since the last sync; not syncing.")
        return False
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    synced = await tree.sync(guild=guild)
    log.info("Synced %d slash command(s) %s.", len(synced), "to the dev server" if guild else "globally")
    if database is not None:
        try:
            await database.set_meta(META_KEY, digest)
        except Exception as exc:  # SQLite locked or read-only, PostgreSQL gone: synced anyway; syncs again next start
            log.warning(
                "Could not record the command-sync hash (%s); the next start will sync again.", exc.__class__.__name__
            )
    return True
