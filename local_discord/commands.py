"""What the bot registered: global and per-guild application commands, as Discord stores them."""

from __future__ import annotations

from typing import Any

from local_discord.snowflakes import SnowflakeFactory

CHAT_INPUT = 1


class CommandRegistry:
    def __init__(self, application_id: str, snowflakes: SnowflakeFactory) -> None:
        self.application_id = application_id
        self._snowflakes = snowflakes
        self._by_scope: dict[str | None, list[dict[str, Any]]] = {}  # None = global
        self.sync_count = 0

    def replace(self, guild_id: str | None, submitted: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A bulk overwrite (PUT): keeps the id of a command that keeps its name and type, like Discord."""
        previous = {(c["name"], c["type"]): c for c in self._by_scope.get(guild_id, [])}
        stored = []
        for command in submitted:
            kind = command.get("type") or CHAT_INPUT
            old = previous.get((command["name"], kind))
            stored.append(self._stored(command, kind, guild_id, old))
        self._by_scope[guild_id] = stored
        self.sync_count += 1
        return stored

    def _stored(self, command: dict[str, Any], kind: int, guild_id: str | None, old: dict[str, Any] | None) -> dict:
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

    def find(self, name: str, guild_id: str | None) -> dict[str, Any] | None:
        """The chat-input command a user in `guild_id` (None: a DM) sees as /name: guild commands first."""
        scopes = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self._by_scope.get(scope, []):
                if command["name"] == name and command["type"] == CHAT_INPUT:
                    return command
        return None

    def names(self, guild_id: str | None) -> list[str]:
        scopes = [guild_id, None] if guild_id is not None else [None]
        return sorted({c["name"] for scope in scopes for c in self._by_scope.get(scope, [])})


def _as_str(value: Any) -> str | None:
    return None if value is None else str(value)
