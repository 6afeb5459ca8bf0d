"""Which database the bot uses, from DATABASE_URL (or USAGE_DB_PATH): pure, so the rules are tested alone.

unset                      -> SQLite at USAGE_DB_PATH (default var/bot.sqlite3)
sqlite:///relative/path    -> SQLite at that path (sqlite:////absolute/path for an absolute one)
postgresql://user:pw@host:5432/db (or postgres://) -> PostgreSQL
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit


class DatabaseUrlError(ValueError):
    """DATABASE_URL is not one the bot understands; the message never repeats a password."""


@dataclass(frozen=True)
class SqliteTarget:
    path: Path
    kind: str = "sqlite"

    @property
    def location(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class PostgresTarget:
    dsn: str = field(repr=False)  # holds the password: never logged, never in a repr
    location: str = ""  # host:port/database, safe to log
    kind: str = "postgresql"


Target = SqliteTarget | PostgresTarget


def parse_database_url(url: str | None, sqlite_path: Path) -> Target:
    if not url:
        return SqliteTarget(sqlite_path)
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise DatabaseUrlError("DATABASE_URL for SQLite is sqlite:///relative/path or sqlite:////absolute/path")
        return SqliteTarget(Path(unquote(rest[1:])).expanduser())
    if scheme in ("postgresql", "postgres"):
        parts = urlsplit(url)
        try:
            port = parts.port or 5432
        except ValueError:
            raise DatabaseUrlError("DATABASE_URL has a port that is not a number") from None
        database = parts.path.lstrip("/") or (parts.username or "postgres")
        host = parts.hostname or "localhost (socket)"
        return PostgresTarget(dsn=url, location=f"{host}:{port}/{database}")
    raise DatabaseUrlError("DATABASE_URL must start with sqlite:/// or postgresql://")
