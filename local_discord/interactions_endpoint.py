"""Outgoing-webhook delivery (HTTP interactions): instead of (or as well as) INTERACTION_CREATE on the gateway, the
local Discord POSTs each interaction, signed with the application's key, to an Interactions Endpoint URL, and takes
the HTTP answer as the initial response (endpoint_answer.py). Several URLs are served round-robin, as a load
balancer in front of identical replicas would; one that refuses the connection is passed over, as a load balancer
passes a request on when it cannot connect (one that drops a request it was sent is not: it may have acted on it).
Follow-ups and @original edits use the REST API, as with the gateway.

Also the probe Discord runs when the URL is saved: a correctly signed PING must get `{"type": 1}`, a PING with a
bad signature must get 401.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp

from local_discord.endpoint_answer import JSON_MEDIA_TYPE, Answer, accept_answer, parse_answer
from local_discord.error_codes import GENERAL, UNKNOWN_INTERACTION
from local_discord.replies import PING, PONG, Reply
from local_discord.rest import Rejection
from local_discord.signing import InteractionSigner, forged_headers
from local_discord.violations import Violation

if TYPE_CHECKING:
    from local_discord.output_check import OutputCheck
    from local_discord.spec_check import SpecChecker
    from local_discord.state import EmulatorState

ANSWER = "ANSWER"  # a Violation's method for a refused endpoint answer; its route is the endpoint's URL
NO_ANSWER = 0  # the status recorded when no answer came (no endpoint reachable, or none in time)
UNAUTHORIZED = 401  # what an endpoint must answer a request whose signature does not verify
PONG_STATUS = 200  # what it must answer a correctly signed PING with (and a PONG body)
USER_AGENT = "Discord-Interactions/1.0 (+https://discord.com)"
ANSWER_SHOWN = 200  # characters of an answer's body quoted in a probe's report
STARTING_PAUSE = 0.05  # seconds between probes of an endpoint that is not listening yet


@dataclass(frozen=True)
class Delivery:
    """One interaction POSTed: where it went (None: no endpoint reachable), the answer's status, whether Discord
    took the answer as the initial response."""

    interaction_id: str
    url: str | None
    status: int
    accepted: bool


@dataclass(frozen=True)
class EndpointVerification:
    """What Discord's probe found when the URL was saved; `ok` means Discord would save it."""

    url: str
    signed_status: int  # the correctly signed PING's answer (0: unreachable)
    forged_status: int  # the badly signed PING's answer (0: unreachable)
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def reachable(self) -> bool:
        return NO_ANSWER not in (self.signed_status, self.forged_status)


