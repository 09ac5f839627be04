"""StandIn: a loopback Discord that the real discord.py client connects to.

One aiohttp server on 127.0.0.1 serves REST under /api/v10 and the gateway at
/. A test starts it, points discord.py at it (tests.standin.clients), then
plays Discord's part: it dispatches what users do and awaits what the bot
answers.
"""

from __future__ import annotations

import base64
import secrets
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import web

from tests.standin import payloads
from tests.standin.gateway import Connection, Gateway, Identify, Intent, Session
from tests.standin.payloads import ApplicationFlag, InteractionContext, InteractionType
from tests.standin.records import (
    DEFAULT_TIMEOUT,
    Changes,
    Fault,
    InteractionHandle,
    MessageHandle,
    RecordedRequest,
    StoredMessage,
    route_pattern,
)
from tests.standin.rest import API_PREFIX, RestApi
from tests.standin.world import Channel, Json, Permission, User, World

__all__ = ["DM_APP_PERMISSIONS", "USER_APP_PERMISSIONS", "Install", "StandIn"]

Install = Literal["guild", "user"]

# What Discord reports as app_permissions where the bot is not a guild member.
DM_APP_PERMISSIONS = int(
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.MENTION_EVERYONE
)
USER_APP_PERMISSIONS = int(
    Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.MENTION_EVERYONE
    | Permission.USE_EXTERNAL_EMOJIS
)

_OPTION_TYPES: list[tuple[type, int]] = [(bool, 5), (int, 4), (float, 10), (str, 3)]
_SUBCOMMAND_TYPES = (1, 2)
_CONTEXT_NAMES = {0: "guilds", 1: "the bot's DMs", 2: "private channels"}


def _token_for(bot: User) -> str:
    """A token shaped like Discord's (id.timestamp.hmac), which format checks accept."""
    user_id = base64.urlsafe_b64encode(str(bot.id).encode()).decode().rstrip("=")
    return f"{user_id}.StndIn.loopback-standin-token-not-a-secret"


