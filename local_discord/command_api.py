"""Application commands: bulk overwrite (PUT) and the single-command routes (POST, GET, PATCH, DELETE), global and
per guild, with Discord's caps on how many and how large."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from local_discord.command_limits import command_issues, command_list_issues
from local_discord.commands import MAX_COMMANDS, command_type
from local_discord.error_codes import (
    MAX_APPLICATION_COMMANDS,
    MISSING_ACCESS,
    UNKNOWN_APPLICATION_COMMAND,
    UNKNOWN_GUILD,
)
from local_discord.http_json import json_response
from local_discord.kinds import CommandType
from local_discord.rest import Rejection
from local_discord.urls import API_PREFIX

if TYPE_CHECKING:
    from local_discord.rest import Rest
    from local_discord.state import EmulatorState


class CommandApi:
    def __init__(self, state: EmulatorState, rest: Rest) -> None:
        self.state = state
        self.rest = rest

    def routes(self) -> list[web.RouteDef]:
        routes = []
        for scope in ("/applications/{application_id}", "/applications/{application_id}/guilds/{guild_id}"):
            commands = API_PREFIX + scope + "/commands"
            one = commands + "/{command_id}"
            routes += [
                web.get(commands, self.list_commands),
                web.put(commands, self.overwrite_commands),
                web.post(commands, self.create_command),
                web.get(one, self.get_command),
                web.patch(one, self.edit_command),
                web.delete(one, self.delete_command),
            ]
        return routes

    def _scope(self, request: web.Request) -> str | None:
        self.rest.require_bot(request)
        if request.match_info["application_id"] != self.state.application_id:
            raise Rejection(403, MISSING_ACCESS, "Missing Access")
        guild_id = request.match_info.get("guild_id")
        if guild_id is not None:
            try:
                self.state.world.guild(guild_id)
            except KeyError:
                raise Rejection(404, UNKNOWN_GUILD, "Unknown Guild") from None
        return guild_id

    async def list_commands(self, request: web.Request) -> web.Response:
        return json_response(self.state.commands.listed(self._scope(request)))

    async def overwrite_commands(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        body, _ = await self.rest.read_body(request)
        commands = [command for command in body if isinstance(command, dict)] if isinstance(body, list) else []
        self.rest.validate(request, body, command_list_issues(commands))
        for kind, cap in MAX_COMMANDS.items():
            if sum(command_type(command) == kind for command in commands) > cap:
                raise _too_many(kind)
        stored = self.state.commands.replace(guild_id, commands)
        self.state.signal.notify()
        return json_response(stored)

    async def create_command(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        body, _ = await self.rest.read_object(request)
        self.rest.validate(request, body, command_issues(body))
        kind = command_type(body)
        known = self.state.commands.find_by_name(guild_id, body["name"], kind)
        if known is None and kind in MAX_COMMANDS and self.state.commands.count(guild_id, kind) >= MAX_COMMANDS[kind]:
            raise _too_many(kind)
        stored, created = self.state.commands.upsert(guild_id, body)
        self.state.signal.notify()
        return json_response(stored, 201 if created else 200)

    def _command(self, request: web.Request, guild_id: str | None) -> dict[str, Any]:
        command = self.state.commands.get(guild_id, request.match_info["command_id"])
        if command is None:
            raise Rejection(404, UNKNOWN_APPLICATION_COMMAND, "Unknown application command")
        return command

    async def get_command(self, request: web.Request) -> web.Response:
        return json_response(self._command(request, self._scope(request)))

    async def edit_command(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        old = self._command(request, guild_id)
        body, _ = await self.rest.read_object(request)
        merged = {key: value for key, value in old.items() if key in ("name", "type", "description", "options")}
        self.rest.validate(request, body, command_issues(merged | body))
        edited = self.state.commands.edit(guild_id, old["id"], body)
        assert edited is not None
        self.state.signal.notify()
        return json_response(edited)

    async def delete_command(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        self.state.commands.delete(guild_id, self._command(request, guild_id)["id"])
        self.state.signal.notify()
        return web.Response(status=204)


def _too_many(kind: int) -> Rejection:
    cap = MAX_COMMANDS[CommandType(kind)]
    return Rejection(400, MAX_APPLICATION_COMMANDS, f"Maximum number of application commands reached ({cap})")