class InteractionsEndpoints:
    def __init__(
        self,
        state: EmulatorState,
        spec: SpecChecker,
        signer: InteractionSigner,
        output_check: OutputCheck | None = None,
    ) -> None:
        self._state = state
        self._spec = spec
        self._signer = signer
        self._output_check = output_check
        self.urls: list[str] = []  # empty: interactions go over the gateway only
        self.gateway_too = False  # also dispatch INTERACTION_CREATE while endpoints are set
        self.deliveries: list[Delivery] = []
        self._next = 0
        self._session: aiohttp.ClientSession | None = None

    def use(self, urls: Sequence[str], *, gateway_too: bool = False) -> None:
        """Deliver to these endpoints from now on (round-robin); none: back to the gateway only."""
        self.urls, self.gateway_too, self._next = list(urls), gateway_too, 0
        self._state.world.interactions_endpoint_url = self.urls[0] if self.urls else None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # Delivering

    async def deliver(self, reply: Reply, payload: dict[str, Any]) -> None:
        """POST the interaction and apply the answer, or record why Discord would show "This interaction failed"."""
        if self._output_check is not None:
            self._output_check.interaction(payload)
        body = json.dumps(payload).encode()
        window = self._state.response_window
        window_left = reply.created_at + window - self._state.now()
        attempted: list[str] = []
        answer: Answer | None = None
        try:
            async with asyncio.timeout(max(0.0, window_left)):
                answer = await self._post_round_robin(body, attempted)
        except aiohttp.ClientError as broken:
            # Connected, then no answer (the replica died mid-request): the request may have done its work, so it is
            # not sent again; the person sees "This interaction failed".
            gone = Rejection(NO_ANSWER, GENERAL, f"The endpoint closed the connection without answering ({broken})")
            self._refuse(reply, attempted[-1], NO_ANSWER, gone)
            return
        except TimeoutError:
            # What a callback after the window gets (404/10062): the interaction is over.
            late = Rejection(404, UNKNOWN_INTERACTION, f"Unknown interaction: no answer within the {window}s window")
            self._refuse(reply, attempted[-1] if attempted else None, NO_ANSWER, late)
            return
        if answer is None:
            self._refuse(reply, None, NO_ANSWER, Rejection(NO_ANSWER, GENERAL, "No interactions endpoint is reachable"))
            return
        url, parsed = attempted[-1], None
        try:
            parsed = parse_answer(answer)
            accept_answer(self._state, self._spec, reply, parsed)
        except Rejection as rejection:
            self._refuse(reply, url, answer.status, rejection, parsed if parsed is not None else _text(answer.raw))
            return
        self.deliveries.append(Delivery(reply.interaction_id, url, answer.status, accepted=True))

    async def _post_round_robin(self, body: bytes, attempted: list[str]) -> Answer | None:
        for _ in self.urls:
            url = self.urls[self._next % len(self.urls)]
            self._next += 1
            attempted.append(url)
            try:
                return await self._post(url, body, self._signer.headers(body))
            except aiohttp.ClientConnectorError:
                continue  # not listening (a replica stopped): the next one gets it
        return None

    def _refuse(self, reply: Reply, url: str | None, status: int, rejection: Rejection, body: Any = None) -> None:
        violation = Violation(
            ANSWER, url or "(no endpoint)", status, rejection.code, rejection.message, rejection.errors, body
        )
        reply.rejections.append(violation)
        if reply.response_type is None:  # answered another way meanwhile (gateway_too): that answer stands
            reply.failed = rejection.message
        self.deliveries.append(Delivery(reply.interaction_id, url, status, accepted=False))
        self._state.record_violation(violation)

    async def _post(self, url: str, body: bytes, signature: dict[str, str]) -> Answer:
        headers = {**signature, "Content-Type": JSON_MEDIA_TYPE, "User-Agent": USER_AGENT}
        async with self._client().post(url, data=body, headers=headers) as response:
            content_type = response.content_type if "Content-Type" in response.headers else ""
            return Answer(response.status, content_type, await response.read())

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            # A connection per request: a replica that stopped refuses the next one at once instead of failing a
            # kept-alive connection halfway through a request.
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True))
        return self._session

    # The probe when the URL is saved

    async def verify(self, url: str) -> EndpointVerification:
        """Discord's check of a new Interactions Endpoint URL: a signed PING, then a PING signed with another key."""
        ping = {
            "id": self._state.snowflakes.next(),
            "application_id": self._state.application_id,
            "type": PING,
            "token": secrets.token_urlsafe(48),
            "version": 1,
        }
        body = json.dumps(ping).encode()
        signed = await self._probe(url, body, self._signer.headers(body))
        forged = await self._probe(url, body, forged_headers(body))
        problems = _signed_ping_problems(signed)
        if forged is None:
            problems.append("the PING with a bad signature got no answer")
        elif forged.status != UNAUTHORIZED:
            problems.append(f"the PING with a bad signature got HTTP {forged.status}, not {UNAUTHORIZED}")
        return EndpointVerification(
            url,
            signed.status if signed else NO_ANSWER,
            forged.status if forged else NO_ANSWER,
            tuple(problems),
        )

    async def verify_when_listening(self, url: str, timeout: float) -> EndpointVerification:
        """The probe, repeated while nothing answers it (a replica still starting) for up to `timeout` seconds."""
        give_up = self._state.now() + timeout
        report = await self.verify(url)
        while not report.reachable and self._state.now() < give_up:
            await asyncio.sleep(STARTING_PAUSE)
            report = await self.verify(url)
        return report

    async def _probe(self, url: str, body: bytes, signature: dict[str, str]) -> Answer | None:
        try:
            async with asyncio.timeout(self._state.response_window):
                return await self._post(url, body, signature)
        except (aiohttp.ClientError, TimeoutError):
            return None


def _signed_ping_problems(answer: Answer | None) -> list[str]:
    if answer is None:
        return ["the correctly signed PING got no answer (nothing listening, or not within the window)"]
    shown = _text(answer.raw)[:ANSWER_SHOWN]
    if answer.status != PONG_STATUS:
        return [f"the correctly signed PING got HTTP {answer.status}, not {PONG_STATUS} ({shown!r})"]
    try:
        parsed = parse_answer(answer)
    except Rejection as rejection:
        return [f"the correctly signed PING's answer was refused: {rejection.message} ({shown!r})"]
    if parsed.get("type") != PONG:
        return [f"the correctly signed PING got {shown!r}, not a PONG ({{'type': {PONG}}})"]
    return []


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")
