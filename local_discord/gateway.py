"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, and dispatches.

Frames are plain JSON text: discord.py asks for zlib-stream compression but parses text frames as JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from local_discord.errors import HarnessError
from local_discord.urls import gateway_url
from local_discord.violations import Violation

if TYPE_CHECKING:
    from asyncio import BaseTransport

    from local_discord.state import EmulatorState

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11
# Discord's close codes
UNKNOWN_OPCODE = 4001
DECODE_ERROR = 4002
NOT_AUTHENTICATED = 4003
AUTHENTICATION_FAILED = 4004
ALREADY_AUTHENTICATED = 4005
HISTORY = 1000  # dispatches kept for replay on RESUME
TRACE = ["local-discord"]


class GatewayConnection:
    def __init__(self, ws: web.WebSocketResponse, transport: BaseTransport | None) -> None:
        self.ws = ws
        self.transport = transport
        self.session: GatewaySession | None = None
        self.silent = False

    async def send(self, frame: dict[str, Any]) -> None:
        if self.silent or self.ws.closed:
            return
        # If the client went away mid-send, the session still holds the frame for a RESUME.
        with contextlib.suppress(ConnectionResetError):
            await self.ws.send_str(json.dumps(frame))


@dataclass(eq=False)
class GatewaySession:
    id: str
    shard: list[int] | None
    seq: int = 0
    history: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=HISTORY))
    connection: GatewayConnection | None = None
    # Serialises sends so a RESUME's replay and new dispatches cannot interleave out of order.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    def __init__(self, state: EmulatorState, *, heartbeat_interval: float) -> None:
        self._state = state
        self.heartbeat_interval = heartbeat_interval
        self._sessions: dict[str, GatewaySession] = {}
        self._connections: set[GatewayConnection] = set()
        self.current: GatewaySession | None = None  # the bot's live session
        self.identify_count = 0
        self.resume_count = 0
        self.identify_payloads: list[dict[str, Any]] = []  # without the token

    @property
    def connected(self) -> bool:
        """The bot has a session and a live (non-silent) connection receiving its events."""
        return self.current is not None and self.current.connection is not None

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        transport = request.transport
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = GatewayConnection(ws, transport)
        self._connections.add(connection)
        try:
            interval_ms = int(self.heartbeat_interval * 1000)
            await connection.send(
                {"op": HELLO, "d": {"heartbeat_interval": interval_ms, "_trace": TRACE}, "s": None, "t": None}
            )
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    await ws.close(code=DECODE_ERROR, message=b"Error while decoding payload.")
                    break
                try:
                    frame = json.loads(message.data)
                except ValueError:
                    await ws.close(code=DECODE_ERROR, message=b"Error while decoding payload.")
                    break
                await self._on_frame(connection, frame)
        finally:
            self._connections.discard(connection)
            self._detach(connection)
        return ws

    async def _on_frame(self, connection: GatewayConnection, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await connection.send({"op": HEARTBEAT_ACK, "d": None})
        elif op == IDENTIFY:
            await self._identify(connection, data or {})
        elif op == RESUME:
            await self._resume(connection, data or {})
        elif connection.session is None:
            await connection.ws.close(code=NOT_AUTHENTICATED, message=b"Not authenticated.")
        elif op == REQUEST_MEMBERS:
            await self._send_member_chunk(connection.session, data or {})
        elif op not in (PRESENCE, VOICE_STATE):
            await connection.ws.close(code=UNKNOWN_OPCODE, message=b"Unknown opcode.")

    async def _identify(self, connection: GatewayConnection, data: dict[str, Any]) -> None:
        if connection.session is not None:
            await connection.ws.close(code=ALREADY_AUTHENTICATED, message=b"Already authenticated.")
            return
        if not self._state.token_matches(data.get("token")):
            self._state.record_violation(
                Violation("GATEWAY", "IDENTIFY", AUTHENTICATION_FAILED, AUTHENTICATION_FAILED, "Authentication failed.")
            )
            await connection.ws.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        session = GatewaySession(secrets.token_hex(16), data.get("shard"))
        self._sessions[session.id] = session
        self.current = session
        self._attach(session, connection)
        self.identify_count += 1
        self.identify_payloads.append({key: value for key, value in data.items() if key != "token"})
        await self._dispatch_to(session, "READY", self._ready_payload(session))
        for guild in self._state.world.guilds:
            await self._dispatch_to(session, "GUILD_CREATE", guild.create_payload())
        self._state.signal.notify()

    def _ready_payload(self, session: GatewaySession) -> dict[str, Any]:
        world = self._state.world
        ready: dict[str, Any] = {
            "v": 10,
            "user": world.bot.payload() | {"verified": True, "mfa_enabled": False, "flags": 0, "email": None},
            "guilds": [{"id": guild.id, "unavailable": True} for guild in world.guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": gateway_url(self._state.base_url),
            "application": {"id": world.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": TRACE,
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        return ready

    async def _resume(self, connection: GatewayConnection, data: dict[str, Any]) -> None:
        session = self._sessions.get(str(data.get("session_id")))
        last_seen = data.get("seq") or 0
        # Missed events no longer kept cannot be replayed: Discord then refuses the RESUME too.
        forgotten = session is not None and bool(session.history) and session.history[0]["s"] > last_seen + 1
        if session is None or forgotten or not self._state.token_matches(data.get("token")):
            await connection.send({"op": INVALID_SESSION, "d": False})
            return
        async with session.lock:
            for frame in session.history:
                if frame["s"] > last_seen:
                    await connection.send(frame)
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

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event to the bot; kept for replay if its connection is down right now."""
        if self.current is None:
            raise HarnessError("the bot has no gateway session (it has not identified, or its session was invalidated)")
        await self._dispatch_to(self.current, event, data)

    async def _dispatch_to(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        async with session.lock:
            session.seq += 1
            frame = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
            session.history.append(frame)
            if session.connection is not None:
                await session.connection.send(frame)

    def _attach(self, session: GatewaySession, connection: GatewayConnection) -> None:
        connection.session = session
        session.connection = connection

    def _detach(self, connection: GatewayConnection) -> None:
        session = connection.session
        if session is not None and session.connection is connection:
            session.connection = None
        self._state.signal.notify()

    def _live_connection(self) -> GatewayConnection:
        if self.current is None or self.current.connection is None:
            raise HarnessError("the bot has no live gateway connection")
        return self.current.connection

    async def drop(self, close_code: int | None) -> None:
        connection = self._live_connection()
        self._detach(connection)
        if close_code is None and connection.transport is not None:
            connection.transport.abort()
        else:
            await connection.ws.close(code=close_code or 4000, message=b"Dropped by the local Discord.")

    def silence(self) -> None:
        connection = self._live_connection()
        connection.silent = True
        self._detach(connection)

    async def send_reconnect(self) -> None:
        connection = self._live_connection()
        await connection.send({"op": RECONNECT, "d": None})
        self._detach(connection)

    async def send_invalid_session(self, *, resumable: bool) -> None:
        connection = self._live_connection()
        await connection.send({"op": INVALID_SESSION, "d": resumable})
        self._detach(connection)
        if not resumable:
            assert connection.session is not None
            self._sessions.pop(connection.session.id, None)
            self.current = None

    async def close(self) -> None:
        for connection in list(self._connections):
            await connection.ws.close(code=1001, message=b"The local Discord is shutting down.")
