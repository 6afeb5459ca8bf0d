"""The SQLite backend's study decks (bot.storage.backend.Decks). Each change is one transaction under the write lock,
and renews the expiry of every row of its member."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

import aiosqlite

from bot.storage.backend import DeckRow

_RENEW = "UPDATE deck_items SET expires_at = ? WHERE member = ?"


class SqliteDecks:
    _conn: aiosqlite.Connection

    async def _locked(self, work: Callable[[], Awaitable[Any]]) -> Any:
        raise NotImplementedError  # SqliteSharedState's: one write transaction taken before its first read

    async def deck(self, member: str) -> dict[str, str]:
        async with self._conn.execute("SELECT item, schedule FROM deck_items WHERE member = ?", (member,)) as cursor:
            return {str(item): str(memory) async for item, memory in cursor}

    async def add_to_deck(self, member: str, items: Mapping[str, str], *, expires_at: float, limit: int) -> int:
        async def work() -> int:
            async with self._conn.execute("SELECT COUNT(*) FROM deck_items WHERE member = ?", (member,)) as cursor:
                row = await cursor.fetchone()
            room = limit - (int(row[0]) if row else 0)
            added = 0
            for item, memory in items.items():
                if added >= room:
                    break
                cursor = await self._conn.execute(
                    "INSERT INTO deck_items (member, item, schedule, expires_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (member, item, memory, expires_at),
                )
                added += cursor.rowcount
            await self._conn.execute(_RENEW, (expires_at, member))
            return added

        return int(await self._locked(work))

    async def save_deck_item(self, member: str, item: str, memory: str, *, was: str, expires_at: float) -> bool:
        async def work() -> bool:
            cursor = await self._conn.execute(
                "UPDATE deck_items SET schedule = ? WHERE member = ? AND item = ? AND schedule = ?",
                (memory, member, item, was),
            )
            if cursor.rowcount:
                await self._conn.execute(_RENEW, (expires_at, member))
            return bool(cursor.rowcount)

        return bool(await self._locked(work))

    async def remove_from_deck(self, member: str, items: Iterable[str]) -> int:
        async def work() -> int:
            gone = 0
            for item in items:
                sql = "DELETE FROM deck_items WHERE member = ? AND item = ?"
                gone += (await self._conn.execute(sql, (member, item))).rowcount
            return gone

        return int(await self._locked(work))

    async def delete_deck(self, member: str) -> int:
        async def work() -> int:
            return (await self._conn.execute("DELETE FROM deck_items WHERE member = ?", (member,))).rowcount

        return int(await self._locked(work))

    async def all_deck_rows(self) -> list[DeckRow]:
        async with self._conn.execute("SELECT member, item, schedule, expires_at FROM deck_items") as cursor:
            return [DeckRow(str(m), str(i), str(v), float(e)) async for m, i, v, e in cursor]

    async def put_deck_rows(self, rows: Iterable[DeckRow]) -> None:
        values = [(r.member, r.item, r.memory, r.expires_at) for r in rows]

        async def work() -> None:
            await self._conn.executemany(
                "INSERT INTO deck_items (member, item, schedule, expires_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (member, item) DO UPDATE SET schedule = excluded.schedule, "
                "expires_at = excluded.expires_at",
                values,
            )

        await self._locked(work)
