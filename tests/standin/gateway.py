"""Gateway v10 over an aiohttp websocket: JSON text frames, sessions, resumes, shards.

Sessions outlive sockets, as on Discord: every dispatch gets the session's
next sequence number and is kept, so a RESUME replays what the client missed,
while a fresh IDENTIFY starts a new session and the old one's events are lost.
discord.py always asks for `compress=zlib-stream` but decodes plain text frames
as well, so the stand-in never compresses.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import secrets
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.standin import payloads
from tests.standin.records import Changes
from tests.standin.world import Json, World, shard_of

__all__ = ["CloseCode", "Connection", "Gateway", "Identify", "Intent", "Opcode", "Session"]


class Opcode(enum.IntEnum):
    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    VOICE_STATE_UPDATE = 4
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11


class Intent(enum.IntFlag):
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15


PRIVILEGED_INTENTS = Intent.GUILD_MEMBERS | Intent.GUILD_PRESENCES | Intent.MESSAGE_CONTENT


class CloseCode(enum.IntEnum):
    UNKNOWN_ERROR = 4000
    UNKNOWN_OPCODE = 4001
    DECODE_ERROR = 4002
    NOT_AUTHENTICATED = 4003
    AUTHENTICATION_FAILED = 4004
    ALREADY_AUTHENTICATED = 4005
    INVALID_SEQ = 4007
    SESSION_TIMED_OUT = 4009
    INVALID_SHARD = 4010
    SHARDING_REQUIRED = 4011
    INVALID_API_VERSION = 4012
    INVALID_INTENTS = 4013
    DISALLOWED_INTENTS = 4014


# Closing with these, Discord also ends the session: the client must IDENTIFY anew.
_SESSION_ENDING_CLOSES = {CloseCode.INVALID_SEQ, CloseCode.SESSION_TIMED_OUT}


@dataclass(frozen=True)
class Identify:
    """One IDENTIFY as received (the token itself is not kept)."""

    shard: tuple[int, int] | None
    intents: int | None
    token_valid: bool
    payload: Json
    received_at: float

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0


@dataclass(eq=False)
class _Frame:
    text: str
    seq: int | None = None


@dataclass(eq=False)
class _Send:
    frame: _Frame
    after: Callable[[], None] | None = None


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


def _frame(
    op: Opcode, data: Any = None, *, seq: int | None = None, event: str | None = None
) -> _Frame:
    return _Frame(json.dumps({"op": int(op), "d": data, "s": seq, "t": event}), seq)


@dataclass(eq=False)
class Session:
    """A gateway session: survives its sockets until invalidated or replaced."""

    id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: Identify
    changes: Changes = field(repr=False)
    guild_ids: list[int] = field(default_factory=list)  # the guilds READY listed
    seq: int = 0
    log: list[_Frame] = field(default_factory=list, repr=False)
    connection: Connection | None = None
    resumable: bool = True
    ready_at: float | None = None
    resumed_at: list[float] = field(default_factory=list)
    written_seq: int = 0  # the last sequence number written to a socket

    @property
    def connected(self) -> bool:
        return self.connection is not None

    def wants(self, intent: int) -> bool:
        return bool(self.intents & intent)

    def dispatch(self, event: str, data: Json, *, after: Callable[[], None] | None = None) -> int:
        """Number, keep and (if a socket is attached) send one event; return its seq."""
        self.seq += 1
        frame = _frame(Opcode.DISPATCH, data, seq=self.seq, event=event)
        self.log.append(frame)
        if self.connection is not None:
            self.connection.send(frame, after=after)
        return self.seq


@dataclass(eq=False)
class Connection:
    """One websocket, from upgrade to close."""

    ws: web.WebSocketResponse = field(repr=False)
    transport: asyncio.Transport | None = field(repr=False)
    query: dict[str, str]
    opened_at: float
    changes: Changes = field(repr=False)
    session: Session | None = None
    received: list[Json] = field(default_factory=list, repr=False)
    heartbeats: int = 0
    closed_at: float | None = None
    close_code: int | None = None
    closed_by: str | None = None  # "client", "server" or "dropped"
    outbox: asyncio.Queue[_Send | _Close] = field(default_factory=asyncio.Queue, repr=False)

    @property
    def open(self) -> bool:
        return self.closed_at is None and self.closed_by is None

    def send(self, frame: _Frame, *, after: Callable[[], None] | None = None) -> None:
        self.outbox.put_nowait(_Send(frame, after))

    def close(self, code: int, reason: str = "") -> None:
        """Close after the frames already queued, as Discord does."""
        self.outbox.put_nowait(_Close(code, reason))

    async def wait_closed(self, *, within: float = 5.0) -> int | None:
        """The close code once the socket has closed (None when dropped)."""
        await self.changes.wait_for(
            lambda: self if self.closed_at is not None else None,
            within=within,
            what="close of the gateway connection",
        )
        return self.close_code


class Gateway:
    """The websocket endpoint and every session it has started."""

    def __init__(
        self,
        *,
        world: World,
        token: str,
        changes: Changes,
        heartbeat_interval: float,
        privileged_intents: int,
        application_flags: int,
        url: Callable[[], str],
    ) -> None:
        self.world = world
        self.token = token
        self.changes = changes
        self.heartbeat_interval = heartbeat_interval
        self.privileged_intents = privileged_intents
        self.application_flags = application_flags
        self._url = url
        self.connections: list[Connection] = []
        self.identifies: list[Identify] = []
        self.sessions: dict[str, Session] = {}
        self._current: dict[int, Session] = {}  # shard id -> its newest session
        self._handlers: set[asyncio.Task[Any]] = set()
        self.internal_errors: list[str] = []

    # --- sessions ------------------------------------------------------------------

    def session(self, shard_id: int = 0) -> Session:
        """The newest session of a shard."""
        try:
            return self._current[shard_id]
        except KeyError:
            raise LookupError(
                f"no gateway session for shard {shard_id}: await wait_for_ready() first"
            ) from None

    def current(self, shard_id: int) -> Session | None:
        return self._current.get(shard_id)

    def session_for(self, guild_id: int | None) -> Session:
        """The session Discord would send a guild's events on; DMs go to shard 0."""
        if guild_id is None:
            return self.session(0)
        for session in self._current.values():
            if shard_of(guild_id, session.shard_count) == session.shard_id:
                return session
        raise LookupError(f"no gateway session holds guild {guild_id}")

    def sessions_of(self, shard_id: int) -> list[Session]:
        return [s for s in self.sessions.values() if s.shard_id == shard_id and s.ready_at]

    # --- control -------------------------------------------------------------------

    def open_connections(self) -> list[Connection]:
        return [c for c in self.connections if c.open]

    def close_all(self, code: int, reason: str = "") -> None:
        for connection in self.open_connections():
            if connection.session is not None and code in _SESSION_ENDING_CLOSES:
                connection.session.resumable = False
            connection.close(code, reason)

    def drop_connections(self) -> None:
        """Cut every socket without a close frame, like a network failure."""
        for connection in self.open_connections():
            connection.closed_by = "dropped"
            self._detach(connection)
            if connection.transport is not None:
                connection.transport.abort()

    def reconnect(self, shard_id: int = 0) -> None:
        """Op 7: the client should close and RESUME."""
        self._connected(shard_id).send(_frame(Opcode.RECONNECT))

    def invalidate_session(self, shard_id: int = 0, *, resumable: bool = False) -> None:
        """Op 9; when not resumable, the session's later events are lost."""
        session = self.session(shard_id)
        connection = self._connected(shard_id)
        connection.send(_frame(Opcode.INVALID_SESSION, resumable))
        if not resumable:
            session.resumable = False
            # Nothing more reaches this session: what is dispatched now is lost.
            self._detach(connection)

    def _connected(self, shard_id: int) -> Connection:
        connection = self.session(shard_id).connection
        if connection is None:
            raise LookupError(f"shard {shard_id} has no socket connected")
        return connection

    async def shutdown(self) -> None:
        for connection in self.open_connections():
            connection.close(1001, "stand-in stopping")
        if self._handlers:
            _, pending = await asyncio.wait(self._handlers, timeout=2.0)
            for connection in self.open_connections():
                if connection.transport is not None:
                    connection.transport.abort()
            if pending:
                await asyncio.wait(pending, timeout=2.0)

    # --- the socket ----------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, compress=False, max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(
            ws, request.transport, dict(request.query), time.monotonic(), self.changes
        )
        self.connections.append(connection)
        handler = asyncio.current_task()
        if handler is not None:
            self._handlers.add(handler)
        writer = asyncio.create_task(self._write(connection), name="standin-gateway-writer")
        try:
            try:
                await self._read(connection)
            finally:
                if connection.closed_by == "server":
                    # The writer is inside ws.close(), awaiting the client's close frame.
                    await asyncio.wait({writer}, timeout=2.0)
                writer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await writer
        finally:
            self._closed(connection)
            if handler is not None:
                self._handlers.discard(handler)
        return ws

    async def _read(self, connection: Connection) -> None:
        interval_ms = round(self.heartbeat_interval * 1000)
        connection.send(_frame(Opcode.HELLO, {"heartbeat_interval": interval_ms}))
        if connection.query.get("v") != "10":
            connection.close(CloseCode.INVALID_API_VERSION, "Invalid API version")
        elif connection.query.get("encoding", "json") != "json":
            connection.close(CloseCode.DECODE_ERROR, "Only JSON encoding is served")
        self.changes.notify()
        async for message in connection.ws:
            if message.type is not WSMsgType.TEXT:
                connection.close(CloseCode.DECODE_ERROR, "Error while decoding payload.")
                continue
            try:
                self._receive(connection, message.data)
            except Exception:
                # A stand-in bug: close the socket and keep the traceback for the fixture.
                self.internal_errors.append(traceback.format_exc())
                connection.close(CloseCode.UNKNOWN_ERROR, "stand-in error")

    async def _write(self, connection: Connection) -> None:
        # One writer per socket keeps frames in sequence order whoever queues them.
        while True:
            item = await connection.outbox.get()
            if isinstance(item, _Close):
                if connection.closed_by is None:
                    connection.closed_by = "server"
                    connection.close_code = item.code
                await connection.ws.close(code=item.code, message=item.reason.encode())
                return
            try:
                await connection.ws.send_str(item.frame.text)
            except (ConnectionError, RuntimeError):
                return  # gone; the session log still holds the frame for a RESUME
            session = connection.session
            if item.frame.seq is not None and session is not None:
                session.written_seq = max(session.written_seq, item.frame.seq)
            if item.after is not None:
                item.after()
            self.changes.notify()

    def _detach(self, connection: Connection) -> None:
        session = connection.session
        if session is not None and session.connection is connection:
            session.connection = None

    def _closed(self, connection: Connection) -> None:
        connection.closed_at = time.monotonic()
        if connection.closed_by is None:
            connection.closed_by = "client"
        if connection.closed_by == "client":
            connection.close_code = connection.ws.close_code
        session = connection.session
        # A client closing with 1000 or 1001 ends its session on Discord.
        if (
            session is not None
            and connection.closed_by == "client"
            and connection.close_code in (1000, 1001)
        ):
            session.resumable = False
        self._detach(connection)
        self.changes.notify()

    # --- what the client sends -----------------------------------------------------

    def _receive(self, connection: Connection, text: str) -> None:
        try:
            message = json.loads(text)
            op = int(message["op"])
        except (ValueError, KeyError, TypeError):
            connection.close(CloseCode.DECODE_ERROR, "Error while decoding payload.")
            return
        connection.received.append(message)
        data = message.get("d")
        if op == Opcode.HEARTBEAT:
            connection.heartbeats += 1
            connection.send(_frame(Opcode.HEARTBEAT_ACK))
        elif op == Opcode.IDENTIFY:
            self._identify(connection, data if isinstance(data, dict) else {})
        elif op == Opcode.RESUME:
            self._resume(connection, data if isinstance(data, dict) else {})
        elif op in (
            Opcode.PRESENCE_UPDATE,
            Opcode.VOICE_STATE_UPDATE,
            Opcode.REQUEST_GUILD_MEMBERS,
        ):
            if connection.session is None:
                connection.close(CloseCode.NOT_AUTHENTICATED, "Not authenticated.")
        else:
            connection.close(CloseCode.UNKNOWN_OPCODE, "Unknown opcode.")
        self.changes.notify()

    def _identify(self, connection: Connection, data: Json) -> None:
        raw_shard = data.get("shard")
        shard: tuple[int, int] | None = None
        if raw_shard is not None:
            valid = isinstance(raw_shard, list) and len(raw_shard) == 2
            valid = valid and all(isinstance(n, int) for n in raw_shard)
            shard = (raw_shard[0], raw_shard[1]) if valid else (-1, 0)
        intents = data.get("intents")
        record = Identify(
            shard=shard,
            intents=intents if isinstance(intents, int) else None,
            token_valid=data.get("token") == self.token,
            payload={k: v for k, v in data.items() if k != "token"},
            received_at=time.monotonic(),
        )
        self.identifies.append(record)
        if connection.session is not None:
            connection.close(CloseCode.ALREADY_AUTHENTICATED, "Already authenticated.")
            return
        if not record.token_valid:
            connection.close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.")
            return
        if record.intents is None or record.intents < 0:
            connection.close(CloseCode.INVALID_INTENTS, "Invalid intent(s).")
            return
        if record.intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            connection.close(CloseCode.DISALLOWED_INTENTS, "Disallowed intent(s).")
            return
        shard_id, shard_count = shard or (0, 1)
        if not 0 <= shard_id < shard_count:
            connection.close(CloseCode.INVALID_SHARD, "Invalid shard.")
            return

        session = Session(
            secrets.token_hex(16), shard_id, shard_count, record.intents, record, self.changes
        )
        previous = self._current.get(shard_id)
        if previous is not None:
            previous.resumable = False
        self._current[shard_id] = session
        self.sessions[session.id] = session
        connection.session = session
        session.connection = connection

        guilds = [g for g in self.world.guilds if g.shard_id(shard_count) == shard_id]
        session.guild_ids = [g.id for g in guilds]
        creates = [g for g in guilds if session.wants(Intent.GUILDS)]

        def ready() -> None:
            session.ready_at = time.monotonic()

        session.dispatch(
            "READY",
            payloads.ready(
                session_id=session.id,
                resume_gateway_url=self._url(),
                user=self.world.bot,
                application_id=self.world.bot.id,
                application_flags=self.application_flags,
                guilds=guilds,
                shard=shard,
            ),
            after=None if creates else ready,
        )
        for guild in creates:
            session.dispatch(
                "GUILD_CREATE", guild.payload(), after=ready if guild is creates[-1] else None
            )

    def _resume(self, connection: Connection, data: Json) -> None:
        if connection.session is not None:
            connection.close(CloseCode.ALREADY_AUTHENTICATED, "Already authenticated.")
            return
        if data.get("token") != self.token:
            connection.close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.")
            return
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not session.resumable:
            connection.send(_frame(Opcode.INVALID_SESSION, False))
            return
        seq = data.get("seq")
        last_seen = int(seq) if isinstance(seq, int) else 0
        if last_seen > session.seq:
            session.resumable = False
            connection.close(CloseCode.INVALID_SEQ, "Invalid seq.")
            return
        old = session.connection
        if old is not None:
            # The client gave up on that socket before the stand-in noticed.
            self._detach(old)
            old.close(CloseCode.UNKNOWN_ERROR, "Session resumed elsewhere")
        connection.session = session
        session.connection = connection
        for frame in session.log:
            if frame.seq is not None and frame.seq > last_seen:
                connection.send(frame)

        def resumed() -> None:
            session.resumed_at.append(time.monotonic())

        session.dispatch("RESUMED", {"_trace": ['["standin-gateway",{"micros":0}]']}, after=resumed)
