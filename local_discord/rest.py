"""REST plumbing (auth, body parsing, validation, faults, the JSON 404) and the login/command-sync routes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from local_discord import limits
from local_discord.faults import RATE_LIMIT, SERVER_ERROR, rate_limited_response, server_error_response
from local_discord.form_errors import INVALID_FORM_BODY, Issue, nest_issues
from local_discord.http_json import error_response, json_response
from local_discord.urls import API_PREFIX, gateway_url
from local_discord.violations import RequestRecord, Violation

if TYPE_CHECKING:
    from local_discord.faults import Faults
    from local_discord.replies import Reply
    from local_discord.spec_check import SpecChecker
    from local_discord.state import EmulatorState

# The body of the request being handled, for the violation record if it is refused (one per handler task).
_body: ContextVar[Any] = ContextVar("request_body", default=None)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

UNKNOWN_GUILD = 10004
MISSING_ACCESS = 50001
INVALID_JSON = 50109


class Rejection(Exception):
    """Raised by a handler to refuse a request the way Discord would; recorded as a violation."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None, *, reply: Reply | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors, self.reply = status, code, message, errors, reply


def route_template(request: web.Request) -> str:
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else request.path
    return template.removeprefix(API_PREFIX)


class Rest:
    def __init__(self, state: EmulatorState, spec: SpecChecker, faults: Faults) -> None:
        self.state = state
        self.spec = spec
        self.faults = faults

    def routes(self) -> list[web.RouteDef]:
        api = API_PREFIX
        return [
            web.get(api + "/users/@me", self.current_user),
            web.get(api + "/oauth2/applications/@me", self.current_application),
            web.get(api + "/gateway", self.gateway),
            web.get(api + "/gateway/bot", self.gateway_bot),
            web.get(api + "/applications/{application_id}/commands", self.get_commands),
            web.put(api + "/applications/{application_id}/commands", self.put_commands),
            web.get(api + "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands),
            web.put(api + "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands),
        ]

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)  # the gateway websocket
        template = route_template(request)
        self.state.in_flight += 1
        try:
            response = await self._respond(request, handler, template)
        except Rejection as rejection:
            response = self._refuse(request, template, rejection)
        finally:
            self.state.in_flight -= 1
            self.state.signal.notify()
        self.state.requests.append(RequestRecord(request.method, template, response.status))
        return response

    async def _respond(self, request: web.Request, handler: Handler, template: str) -> web.StreamResponse:
        unmatched = request.match_info.http_exception
        if unmatched is not None:
            raise Rejection(unmatched.status, 0, f"{unmatched.status}: {unmatched.reason}")
        fault = self.faults.take(request.method, template)
        if fault is not None and fault.kind == RATE_LIMIT:
            return rate_limited_response(fault, request.method, template)
        if fault is not None and fault.kind == SERVER_ERROR:
            return server_error_response(fault)
        if fault is not None:  # a delay: as if the request took that long to reach Discord
            await asyncio.sleep(fault.seconds)
        return await handler(request)

    def _refuse(self, request: web.Request, template: str, rejection: Rejection) -> web.Response:
        violation = Violation(
            request.method,
            template,
            rejection.status,
            rejection.code,
            rejection.message,
            rejection.errors,
            _body.get(),
        )
        if rejection.reply is not None:
            rejection.reply.rejections.append(violation)
        self.state.record_violation(violation)
        return error_response(rejection.status, rejection.code, rejection.message, rejection.errors)

    # Helpers for handlers

    def require_bot(self, request: web.Request) -> None:
        if not self.state.token_matches(request.headers.get("Authorization", "").removeprefix("Bot ")):
            raise Rejection(401, 0, "401: Unauthorized")

    async def read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        """The JSON body (or a multipart body's payload_json) and the names and sizes of any uploaded files."""
        files: list[dict[str, Any]] = []
        if request.content_type == "multipart/form-data":
            body: Any = {}
            async for part in await request.multipart():
                if not isinstance(part, BodyPartReader):
                    continue
                if part.name == "payload_json":
                    body = self._parse_json(await part.read())
                else:
                    content = await part.read()
                    files.append({"filename": part.filename or "file", "size": len(content)})
        else:
            raw = await request.read()
            body = self._parse_json(raw) if raw else None
        _body.set(body)
        return body, files

    async def read_object(self, request: web.Request) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A body that must be a JSON object (an absent body counts as empty), and any uploaded files."""
        body, files = await self.read_body(request)
        if body is None:
            return {}, files
        if not isinstance(body, dict):
            issue = Issue((), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
            raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues([issue]))
        return body, files

    @staticmethod
    def _parse_json(raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except ValueError:
            raise Rejection(400, INVALID_JSON, "The request body contains invalid JSON.") from None

    def validate(self, request: web.Request, body: Any, issues: list[Issue], *, reply: Reply | None = None) -> None:
        """Refuse with 50035 if the spec or Discord's extra limits find anything wrong with `body`."""
        found = self.spec.check(request.method, request.path.removeprefix(API_PREFIX), body) + issues
        if found:
            raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues(found), reply=reply)

    # Login

    async def current_user(self, request: web.Request) -> web.Response:
        self.require_bot(request)
        extra = {"verified": True, "mfa_enabled": False, "flags": 0, "email": None, "locale": "en-US"}
        return json_response(self.state.world.bot.payload() | extra)

    async def current_application(self, request: web.Request) -> web.Response:
        self.require_bot(request)
        world = self.state.world
        owner = world.guilds[0].owner
        return json_response(
            {
                "id": world.application_id,
                "name": world.bot.username,
                "icon": None,
                "description": "A bot running against the local Discord emulator.",
                "summary": "",
                "type": None,
                "bot": world.bot.payload(),
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "tags": [],
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "approximate_guild_count": len(world.guilds),
            }
        )

    async def gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": gateway_url(self.state.base_url)})

    async def gateway_bot(self, request: web.Request) -> web.Response:
        self.require_bot(request)
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": gateway_url(self.state.base_url), "shards": 1, "session_start_limit": limit})

    # Command sync

    def _command_scope(self, request: web.Request) -> str | None:
        self.require_bot(request)
        if request.match_info["application_id"] != self.state.application_id:
            raise Rejection(403, MISSING_ACCESS, "Missing Access")
        guild_id = request.match_info.get("guild_id")
        if guild_id is not None:
            try:
                self.state.world.guild(guild_id)
            except KeyError:
                raise Rejection(404, UNKNOWN_GUILD, "Unknown Guild") from None
        return guild_id

    async def get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.state.commands.listed(self._command_scope(request)))

    async def put_commands(self, request: web.Request) -> web.Response:
        guild_id = self._command_scope(request)
        body, _ = await self.read_body(request)
        commands = body if isinstance(body, list) else []
        self.validate(request, body, limits.command_list_issues(commands))
        stored = self.state.commands.replace(guild_id, commands)
        self.state.signal.notify()
        return json_response(stored)
