"""Settings from the environment (and a .env file), built once in the entry point, never at import time."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.paths import default_database_path, default_spec_path
from bot.storage.target import DatabaseUrlError, Target, parse_database_url

_TRUE = {"on", "true", "1", "yes"}
_FALSE = {"off", "false", "0", "no"}
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_KEY_FILE = "server-key"
DEFAULT_STARTUP_RETRY = 60.0  # seconds of retrying an unreachable Discord at start-up before giving up
_HEX_KEY = re.compile(r"^[0-9a-fA-F]{64}$")


def _token_shaped(token: str) -> bool:
    """Only printable ASCII without spaces: anything else would break the HTTP header it is sent in."""
    return token.isascii() and token.isprintable() and not any(ch.isspace() for ch in token)


def _non_negative_number(text: str) -> bool:
    try:
        return float(text) >= 0
    except ValueError:
        return False


class SettingsError(Exception):
    """A missing or malformed setting; the message is safe to print (it never contains the token)."""


class Secret:
    """Holds the token so that no repr, log line or traceback can show it."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    token: Secret | None = None
    dev_guild_id: int | None = None
    usage_db_path: Path = field(default_factory=default_database_path)
    usage_log: bool = True
    log_level: str = "INFO"
    api_base_url: str | None = None
    gateway_url: str | None = None
    api_spec_path: Path | None = None  # Discord's OpenAPI spec, for the local Discord's request checks
    content_dir: Path | None = None  # None: the content bundled with the bot
    server_key: Secret | None = None  # hex; None: read (or create) server_key_file
    server_key_file: Path | None = None  # None: "server-key" beside the database
    startup_retry_seconds: float = DEFAULT_STARTUP_RETRY
    project_url: str | None = None  # where /about tells people to report a mistake in a card
    public_key: str | None = None  # hex Ed25519 key that signs HTTP interactions (`python -m bot serve`)
    database_url: Secret | None = None  # None: SQLite at usage_db_path; may hold a password
    shard_count: int | None = None  # None: as many as Discord recommends (GET /gateway/bot)
    cluster_index: int = 0
    cluster_count: int = 1
    shared_state_in_store: bool = False  # quiz tallies and post limits in the database, not in memory
    local_mode_allowed: bool = True  # LOCAL_MODE=off: no token is an error (containers), never the console
    health_file: Path | None = None  # None: health-<cluster>.json beside the database

    @property
    def database(self) -> Target:
        """Which database to use: DATABASE_URL, else SQLite at USAGE_DB_PATH."""
        return parse_database_url(self.database_url.reveal() if self.database_url else None, self.usage_db_path)

    @property
    def shared_state(self) -> bool:
        """Keep quiz tallies and public-post limits in the shared store: asked for, or needed by several clusters."""
        return self.shared_state_in_store or self.cluster_count > 1

    @property
    def heartbeat_path(self) -> Path:
        return self.health_file or self.usage_db_path.with_name(f"health-{self.cluster_index}.json")

    @property
    def local_mode(self) -> bool:
        """No token: run offline against the built-in local Discord."""
        return self.token is None

    @property
    def key_file(self) -> Path:
        """Where the server-key secret is kept when SERVER_KEY is not set."""
        return self.server_key_file or self.usage_db_path.with_name(DEFAULT_KEY_FILE)


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")) -> Settings:
    """Read settings; the process environment wins over the .env file. Raises SettingsError listing every problem."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str) -> str | None:
        return (values.get(name) or "").strip() or None

    problems: list[str] = []

    token = get("DISCORD_TOKEN")
    if token is not None and not _token_shaped(token):
        problems.append(
            "DISCORD_TOKEN contains spaces, control characters or non-ASCII letters, which a token never has; "
            "paste the bot token exactly as Discord shows it"
        )

    dev_guild = get("DEV_GUILD_ID")
    if dev_guild is not None and not (dev_guild.isdigit() and len(dev_guild) <= 20):
        problems.append("DEV_GUILD_ID must be a server ID: digits only (right-click the server, Copy Server ID)")

    usage_log = (get("USAGE_LOG") or "on").lower()
    if usage_log not in _TRUE | _FALSE:
        problems.append("USAGE_LOG must be 'on' or 'off'")

    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in _LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(_LEVELS)}")

    api_base, gateway = get("DISCORD_API_BASE_URL"), get("DISCORD_GATEWAY_URL")
    if api_base is not None and not api_base.startswith(("http://", "https://")):
        problems.append("DISCORD_API_BASE_URL must start with http:// or https://")
    if gateway is not None and not gateway.startswith(("ws://", "wss://")):
        problems.append("DISCORD_GATEWAY_URL must start with ws:// or wss://")
    if (api_base is None) != (gateway is None):
        problems.append("set both DISCORD_API_BASE_URL and DISCORD_GATEWAY_URL, or neither")

    spec = get("DISCORD_API_SPEC_PATH")
    if spec is not None and not Path(spec).expanduser().is_file():
        problems.append("DISCORD_API_SPEC_PATH must name an existing file (Discord's openapi.json)")

    content = get("CONTENT_DIR")
    if content is not None and not Path(content).expanduser().is_dir():
        problems.append("CONTENT_DIR must name an existing folder (one with conditions/*.yaml and glossary/*.yaml)")

    server_key, key_file = get("SERVER_KEY"), get("SERVER_KEY_FILE")
    if server_key is not None and not _HEX_KEY.match(server_key):
        problems.append("SERVER_KEY must be 64 hexadecimal characters (32 random bytes, e.g. `openssl rand -hex 32`)")
    if server_key is not None and key_file is not None:
        problems.append("set SERVER_KEY or SERVER_KEY_FILE, not both")

    project_url = get("PROJECT_URL")
    if project_url is not None and not project_url.startswith("https://"):
        problems.append("PROJECT_URL must be an https:// address (where people report a mistake: your issue tracker)")

    retry = get("STARTUP_RETRY_SECONDS")
    if retry is not None and not _non_negative_number(retry):
        problems.append("STARTUP_RETRY_SECONDS must be a number of seconds, 0 or more")

    public_key = get("DISCORD_PUBLIC_KEY")
    if public_key is not None and not _HEX_KEY.match(public_key):
        problems.append(
            "DISCORD_PUBLIC_KEY must be 64 hexadecimal characters: the Public Key on the Developer Portal's "
            "General Information page"
        )
    database_url = get("DATABASE_URL")
    if database_url is not None:
        try:
            parse_database_url(database_url, default_database_path())
        except DatabaseUrlError as exc:
            problems.append(str(exc))
    sharding = _sharding(get, problems, postgres=database_url is not None and not database_url.startswith("sqlite"))

    shared = (get("SHARED_STATE") or "memory").lower()
    if shared not in ("memory", "store"):
        problems.append("SHARED_STATE must be 'memory' (one process) or 'store' (kept in the database)")
    local_mode = (get("LOCAL_MODE") or "auto").lower()
    if local_mode not in ("auto", "off"):
        problems.append("LOCAL_MODE must be 'auto' or 'off'")
    health = get("HEALTH_FILE")

    if problems:
        raise SettingsError("Settings problem: " + "; ".join(problems) + ".")
    db_path = get("USAGE_DB_PATH")
    return Settings(
        token=Secret(token) if token else None,
        dev_guild_id=int(dev_guild) if dev_guild else None,
        usage_db_path=Path(db_path).expanduser() if db_path else default_database_path(),
        usage_log=usage_log in _TRUE,
        log_level=level,
        api_base_url=api_base,
        gateway_url=gateway,
        api_spec_path=Path(spec).expanduser() if spec else default_spec_path(),
        content_dir=Path(content).expanduser() if content else None,
        server_key=Secret(server_key.lower()) if server_key else None,
        server_key_file=Path(key_file).expanduser() if key_file else None,
        startup_retry_seconds=float(retry) if retry is not None else DEFAULT_STARTUP_RETRY,
        project_url=project_url,
        public_key=public_key.lower() if public_key else None,
        database_url=Secret(database_url) if database_url else None,
        shard_count=sharding[0],
        cluster_index=sharding[1],
        cluster_count=sharding[2],
        shared_state_in_store=shared == "store",
        local_mode_allowed=local_mode == "auto",
        health_file=Path(health).expanduser() if health else None,
    )


def _sharding(get: Callable[[str], str | None], problems: list[str], *, postgres: bool) -> tuple[int | None, int, int]:
    """SHARD_COUNT (a number, or auto), CLUSTER_INDEX and CLUSTER_COUNT: which shards this process runs."""
    shards_text = (get("SHARD_COUNT") or "auto").lower()
    index_text, count_text = get("CLUSTER_INDEX") or "0", get("CLUSTER_COUNT") or "1"
    shards = int(shards_text) if shards_text.isdigit() else None
    if shards_text != "auto" and not (shards and shards >= 1):
        problems.append("SHARD_COUNT must be a number of shards, 1 or more, or 'auto'")
    if not (index_text.isdigit() and count_text.isdigit() and int(count_text) >= 1):
        problems.append("CLUSTER_INDEX and CLUSTER_COUNT must be whole numbers (CLUSTER_COUNT 1 or more)")
        return shards, 0, 1
    index, count = int(index_text), int(count_text)
    if index >= count:
        problems.append(f"CLUSTER_INDEX must be below CLUSTER_COUNT (0 to {count - 1})")
    if shards is not None and count > shards:
        problems.append("CLUSTER_COUNT cannot be more than SHARD_COUNT: each cluster runs at least one shard")
    if count > 1 and not postgres:
        problems.append(
            "CLUSTER_COUNT above 1 needs DATABASE_URL=postgresql://...: the clusters share their counters and "
            "settings, and take turns connecting, through it"
        )
    return shards, index, count
