"""REST plumbing: the JSON 404/405, Bot authorization, rate limits and their headers, faults, body parsing and
validation, the record of every request, and the check of every answer against the spec."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from local_discord.error_codes import GENERAL, INVALID_FORM_BODY, INVALID_JSON
from local_discord.faults import RATE_LIMIT, SERVER_ERROR, server_error_response
from local_discord.form_errors import Issue, nest_issues
from local_discord.http_json import UNAUTHORIZED, JsonResponse, error_response, json_response
from local_discord.ratelimits import RateLimiter, Verdict, bucket_hash, too_many_requests
from local_discord.redaction import redact_path
from local_discord.urls import API_PREFIX, GATEWAY_PATH
from local_discord.violations import RequestRecord, Violation

if TYPE_CHECKING:
    from local_discord.faults import Faults
    from local_discord.output_check import OutputCheck
    from local_discord.replies import Reply
    from local_discord.spec_check import SpecChecker
    from local_discord.state import EmulatorState

# The body of the request being handled, for the violation record if it is refused (one per handler task).
_body: ContextVar[Any] = ContextVar("request_body", default=None)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Rejection(Exception):
    """Raised by a handler to refuse a request the way Discord would; recorded as a violation."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None, *, reply: Reply | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors, self.reply = status, code, message, errors, reply


def route_template(request: web.Request) -> str:
    """The route as recorded: its template when known, else the path with anything secret-looking redacted."""
    resource = request.match_info.route.resource
    if resource is None or request.match_info.http_exception is not None:
        return redact_path(request.path).removeprefix(API_PREFIX)
    return resource.canonical.removeprefix(API_PREFIX)


class Rest:
    def __init__(
        self,
        state: EmulatorState,
        spec: SpecChecker,
        faults: Faults,
        limiter: RateLimiter,
        output_check: OutputCheck | None,
    ) -> None:
        self.state = state
        self.spec = spec
        self.faults = faults
        self.limiter = limiter
        self.output_check = output_check

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == GATEWAY_PATH:
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
        if self.output_check is not None and isinstance(response, JsonResponse | web.Response):
            data = response.data if isinstance(response, JsonResponse) else None
            path = request.path.removeprefix(API_PREFIX)
            self.output_check.response(request.method, path, template, response.status, data)
        self.state.requests.append(RequestRecord(request.method, template, response.status))
        return response

    async def _respond(self, request: web.Request, handler: Handler, template: str) -> web.StreamResponse:
        unmatched = request.match_info.http_exception
        if unmatched is not None:  # Discord answers unknown routes (and other API versions) in JSON too
            raise Rejection(unmatched.status, GENERAL, f"{unmatched.status}: {unmatched.reason}")
        verdict = self.limiter.take(request.method, template, request.match_info)
        if verdict is not None and not verdict.allowed:
            return _rate_limited(verdict.retry_after, verdict)
        fault = self.faults.take(request.method, template)
        if fault is not None and fault.kind == RATE_LIMIT:
            return _rate_limited(fault.retry_after, verdict, is_global=fault.is_global)
        if fault is not None and fault.kind == SERVER_ERROR:
            return server_error_response(fault)
        if fault is not None:  # a delay: as if the request took that long to reach Discord
            await asyncio.sleep(fault.seconds)
        try:
            response = await handler(request)
        except Rejection as rejection:
            response = self._refuse(request, template, rejection)
        if verdict is not None:
            response.headers.update(verdict.headers)
        return response

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
        """Discord wants `Authorization: Bot <token>` exactly: a bare token or another scheme is a 401."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bot" or not self.state.token_matches(token):
            raise Rejection(401, GENERAL, UNAUTHORIZED)

    async def read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        """The JSON body (or a multipart body's payload_json) and any uploaded files: name, size and bytes."""
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
                    files.append({"filename": part.filename or "file", "size": len(content), "content": bytes(content)})
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
        """Refuse with 50035 if the spec or Discord's extra rules find anything wrong with `body`."""
        found = self.spec.check(request.method, request.path.removeprefix(API_PREFIX), body) + issues
        if found:
            raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues(found), reply=reply)


def _rate_limited(retry_after: float, verdict: Verdict | None, *, is_global: bool | None = None) -> web.Response:
    """A 429 for a spent bucket (the limiter's verdict) or an injected one (with limiting on or off)."""
    scope_global = verdict.is_global if is_global is None and verdict is not None else bool(is_global)
    headers: dict[str, str] = {}
    if not scope_global:
        spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": f"{retry_after:.3f}"}
        spent["X-RateLimit-Reset"] = f"{time.time() + retry_after:.3f}"
        known = verdict.headers if verdict is not None and "X-RateLimit-Bucket" in verdict.headers else None
        headers = {**(known or {"X-RateLimit-Limit": "1", "X-RateLimit-Bucket": bucket_hash("injected")}), **spent}
    body, all_headers = too_many_requests(retry_after, is_global=scope_global, headers=headers)
    return json_response(body, 429, all_headers)
