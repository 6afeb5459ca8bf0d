"""The Interactions Endpoint: `POST /interactions` (signed by Discord, answered by the bot) and `GET /healthz`.

Nothing is read from a request before its signature verifies, and nothing about a request is logged: no body, no
header, no address (the access log is off). A bad signature is refused with 401 and no other word, as Discord's
probe expects.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from bot.http.answers import HttpAnswer, InteractionAnswers, NotAnInteraction
from bot.http.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureCheck

log = logging.getLogger(__name__)
INTERACTIONS_PATH = "/interactions"
HEALTH_PATH = "/healthz"
# An interaction is a few kilobytes; a component's carries its message (embeds of at most 6000 characters and the
# components), still far below this. Anything larger is refused before it is read.
MAX_BODY_BYTES = 256 * 1024
PING, PONG = 1, 1  # the interaction type Discord probes with, and the answer it expects
SHUTDOWN_GRACE = 5.0  # seconds stopping waits for requests being answered (each is done within the deadline)
JSON = "application/json"  # exactly: Discord (and discord.py) compare the media type, a charset is not expected


def json_response(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, body=json.dumps(body).encode(), content_type=JSON)


class InteractionsEndpoint:
    def __init__(self, answers: InteractionAnswers, check: SignatureCheck, *, ready: Callable[[], bool]) -> None:
        self._answers = answers
        self._check = check
        self._ready = ready
        self._after_answers: set[asyncio.Task[None]] = set()
        self.stopping = False

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.add_routes([web.post(INTERACTIONS_PATH, self.interactions), web.get(HEALTH_PATH, self.health)])
        return app

    async def health(self, _request: web.Request) -> web.Response:
        """200 while this replica answers interactions; 503 while it starts or stops (a load balancer skips it)."""
        if self.stopping or not self._ready():
            return json_response(503, {"status": "stopping" if self.stopping else "starting"})
        return json_response(200, {"status": "ok"})

    async def interactions(self, request: web.Request) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return json_response(413, {"message": "request body too large"})
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:  # no Content-Length, and more came than the cap
            return json_response(413, {"message": "request body too large"})
        headers = request.headers
        if not self._check.verify(headers.get(SIGNATURE_HEADER), headers.get(TIMESTAMP_HEADER), body):
            return json_response(401, {"message": "invalid request signature"})
        try:
            payload = json.loads(body)
        except ValueError:
            return json_response(400, {"message": "the body is not JSON"})
        if not isinstance(payload, dict):
            return json_response(400, {"message": "the body is not an interaction"})
        if payload.get("type") == PING:
            return json_response(200, {"type": PONG})
        try:
            answer = await self._answers.answer(payload)
        except NotAnInteraction:
            return json_response(400, {"message": "the body is not an interaction"})
        if answer is None:
            # Too late for Discord anyway; the person sees "This interaction failed", as over the gateway.
            return json_response(500, {"message": "no answer within the deadline"})
        return await self._send(request, answer)

    async def _send(self, request: web.Request, answer: HttpAnswer) -> web.StreamResponse:
        response = json_response(200, answer.body)
        if answer.then is None:
            return response
        # What follows the answer (an edit of @original) may only reach Discord after the answer itself.
        await response.prepare(request)
        await response.write_eof()
        task = asyncio.create_task(_logged(answer.then()), name="http-interaction-after-answer")
        self._after_answers.add(task)
        task.add_done_callback(self._after_answers.discard)
        return response

    async def finish(self) -> None:
        """Wait for what follows answers already sent (a deferred message's edit)."""
        if self._after_answers:
            await asyncio.wait(set(self._after_answers), timeout=SHUTDOWN_GRACE)


async def _logged(work: Any) -> None:
    try:
        await work
    except Exception as exc:  # the type and status only: a message can quote what the answer carried
        status = getattr(exc, "status", None)
        log.warning("Could not send the message that follows a deferred answer (%s %s).", status, type(exc).__name__)


@asynccontextmanager
async def listening(endpoint: InteractionsEndpoint, host: str, port: int) -> AsyncIterator[str]:
    """Serve the endpoint on host:port (0: any free port) for the block; yields its base URL. Leaving stops taking
    connections first, then waits for the requests being answered and what follows them."""
    runner = web.AppRunner(endpoint.application(), access_log=None, shutdown_timeout=SHUTDOWN_GRACE)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound_host, bound_port = runner.addresses[0][:2]
        shown = f"[{bound_host}]" if ":" in str(bound_host) else str(bound_host)
        yield f"http://{shown}:{bound_port}"
    finally:
        endpoint.stopping = True
        await runner.cleanup()
        await endpoint.finish()