class StandIn:
    """Discord's REST API and gateway on a random loopback port.

    `async with StandIn() as standin:` serves `World.default()`; pass a World
    for other users, guilds or permissions. Everything received is recorded
    (`requests`, `messages`, `identifies`, `connections`); dispatch helpers
    return handles whose `wait_*` methods await the bot's answers.
    """

    def __init__(
        self,
        world: World | None = None,
        *,
        token: str | None = None,
        heartbeat_interval: float = 1.0,
        recommended_shards: int = 1,
        privileged_intents: int = 0,
        interaction_deadline: float = 3.0,
    ) -> None:
        self.world = world or World.default()
        self.token = token or _token_for(self.world.bot)
        self.changes = Changes()
        flags = ApplicationFlag.APPLICATION_COMMAND_BADGE
        for intent, flag in (
            (Intent.GUILD_PRESENCES, ApplicationFlag.GATEWAY_PRESENCE_LIMITED),
            (Intent.GUILD_MEMBERS, ApplicationFlag.GATEWAY_GUILD_MEMBERS_LIMITED),
            (Intent.MESSAGE_CONTENT, ApplicationFlag.GATEWAY_MESSAGE_CONTENT_LIMITED),
        ):
            if privileged_intents & intent:
                flags |= flag
        self._port = 0
        self._runner: web.AppRunner | None = None
        self.rest = RestApi(
            world=self.world,
            token=self.token,
            changes=self.changes,
            application_flags=flags,
            recommended_shards=recommended_shards,
            interaction_deadline=interaction_deadline,
            base_url=lambda: self.base_url,
            gateway_url=lambda: self.gateway_url,
            on_bot_message=self._echo,
        )
        self.gateway = Gateway(
            world=self.world,
            token=self.token,
            changes=self.changes,
            heartbeat_interval=heartbeat_interval,
            privileged_intents=privileged_intents,
            application_flags=flags,
            url=lambda: self.gateway_url,
        )

    # --- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self.rest.handle)
        app.router.add_get("/", self.gateway.handle)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        await web.SockSite(runner, listener).start()
        self._port = listener.getsockname()[1]
        self._runner = runner

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.gateway.shutdown()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if not self._port:
            raise RuntimeError("the stand-in is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        """What discord.http.Route.BASE must be."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What DiscordWebSocket.DEFAULT_GATEWAY must be (and what /gateway/bot names)."""
        return f"ws://127.0.0.1:{self._port}/"

    # --- what was received ---------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.rest.requests

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests to routes the stand-in does not serve (answered 404 or 405)."""
        return [r for r in self.rest.requests if r.route is None]

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        """Requests matching a method and a route such as `/channels/{id}/messages`."""
        pattern = route_pattern(route)
        return [r for r in self.rest.requests if r.method == method and pattern.fullmatch(r.path)]

    @property
    def messages(self) -> list[StoredMessage]:
        return list(self.rest.messages.values())

    @property
    def bot_messages(self) -> list[StoredMessage]:
        return [m for m in self.rest.messages.values() if m.author_id == self.world.bot.id]

    def commands(self, guild_id: int | None = None) -> list[Json]:
        """The registered commands: global, or those of one guild."""
        return list(self.rest.commands.get(guild_id, {}).values())

    @property
    def identifies(self) -> list[Identify]:
        return self.gateway.identifies

    @property
    def connections(self) -> list[Connection]:
        return self.gateway.connections

    @property
    def sessions(self) -> list[Session]:
        """Every session started, oldest first."""
        return list(self.gateway.sessions.values())

    def session(self, shard_id: int = 0) -> Session:
        """The newest session of a shard."""
        return self.gateway.session(shard_id)

    @property
    def internal_errors(self) -> list[str]:
        """Tracebacks of the stand-in's own failures (answered 400, or socket closed 4000)."""
        return [*self.rest.internal_errors, *self.gateway.internal_errors]

    def assert_clean(self) -> None:
        """Fail on requests to unserved routes or stand-in errors (the fixture calls this)."""
        problems = [f"unserved route: {r}" for r in self.unknown_requests]
        problems += [f"stand-in error: {e}" for e in self.internal_errors]
        if problems:
            raise AssertionError("\n".join(problems))

    # --- faults --------------------------------------------------------------------

    def fail(
        self,
        method: str,
        route: str,
        *,
        status: int,
        code: int = 0,
        message: str | None = None,
        retry_after: float = 0.5,
        is_global: bool = False,
        times: int = 1,
    ) -> Fault:
        """Answer the next `times` matching requests with an error instead of serving them.

        Faults are consumed in the order they were added. A 429 carries what
        discord.py reads to retry: `retry_after` and `global` in the body, a
        `Via` header (without it discord.py assumes a Cloudflare ban and
        raises) and the X-RateLimit-* headers.
        """
        headers: dict[str, str] = {}
        if status == 429:
            body: Json = {
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": is_global,
            }
            if code:
                body["code"] = code
            headers = {
                "Via": "1.1 google",
                "Retry-After": str(max(1, round(retry_after + 0.5))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                "X-RateLimit-Bucket": "standin" + str(abs(hash((method, route))) % 10**8),
                "X-RateLimit-Scope": "global" if is_global else "user",
            }
            if is_global:
                headers["X-RateLimit-Global"] = "true"
        else:
            body = payloads.error(status, code, message)
        fault = Fault(method.upper(), route, status, body, headers, times)
        self.rest.faults.append(fault)
        return fault

    # --- the gateway ---------------------------------------------------------------

    async def wait_for_ready(
        self, shard_id: int = 0, *, count: int = 1, within: float = DEFAULT_TIMEOUT
    ) -> Session:
        """The `count`-th session of a shard once READY and its GUILD_CREATEs are written."""

        def ready() -> Session | None:
            sessions = self.gateway.sessions_of(shard_id)
            return sessions[count - 1] if len(sessions) >= count else None

        return await self.changes.wait_for(
            ready, within=within, what=f"READY #{count} on shard {shard_id}"
        )

    async def wait_for_resume(
        self, shard_id: int = 0, *, count: int = 1, within: float = DEFAULT_TIMEOUT
    ) -> Session:
        """The shard's session once it has been RESUMED `count` times."""

        def resumed() -> Session | None:
            session = self.gateway.current(shard_id)
            return session if session is not None and len(session.resumed_at) >= count else None

        return await self.changes.wait_for(
            resumed, within=within, what=f"RESUMED #{count} on shard {shard_id}"
        )

    async def wait_for_identify(
        self, count: int = 1, *, within: float = DEFAULT_TIMEOUT
    ) -> Identify:
        """The `count`-th IDENTIFY received, valid or not."""
        return await self.changes.wait_for(
            lambda: self.identifies[count - 1] if len(self.identifies) >= count else None,
            within=within,
            what=f"IDENTIFY #{count}",
        )

    def close_all(self, code: int = 4000, reason: str = "") -> None:
        """Close every socket with `code` (4007 and 4009 also end the sessions)."""
        self.gateway.close_all(code, reason)

    def drop_connections(self) -> None:
        """Cut every socket without a close frame; events dispatched now wait for a RESUME."""
        self.gateway.drop_connections()

    def reconnect(self, shard_id: int = 0) -> None:
        """Send op 7 RECONNECT: discord.py closes and resumes."""
        self.gateway.reconnect(shard_id)

    def invalidate_session(self, shard_id: int = 0, *, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; not resumable, discord.py must IDENTIFY again."""
        self.gateway.invalidate_session(shard_id, resumable=resumable)

    def dispatch(self, event: str, data: Json, *, guild_id: int | None = None) -> int:
        """Send any event on the shard that holds `guild_id` (shard 0 without); its seq."""
        return self.gateway.session_for(guild_id).dispatch(event, data)

    # --- REST waits ----------------------------------------------------------------

    async def wait_for_request(
        self, method: str, route: str, *, count: int = 1, within: float = DEFAULT_TIMEOUT
    ) -> RecordedRequest:
        """The `count`-th answered request matching `method` and `route`."""

        def answered() -> RecordedRequest | None:
            found = [r for r in self.requests_to(method, route) if r.status]
            return found[count - 1] if len(found) >= count else None

        return await self.changes.wait_for(
            answered, within=within, what=f"request #{count} to {method} {route}"
        )

    async def wait_for_message(
        self,
        predicate: Callable[[StoredMessage], bool] = lambda _: True,
        *,
        within: float = DEFAULT_TIMEOUT,
    ) -> StoredMessage:
        """The first message from the bot, sent before or after the call, matching `predicate`."""
        return await self.changes.wait_for(
            lambda: next((m for m in self.bot_messages if predicate(m)), None),
            within=within,
            what="matching message from the bot",
        )

    # --- users' messages -----------------------------------------------------------

    @property
    def default_user(self) -> User:
        """Who acts when a helper is given no user: "reader" if it exists, else the owner."""
        try:
            return self.world.user("reader")
        except LookupError:
            return self.world.owner

    @property
    def default_channel(self) -> Channel:
        """Where helpers act by default: the first guild's first channel."""
        for guild in self.world.guilds:
            if guild.channels:
                return guild.channels[0]
        return self.world.dm_channel(self.default_user)

    def message(
        self,
        content: str,
        *,
        channel: Channel | None = None,
        author: User | None = None,
        reply_to: StoredMessage | None = None,
        ping: bool = True,
        message_type: int | None = None,
    ) -> MessageHandle:
        """MESSAGE_CREATE from a user; mentions (`<@id>`, `<@&id>`, @everyone) come from content.

        `message_type` makes it another kind of message than a plain one or a
        reply: 6, say, for the notice Discord posts when the user pins one.

        As on Discord, the event reaches the bot only with the intent for it
        (GUILD_MESSAGES or DIRECT_MESSAGES), and a guild message that does not
        mention the bot arrives with empty content unless the bot has the
        MESSAGE_CONTENT intent. A reply pings the author of `reply_to` unless
        `ping` is off, as the client's "@ On/Off" toggle does.
        """
        channel = channel or self.default_channel
        author = author or self.default_user
        self.world.users.setdefault(author.id, author)
        guild = self.world.guild_of(channel)
        session = self.gateway.session_for(guild.id if guild else None)
        reference: Json | None = None
        if reply_to is not None:
            reference = {"type": 0, "message_id": str(reply_to.id), "channel_id": str(channel.id)}
        allowed = None if ping else {"parse": ["users", "roles", "everyone"], "replied_user": False}
        users, roles, everyone = self.rest.mentions(content, allowed, reply_to, guild)
        payload = payloads.message(
            message_id=self.world.ids.next(),
            channel=channel,
            author=author,
            content=content,
            guild=guild,
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
            message_type=(
                message_type if message_type is not None else 19 if reply_to is not None else 0
            ),
            reference=reference,
            referenced=reply_to.payload if reply_to is not None else None,
        )
        stored = self.rest.store(payload, None)
        dispatched_at = time.monotonic()
        seq: int | None = None
        if session.wants(Intent.GUILD_MESSAGES if guild else Intent.DIRECT_MESSAGES):
            seen = dict(payload)
            readable = guild is None or self.world.bot in users or author is self.world.bot
            if not (readable or session.wants(Intent.MESSAGE_CONTENT)):
                seen.update(content="", embeds=[], attachments=[], components=[])
            seq = session.dispatch("MESSAGE_CREATE", seen)
        handle = MessageHandle(stored, dispatched_at, session, seq, self.changes)
        self.rest.message_handles.append(handle)
        return handle

    def _echo(self, message: StoredMessage) -> None:
        """Discord sends a bot its own messages too (but not ephemeral ones)."""
        channel = self.world.find_channel(message.channel_id)
        if message.ephemeral or channel is None:
            return
        guild = self.world.guild_of(channel)
        try:
            session = self.gateway.session_for(guild.id if guild else None)
        except LookupError:
            return  # sent over REST alone, with no gateway session to tell
        if not session.wants(Intent.GUILD_MESSAGES if guild else Intent.DIRECT_MESSAGES):
            return
        data = dict(message.payload)
        if guild is not None:
            data["guild_id"] = str(guild.id)
            member = guild.members.get(self.world.bot.id)
            if member is not None:
                data["member"] = member.payload(with_user=False)
        session.dispatch("MESSAGE_CREATE", data)

    def dm_message(self, content: str, *, user: User | None = None) -> MessageHandle:
        """A direct message to the bot (always on shard 0)."""
        user = user or self.default_user
        return self.message(content, channel=self.world.dm_channel(user), author=user)

    def mention(
        self, text: str, *, channel: Channel | None = None, author: User | None = None
    ) -> MessageHandle:
        """A guild message that starts by mentioning the bot: `<@bot> text`."""
        channel = channel or self.default_channel
        return self.message(f"{self.world.bot.mention} {text}", channel=channel, author=author)

    # --- interactions --------------------------------------------------------------

    def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: User | None = None,
        channel: Channel | None = None,
        installed: Install = "guild",
        app_permissions: int | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """A chat-input command; `name` may hold subcommands ("story quotes").

        Option types come from the registered command when the bot has synced
        one, else from the Python values. Like Discord, this refuses what a
        user could not send: unknown options, missing required ones, or a
        command whose contexts or integration types exclude the channel.
        """
        return self._command_interaction(
            InteractionType.APPLICATION_COMMAND,
            name,
            options or {},
            None,
            user=user,
            channel=channel,
            installed=installed,
            app_permissions=app_permissions,
            locale=locale,
        )

    def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        focused: str,
        user: User | None = None,
        channel: Channel | None = None,
        installed: Install = "guild",
        app_permissions: int | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """An autocomplete request while the user types option `focused`."""
        if focused not in options:
            raise ValueError(f"focused option {focused!r} is not among the options")
        return self._command_interaction(
            InteractionType.AUTOCOMPLETE,
            name,
            options,
            focused,
            user=user,
            channel=channel,
            installed=installed,
            app_permissions=app_permissions,
            locale=locale,
        )

    def click(
        self,
        message: StoredMessage,
        custom_id: str,
        *,
        user: User | None = None,
        values: Sequence[str] | None = None,
        installed: Install = "guild",
        locale: str = "en-US",
    ) -> InteractionHandle:
        """A component interaction on a message the bot sent (a button, or a select with values)."""
        component = message.component(custom_id)
        if component is None:
            raise ValueError(f"message {message.id} has no component {custom_id!r}")
        data: Json = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = list(values)
        channel = self.world.find_channel(message.channel_id)
        assert channel is not None
        return self._interact(
            InteractionType.MESSAGE_COMPONENT,
            data,
            user=user or self.default_user,
            channel=channel,
            installed=installed,
            app_permissions=None,
            locale=locale,
            message=message.payload,
        )

    def _command_interaction(
        self,
        kind: int,
        name: str,
        options: Mapping[str, Any],
        focused: str | None,
        *,
        user: User | None,
        channel: Channel | None,
        installed: Install,
        app_permissions: int | None,
        locale: str,
    ) -> InteractionHandle:
        channel = channel or self.default_channel
        top, *path = name.split()
        command = self._registered_command(top, channel)
        context = self._context(channel)
        if command is not None:
            self._check_offered(command, context, installed)
        data: Json = {
            "id": command["id"] if command else str(self.world.ids.next()),
            "name": top,
            "type": 1,
            "options": _options(
                command["options"] if command else None, path, options, focused, top
            ),
        }
        if command is not None and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return self._interact(
            kind,
            data,
            user=user or self.default_user,
            channel=channel,
            installed=installed,
            app_permissions=app_permissions,
            locale=locale,
        )

    def _registered_command(self, name: str, channel: Channel) -> Json | None:
        """The command Discord would run here; None when the bot registered nothing at all."""
        scopes: list[int | None] = [None]
        if channel.guild_id is not None:
            scopes.insert(0, channel.guild_id)
        for scope in scopes:
            for command in self.rest.commands.get(scope, {}).values():
                if command["name"] == name and command["type"] == 1:
                    return command
        if any(self.rest.commands.values()):
            raise ValueError(f"Discord offers no /{name} in channel {channel.id}")
        return None

    def _check_offered(self, command: Json, context: int, installed: Install) -> None:
        contexts = command.get("contexts")
        if contexts is None:
            contexts = [0, 1, 2] if command.get("dm_permission", True) else [0]
        if context not in contexts:
            raise ValueError(
                f"Discord offers /{command['name']} only in contexts {contexts}, "
                f"not in {_CONTEXT_NAMES[context]} ({context})"
            )
        install = 0 if installed == "guild" else 1
        if install not in (command.get("integration_types") or [0]):
            raise ValueError(f"/{command['name']} is not available to {installed}-installs")

    def _context(self, channel: Channel) -> int:
        if channel.guild_id is not None:
            return InteractionContext.GUILD
        if channel.bot_dm:
            return InteractionContext.BOT_DM
        return InteractionContext.PRIVATE_CHANNEL

    def _interact(
        self,
        kind: int,
        data: Json,
        *,
        user: User,
        channel: Channel,
        installed: Install,
        app_permissions: int | None,
        locale: str,
        message: Json | None = None,
    ) -> InteractionHandle:
        self.world.users.setdefault(user.id, user)
        guild = self.world.guild_of(channel)
        context = self._context(channel)
        if installed == "user":
            owners = {"1": str(user.id)}
        elif context == InteractionContext.PRIVATE_CHANNEL:
            raise ValueError("only a user-installed app can be used in a private channel")
        else:
            owners = {"0": str(guild.id) if guild else "0"}
        if app_permissions is None:
            if guild is not None and installed == "guild":
                app_permissions = guild.permissions_for(self.world.bot.id, channel)
            elif context == InteractionContext.BOT_DM:
                app_permissions = DM_APP_PERMISSIONS
            else:
                app_permissions = USER_APP_PERMISSIONS
        session = self.gateway.session_for(guild.id if guild else None)
        interaction_id = self.world.ids.next()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        payload = payloads.interaction(
            interaction_id=interaction_id,
            application_id=self.world.bot.id,
            interaction_type=kind,
            token=token,
            data=data,
            user=user,
            channel=channel,
            guild=guild,
            app_permissions=app_permissions,
            context=context,
            owners=owners,
            message=message,
            locale=locale,
        )
        dispatched_at = time.monotonic()
        seq = session.dispatch("INTERACTION_CREATE", payload)
        handle = InteractionHandle(payload, dispatched_at, session, seq, self.changes)
        self.rest.interactions[interaction_id] = handle
        return handle


def _option_type(value: Any) -> int:
    for python_type, option_type in _OPTION_TYPES:
        if isinstance(value, python_type):
            return option_type
    raise TypeError(f"no option type for {value!r}: register the command first")


def _options(
    defined: list[Json] | None,
    path: list[str],
    values: Mapping[str, Any],
    focused: str | None,
    command: str,
) -> list[Json]:
    """Interaction options; `defined` is the registered command's (None: unregistered)."""
    if path:
        sub = None
        if defined is not None:
            sub = next((o for o in defined if o["name"] == path[0]), None)
            if sub is None or sub["type"] not in _SUBCOMMAND_TYPES:
                raise ValueError(f"/{command} has no subcommand {path[0]!r}")
        kind = sub["type"] if sub else (2 if len(path) > 1 else 1)
        inner = (sub.get("options") or []) if sub else None
        return [
            {
                "name": path[0],
                "type": kind,
                "options": _options(inner, path[1:], values, focused, command),
            }
        ]
    options: list[Json] = []
    for name, value in values.items():
        if defined is None:
            kind = _option_type(value)
        else:
            spec = next((o for o in defined if o["name"] == name), None)
            if spec is None:
                raise ValueError(f"/{command} has no option {name!r}")
            kind = int(spec["type"])
        option: Json = {"name": name, "type": kind, "value": value}
        if name == focused:
            option["focused"] = True
        options.append(option)
    if defined is not None and focused is None:
        missing = [
            o["name"]
            for o in defined
            if o.get("required") and o["type"] not in _SUBCOMMAND_TYPES and o["name"] not in values
        ]
        if missing:
            raise ValueError(f"/{command} needs options {missing}")
    return options
