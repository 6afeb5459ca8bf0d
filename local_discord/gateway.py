"""The gateway websocket as Discord documents it: HELLO and heartbeats (with a timeout), IDENTIFY/READY/GUILD_CREATE,
RESUME with replay, every close code that applies, the 4096-byte and 120-per-60-s limits on what a client sends,
shards (each session gets the events of its own shard's guilds, and several sessions run at once), and the rules
for starting sessions across processes (session_starts.py): identify buckets and the session-start limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from local_discord import intents
from local_discord.errors import HarnessError
from local_discord.gateway_codec import FrameEncoder, Refused, WireOptions, decode, wire_options
from local_discord.gateway_codes import Close, Op, frame
from local_discord.session_starts import Admission
from local_discord.shards import Shard, parse_shard, receives
from local_discord.urls import gateway_url
from local_discord.violations import Violation

if TYPE_CHECKING:
    from asyncio import BaseTransport

    from local_discord.state import EmulatorState


HISTORY = 1000  # dispatches kept per session for replay on RESUME
TRACE = ["local-discord"]
SENDS_PER_MINUTE = 120  # what a client may send per connection per 60 s (documented)
GUILDS_PER_SHARD = 2500  # a session may not carry more guilds than this (documented): close 4011
HEARTBEAT_GRACE = 5.0  # seconds past the interval before a silent client's connection is closed (4009)
_CLIENT_OPS = {Op.HEARTBEAT, Op.IDENTIFY, Op.PRESENCE_UPDATE, Op.VOICE_STATE_UPDATE, Op.RESUME}
_CLIENT_OPS |= {Op.REQUEST_GUILD_MEMBERS, Op.REQUEST_SOUNDBOARD_SOUNDS}


class GatewayConnection:
    def __init__(self, ws: web.WebSocketResponse, transport: BaseTransport | None, options: WireOptions) -> None:
        self.ws = ws
        self.transport = transport
        self.options = options
        self.encoder = FrameEncoder(options)
        self.session: GatewaySession | None = None
        self.silent = False
        self.last_heartbeat = 0.0  # loop time of the last heartbeat (or of HELLO)
        self.received: deque[float] = deque()  # loop times of the client's frames in the last 60 s
        self._lock = asyncio.Lock()  # one frame at a time: the zlib stream must reach the client in order

    async def send(self, payload: dict[str, Any]) -> None:
        if self.silent or self.ws.closed:
            return
        async with self._lock:
            encoded = self.encoder.encode(payload)
            # If the client went away mid-send, the session still holds the frame for a RESUME.
            with contextlib.suppress(ConnectionResetError):
                if isinstance(encoded, bytes):
                    await self.ws.send_bytes(encoded)
                else:
                    await self.ws.send_str(encoded)


@dataclass(eq=False)
class GatewaySession:
    id: str
    shard: Shard
    intents: int
    seq: int = 0
    history: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=HISTORY))
    connection: GatewayConnection | None = None
    # Serialises sends so a RESUME's replay and new dispatches cannot interleave out of order.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    def __init__(
        self,
        state: EmulatorState,
        *,
        heartbeat_interval: float,
        heartbeat_grace: float = HEARTBEAT_GRACE,
        guilds_per_shard: int = GUILDS_PER_SHARD,
        check_frame: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self._state = state
        self.heartbeat_interval = heartbeat_interval
        self.heartbeat_grace = heartbeat_grace
        self.guilds_per_shard = guilds_per_shard
        self._check_frame = check_frame
        self._sessions: dict[str, GatewaySession] = {}  # valid sessions: live, or waiting to be resumed
        self._connections: set[GatewayConnection] = set()
        self.current: GatewaySession | None = None  # the session that last identified or resumed
        self.identify_count = 0
        self.resume_count = 0
        self.identify_payloads: list[dict[str, Any]] = []  # without the token
        self.closes: list[tuple[int, str]] = []  # every close the local Discord sent: (code, reason)
        self.wire: list[WireOptions] = []  # each accepted connection's version and compression
        self.identified_too_fast: list[Shard] = []  # IDENTIFYs answered with INVALID_SESSION: their bucket was busy
        # The most sessions each shard had live at once: a test can show a duplicate shard never ran.
        self.peak_live_sessions: Counter[Shard] = Counter()

    @property
    def connected(self) -> bool:
        """Some session has a live (non-silent) connection receiving its events."""
        return any(session.connection is not None for session in self._sessions.values())

    @property
    def sessions(self) -> list[GatewaySession]:
        return list(self._sessions.values())

    def live_sessions(self) -> list[GatewaySession]:
        """Sessions with a connection receiving their events right now (not those waiting to be resumed)."""
        return [session for session in self._sessions.values() if session.connection is not None]

    def live_shards(self) -> Counter[Shard]:
        """How many live sessions each (shard_id, num_shards) has right now."""
        return Counter(session.shard for session in self.live_sessions())

    # The connection

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        try:
            options = wire_options(request.query, invalid_version=Close.INVALID_API_VERSION)
        except Refused as refused:
            await self._close_ws(ws, refused.code, refused.reason)
            return ws
        connection = GatewayConnection(ws, request.transport, options)
        self._connections.add(connection)
        self.wire.append(options)
        watchdog = asyncio.create_task(self._watch_heartbeats(connection))
        try:
            connection.last_heartbeat = self._state.now()
            interval_ms = int(self.heartbeat_interval * 1000)
            await self._send(connection, frame(Op.HELLO, {"heartbeat_interval": interval_ms, "_trace": TRACE}))
            async for message in ws:
                if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    continue
                try:
                    self._count_send(connection)
                    await self._on_frame(connection, decode(message.data, decode_error=Close.DECODE_ERROR))
                except Refused as refused:
                    await self._refuse(connection, refused)
                    break
        finally:
            watchdog.cancel()
            self._connections.discard(connection)
            self._detach(connection, ended_by_client=ws.close_code)
        return ws

    def _count_send(self, connection: GatewayConnection) -> None:
        now = self._state.now()
        while connection.received and connection.received[0] <= now - 60.0:
            connection.received.popleft()
        connection.received.append(now)
        if len(connection.received) > SENDS_PER_MINUTE:
            raise Refused(Close.RATE_LIMITED, "You are being rate limited.")

    async def _watch_heartbeats(self, connection: GatewayConnection) -> None:
        """Close a connection whose client stopped heartbeating, as Discord does (the session ends with it)."""
        allowed = self.heartbeat_interval + self.heartbeat_grace
        while not connection.ws.closed:
            overdue = connection.last_heartbeat + allowed - self._state.now()
            if overdue <= 0:
                await self._refuse(connection, Refused(Close.SESSION_TIMED_OUT, "Session timed out."))
                return
            await asyncio.sleep(overdue)

    async def _on_frame(self, connection: GatewayConnection, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op not in _CLIENT_OPS:
            raise Refused(Close.UNKNOWN_OPCODE, "Unknown opcode.")
        if op == Op.HEARTBEAT:
            connection.last_heartbeat = self._state.now()
            await self._send(connection, frame(Op.HEARTBEAT_ACK))
        elif op == Op.IDENTIFY:
            await self._identify(connection, _object(data))
        elif op == Op.RESUME:
            await self._resume(connection, _object(data))
        elif connection.session is None:
            raise Refused(Close.NOT_AUTHENTICATED, "Not authenticated.")
        elif op == Op.REQUEST_GUILD_MEMBERS:
            await self._send_member_chunk(connection.session, _object(data))

    async def _refuse(self, connection: GatewayConnection, refused: Refused) -> None:
        if refused.code in (Close.SESSION_TIMED_OUT, Close.INVALID_SEQ) and connection.session is not None:
            self._invalidate(connection.session)  # "reconnect and start a new session"
        self._detach(connection)
        await self._close_ws(connection.ws, refused.code, refused.reason)

    async def _close_ws(self, ws: web.WebSocketResponse, code: int, reason: str) -> None:
        self.closes.append((code, reason))
        self._state.signal.notify()
        await ws.close(code=code, message=reason.encode()[:123])

    async def _send(self, connection: GatewayConnection, payload: dict[str, Any]) -> None:
        if self._check_frame is not None:
            self._check_frame(payload)
        await connection.send(payload)

    # Sessions

    async def _identify(self, connection: GatewayConnection, data: dict[str, Any]) -> None:
        if connection.session is not None:
            raise Refused(Close.ALREADY_AUTHENTICATED, "Already authenticated.")
        if not self._state.token_matches(data.get("token")):
            code = Close.AUTHENTICATION_FAILED
            violation = Violation("GATEWAY", "IDENTIFY", code, code, "Authentication failed.")
            self._state.record_violation(violation)
            raise Refused(Close.AUTHENTICATION_FAILED, "Authentication failed.")
        shard = parse_shard(data.get("shard"))
        if shard is None:
            raise Refused(Close.INVALID_SHARD, "Invalid shard.")
        asked = data.get("intents")
        if not isinstance(asked, int) or not intents.is_valid(asked):
            raise Refused(Close.INVALID_INTENTS, "Invalid intent(s).")
        if intents.disallowed(asked, self._state.world.privileged_intents):
            raise Refused(Close.DISALLOWED_INTENTS, "Disallowed intent(s).")
        guilds = [guild for guild in self._state.world.guilds if receives(shard, guild.id)]
        if len(guilds) > self.guilds_per_shard:
            raise Refused(Close.SHARDING_REQUIRED, "Sharding required.")
        admission = self._state.session_starts.admit(shard[0])
        if admission is Admission.TOO_FAST:
            # Documented: a bucket identifying faster than max_concurrency allows gets op 9, not resumable. The
            # connection stays open; the client may identify again on it later.
            self.identified_too_fast.append(shard)
            await self._send(connection, frame(Op.INVALID_SESSION, False))
            self._state.signal.notify()
            return
        if admission is Admission.EXHAUSTED:
            await self._reset_token()
            raise Refused(Close.AUTHENTICATION_FAILED, "Authentication failed.")
        session = GatewaySession(secrets.token_hex(16), shard, asked)
        connection.encoder.payload_compression = data.get("compress") is True and connection.options.compress is None
        self._sessions[session.id] = session
        self.current = session
        self._attach(session, connection)
        self.identify_count += 1
        self.identify_payloads.append({key: value for key, value in data.items() if key != "token"})
        ready = self._ready_payload(session, connection, guilds, shard_asked="shard" in data)
        await self._dispatch_to(session, "READY", ready)
        for guild in guilds:
            await self._dispatch_to(session, "GUILD_CREATE", guild.create_payload(self._state.world.bot))
        self._state.signal.notify()

    def _ready_payload(
        self, session: GatewaySession, connection: GatewayConnection, guilds: list[Any], *, shard_asked: bool
    ) -> dict[str, Any]:
        world = self._state.world
        bot_user = world.bot.payload() | {"verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"}
        ready: dict[str, Any] = {
            "v": int(connection.options.version),
            "user": bot_user,
            "guilds": [{"id": guild.id, "unavailable": True} for guild in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": gateway_url(self._state.base_url),
            "application": {"id": world.application_id, "flags": world.privileged_intent_flags()},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": TRACE,
        }
        if shard_asked:
            ready["shard"] = list(session.shard)
        return ready

    async def _reset_token(self) -> None:
        """Documented for an IDENTIFY past the session-start limit: every session of the app is terminated and the
        token reset. Which close code the sessions get is not; 4004 is what the reset token gets from then on."""
        self._state.token_reset = True
        code = Close.AUTHENTICATION_FAILED
        message = "Session start limit exhausted: Discord terminated every session and reset the token."
        self._state.record_violation(Violation("GATEWAY", "IDENTIFY", code, code, message))
        self._sessions.clear()
        self.current = None
        for other in [c for c in self._connections if c.session is not None]:
            self._detach(other)
            await self._close_ws(other.ws, code, "Authentication failed.")

    async def _resume(self, connection: GatewayConnection, data: dict[str, Any]) -> None:
        if connection.session is not None:
            raise Refused(Close.ALREADY_AUTHENTICATED, "Already authenticated.")
        session = self._sessions.get(str(data.get("session_id")))
        if session is None or not self._state.token_matches(data.get("token")):
            await self._send(connection, frame(Op.INVALID_SESSION, False))
            return
        last_seen = data.get("seq") or 0
        # A seq from the future, or one whose missed events are no longer kept, cannot be resumed from.
        forgotten = bool(session.history) and session.history[0]["s"] > last_seen + 1
        if not isinstance(last_seen, int) or last_seen > session.seq or forgotten:
            raise Refused(Close.INVALID_SEQ, "Invalid seq.")
        async with session.lock:
            for payload in session.history:
                if payload["s"] > last_seen:
                    await self._send(connection, payload)
            self._attach(session, connection)
        self.current = session
        self.resume_count += 1
        await self._dispatch_to(session, "RESUMED", {"_trace": TRACE})
        self._state.signal.notify()

    async def _send_member_chunk(self, session: GatewaySession, data: dict[str, Any]) -> None:
        try:
            guild = self._state.world.guild(str(data.get("guild_id")))
        except KeyError:
            return  # Discord ignores requests for guilds the bot is not in
        chunk = {
            "guild_id": guild.id,
            "members": [member.payload() for member in guild.members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    # Dispatching

    async def dispatch(self, event: str, data: dict[str, Any], *, guild_id: str | None = None) -> None:
        """Send an event to every session of the shard that `guild_id` routes to (shard 0 without a guild); kept
        for replay in a session whose connection is down right now."""
        sessions = [session for session in self._sessions.values() if receives(session.shard, guild_id)]
        if not sessions:
            raise HarnessError(
                "no gateway session receives this event (the bot has not identified, its session was invalidated, "
                "or no shard covers the guild)"
            )
        for session in sessions:
            await self._dispatch_to(session, event, data)

    async def _dispatch_to(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        async with session.lock:
            session.seq += 1
            payload = {"op": Op.DISPATCH, "d": data, "s": session.seq, "t": event}
            session.history.append(payload)
            if session.connection is not None:
                await self._send(session.connection, payload)

    def _attach(self, session: GatewaySession, connection: GatewayConnection) -> None:
        connection.session = session
        session.connection = connection
        live = self.live_shards()[session.shard]
        self.peak_live_sessions[session.shard] = max(self.peak_live_sessions[session.shard], live)

    def _detach(self, connection: GatewayConnection, *, ended_by_client: int | None = None) -> None:
        session = connection.session
        if session is not None and session.connection is connection:
            session.connection = None
            # A client that closes with 1000 or 1001 ends its session; any other close leaves it resumable.
            if ended_by_client in (Close.NORMAL, Close.GOING_AWAY) and not connection.silent:
                self._invalidate(session)
        self._state.signal.notify()

    def _invalidate(self, session: GatewaySession) -> None:
        self._sessions.pop(session.id, None)
        if self.current is session:
            self.current = None

    # Faults, on the session that last identified or resumed

    def _live_connection(self) -> GatewayConnection:
        if self.current is None or self.current.connection is None:
            raise HarnessError("the bot has no live gateway connection")
        return self.current.connection

    async def drop(self, close_code: int | None) -> None:
        connection = self._live_connection()
        self._detach(connection)
        if close_code is None and isinstance(connection.transport, asyncio.Transport):
            connection.transport.abort()
        else:
            await self._close_ws(connection.ws, close_code or Close.UNKNOWN_ERROR, "Dropped by the local Discord.")

    def silence(self) -> None:
        connection = self._live_connection()
        connection.silent = True
        self._detach(connection)

    async def send_reconnect(self) -> None:
        connection = self._live_connection()
        await self._send(connection, frame(Op.RECONNECT))
        self._detach(connection)

    async def send_invalid_session(self, *, resumable: bool) -> None:
        connection = self._live_connection()
        await self._send(connection, frame(Op.INVALID_SESSION, resumable))
        session = connection.session
        self._detach(connection)
        if not resumable and session is not None:
            self._invalidate(session)

    async def close(self) -> None:
        for connection in list(self._connections):
            await connection.ws.close(code=Close.GOING_AWAY, message=b"The local Discord is shutting down.")


def _object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise Refused(Close.DECODE_ERROR, "Error while decoding payload.")
    return data
