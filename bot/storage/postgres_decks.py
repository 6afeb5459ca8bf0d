"""The PostgreSQL backend's study decks (bot.storage.backend.Decks). Each change is one transaction, and renews the
expiry of every row of its member; a memory is replaced only if it is still the one the click saw, so two processes
answering the same double click count it once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import asyncpg

from bot.storage.backend import DeckRow
from bot.storage.postgres_shared import affected

_RENEW = "UPDATE deck_items SET expires_at = $2 WHERE member = $1"


class PostgresDecks:
    _pool: asyncpg.Pool

    async def deck(self, member: str) -> dict[str, str]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT item, schedule FROM deck_items WHERE member = $1", member)
        return {str(r[0]): str(r[1]) for r in rows}

    async def add_to_deck(self, member: str, items: Mapping[str, str], *, expires_at: float, limit: int) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            # The member's rows are locked first, so two processes adding at once cannot both see room for one more.
            held = len(await conn.fetch("SELECT item FROM deck_items WHERE member = $1 FOR UPDATE", member))
            added = 0
            for item, memory in sorted(items.items()):
                if held + added >= limit:
                    break
                status = await conn.execute(
                    "INSERT INTO deck_items (member, item, schedule, expires_at) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT DO NOTHING",
                    member,
                    item,
                    memory,
                    expires_at,
                )
                added += affected(status)
            await conn.execute(_RENEW, member, expires_at)
        return added

    async def save_deck_item(self, member: str, item: str, memory: str, *, was: str, expires_at: float) -> bool:
        async with self._pool.acquire() as conn, conn.transaction():
            status = await conn.execute(
                "UPDATE deck_items SET schedule = $3 WHERE member = $1 AND item = $2 AND schedule = $4",
                member,
                item,
                memory,
                was,
            )
            saved = affected(status) == 1
            if saved:
                await conn.execute(_RENEW, member, expires_at)
        return saved

    async def remove_from_deck(self, member: str, items: Iterable[str]) -> int:
        async with self._pool.acquire() as conn:
            status = await conn.execute(
                "DELETE FROM deck_items WHERE member = $1 AND item = ANY($2::text[])", member, sorted(items)
            )
        return affected(status)

    async def delete_deck(self, member: str) -> int:
        async with self._pool.acquire() as conn:
            return affected(await conn.execute("DELETE FROM deck_items WHERE member = $1", member))

    async def all_deck_rows(self) -> list[DeckRow]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT member, item, schedule, expires_at FROM deck_items")
        return [DeckRow(str(r[0]), str(r[1]), str(r[2]), float(r[3])) for r in rows]

    async def put_deck_rows(self, rows: Iterable[DeckRow]) -> None:
        values = sorted((r.member, r.item, r.memory, r.expires_at) for r in rows)
        if values:
            async with self._pool.acquire() as conn, conn.transaction():
                await conn.executemany(
                    "INSERT INTO deck_items (member, item, schedule, expires_at) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (member, item) DO UPDATE SET schedule = EXCLUDED.schedule, "
                    "expires_at = EXCLUDED.expires_at",
                    values,
                )
