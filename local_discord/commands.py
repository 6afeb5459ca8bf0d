"""What the bot registered: global and per-guild application commands, as Discord stores them."""

from __future__ import annotations

from typing import Any

from local_discord.kinds import CommandType
from local_discord.snowflakes import SnowflakeFactory

# Discord's documented caps per scope (global, or one guild): chat-input, user and message commands.
MAX_COMMANDS: dict[int, int] = {CommandType.CHAT_INPUT: 100, CommandType.USER: 15, CommandType.MESSAGE: 15}
_SERVER_SET = ("id", "application_id", "version", "guild_id")  # what a client cannot choose


class CommandRegistry:
    def __init__(self, application_id: str, snowflakes: SnowflakeFactory) -> None:
        self.application_id = application_id
        self._snowflakes = snowflakes
        self._by_scope: dict[str | None, list[dict[str, Any]]] = {}  # None = global
        # Every write counts (a bulk PUT, or one create, edit or delete): readiness does not assume a bulk sync.
        self.sync_count = 0

    def replace(self, guild_id: str | None, submitted: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A bulk overwrite (PUT): keeps the id of a command that keeps its name and type, like Discord."""
        previous = {(c["name"], c["type"]): c for c in self._by_scope.get(guild_id, [])}
        stored = []
        for command in submitted:
            kind = command_type(command)
            stored.append(self._stored(command, kind, guild_id, previous.get((command["name"], kind))))
        self._by_scope[guild_id] = stored
        self.sync_count += 1
        return stored

    def upsert(self, guild_id: str | None, command: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """POST: a command with a new name is created (True); one with a known name and type is overwritten."""
        scope = self._by_scope.setdefault(guild_id, [])
        kind = command_type(command)
        for index, old in enumerate(scope):
            if (old["name"], old["type"]) == (command["name"], kind):
                scope[index] = self._stored(command, kind, guild_id, old)
                self.sync_count += 1
                return scope[index], False
        scope.append(self._stored(command, kind, guild_id, None))
        self.sync_count += 1
        return scope[-1], True

    def edit(self, guild_id: str | None, command_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        """PATCH: only the fields sent change."""
        scope = self._by_scope.get(guild_id, [])
        for index, old in enumerate(scope):
            if old["id"] == command_id:
                merged = {key: value for key, value in old.items() if key not in _SERVER_SET} | changes
                scope[index] = self._stored(merged, old["type"], guild_id, old)
                self.sync_count += 1
                return scope[index]
        return None

    def delete(self, guild_id: str | None, command_id: str) -> bool:
        scope = self._by_scope.get(guild_id, [])
        kept = [command for command in scope if command["id"] != command_id]
        if len(kept) == len(scope):
            return False
        self._by_scope[guild_id] = kept
        self.sync_count += 1
        return True

    def get(self, guild_id: str | None, command_id: str) -> dict[str, Any] | None:
        return next((c for c in self._by_scope.get(guild_id, []) if c["id"] == command_id), None)

    def find_by_name(self, guild_id: str | None, name: str, kind: int) -> dict[str, Any] | None:
        return next((c for c in self._by_scope.get(guild_id, []) if (c["name"], c["type"]) == (name, kind)), None)

    def count(self, guild_id: str | None, kind: int) -> int:
        return sum(command["type"] == kind for command in self._by_scope.get(guild_id, []))

    def _stored(
        self, command: dict[str, Any], kind: int, guild_id: str | None, old: dict[str, Any] | None
    ) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "id": old["id"] if old else self._snowflakes.next(),
            "application_id": self.application_id,
            "version": self._snowflakes.next(),
            "type": kind,
            "name": command["name"],
            "description": command.get("description") or "",
            "options": command.get("options") or [],
            "default_member_permissions": _as_str(command.get("default_member_permissions")),
            "dm_permission": command.get("dm_permission", True) is not False,
            "nsfw": bool(command.get("nsfw")),
            "contexts": command.get("contexts"),
            "integration_types": command.get("integration_types") or [0],
        }
        for key in ("name_localizations", "description_localizations"):
            if command.get(key):
                stored[key] = command[key]
        if guild_id is not None:
            stored["guild_id"] = guild_id
        return stored

    def listed(self, guild_id: str | None) -> list[dict[str, Any]]:
        return list(self._by_scope.get(guild_id, []))

    def find(self, name: str, guild_id: str | None, kind: int = CommandType.CHAT_INPUT) -> dict[str, Any] | None:
        """The command a user in `guild_id` (None: a DM) sees as /name (or, for a message or user command, in a
        message's or member's Apps menu): guild commands first."""
        scopes = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self._by_scope.get(scope, []):
                if command["name"] == name and command["type"] == kind:
                    return command
        return None

    def names(self, guild_id: str | None) -> list[str]:
        """The chat-input commands a user there sees as /name (message and user commands are in menus instead)."""
        scopes = [guild_id, None] if guild_id is not None else [None]
        return sorted(
            {
                c["name"]
                for scope in scopes
                for c in self._by_scope.get(scope, [])
                if c["type"] == CommandType.CHAT_INPUT
            }
        )


def command_type(command: dict[str, Any]) -> int:
    return int(command.get("type") or CommandType.CHAT_INPUT)


def _as_str(value: Any) -> str | None:
    return None if value is None else str(value)
