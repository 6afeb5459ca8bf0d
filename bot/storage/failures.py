"""What a database that cannot be reached or written right now raises, whichever backend: a feature that must answer
anyway catches these (and only these) and says so, while any other exception stays a bug for the error handler."""

from __future__ import annotations

import sqlite3

import asyncpg

from bot.storage.database import DatabaseReplaced

UNREACHABLE = (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError, DatabaseReplaced)
