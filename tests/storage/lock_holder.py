"""Another process holding a lock on the bot's SQLite file, the way a backup tool or a stray sqlite3 shell would."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

# Takes the write lock and, before letting go, commits a change of its own: the database moved on meanwhile.
# "exclusive" also keeps every other connection from reading (SQLite's exclusive locking mode).
_SCRIPT = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO bot_meta (name, value) VALUES ('lock_holder', 'was here') ON CONFLICT DO NOTHING")
if sys.argv[2] == "exclusive":
    conn.execute("COMMIT")  # in exclusive locking mode, the lock outlives the transaction (until exit)
print("locked", flush=True)
sys.stdin.readline()
if sys.argv[2] == "write":
    conn.execute("COMMIT")
"""


@asynccontextmanager
async def lock_held(path: Path, mode: str = "write") -> AsyncIterator[None]:
    """Hold a lock on `path` from another process for the duration of the block ("write" or "exclusive")."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _SCRIPT, str(path), mode, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert await asyncio.wait_for(process.stdout.readline(), 10) == b"locked\n"
        yield
    finally:
        process.stdin.write(b"release\n")
        await process.stdin.drain()
        await asyncio.wait_for(process.wait(), 10)
    assert process.returncode == 0
