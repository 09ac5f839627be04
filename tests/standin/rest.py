"""REST API v10: the routes discord.py calls to log in, register commands and answer.

Requests are recorded before anything else happens, then an injected fault
(if one matches) answers in place of the route. Answers carry exactly
`Content-Type: application/json`: discord.py decodes a body as JSON only on
that exact string. Where Discord enforces a limit or a permission that a bot
can get wrong (message sizes, Embed Links, the 3-second callback deadline),
the stand-in enforces it the same way, with Discord's error codes.
"""

from __future__ import annotations

import json
import re
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiohttp import MultipartReader, hdrs, web

from tests.standin import payloads
from tests.standin.payloads import CallbackType, InteractionType, MessageFlag
from tests.standin.records import (
    Callback,
    Changes,
    Fault,
    InteractionHandle,
    MessageHandle,
    RecordedRequest,
    StoredMessage,
    UploadedFile,
    walk_components,
)
from tests.standin.world import (
    ALL_PERMISSIONS,
    Channel,
    Guild,
    Json,
    Permission,
    User,
    World,
    iso,
)

__all__ = ["API_PREFIX", "ApiError", "RestApi"]

API_PREFIX = "/api/v10"

_Reply = tuple[int, Any]
_Handler = Callable[[RecordedRequest, dict[str, str]], _Reply]

_SENDABLE_FLAGS = (
    MessageFlag.SUPPRESS_EMBEDS | MessageFlag.SUPPRESS_NOTIFICATIONS | MessageFlag.IS_COMPONENTS_V2
)
_INTERACTION_FLAGS = _SENDABLE_FLAGS | MessageFlag.EPHEMERAL

# Which callback types Discord accepts for each interaction type.
_CALLBACKS_FOR = {
    InteractionType.APPLICATION_COMMAND: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.MODAL,
    },
    InteractionType.MESSAGE_COMPONENT: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.DEFERRED_UPDATE_MESSAGE,
        CallbackType.UPDATE_MESSAGE,
        CallbackType.MODAL,
    },
    InteractionType.AUTOCOMPLETE: {CallbackType.AUTOCOMPLETE_RESULT},
    InteractionType.MODAL_SUBMIT: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.DEFERRED_UPDATE_MESSAGE,
        CallbackType.UPDATE_MESSAGE,
    },
}

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_COMMAND_NAME = re.compile(r"[-_\w]{1,32}")
_FILE_FIELD = re.compile(r"files\[(\d+)\]")


class ApiError(Exception):
    """An error answer in Discord's shape."""

    def __init__(
        self, status: int, code: int = 0, message: str | None = None, *, errors: Json | None = None
    ) -> None:
        super().__init__(f"{status} (code {code})")
        self.status = status
        self.body = payloads.error(status, code, message, errors=errors)


def _form_error(problems: dict[str, tuple[str, str]]) -> ApiError:
    """50035 Invalid Form Body, with `errors` nested by field path as Discord nests them."""
    errors: Json = {}
    for path, (code, message) in problems.items():
        node = errors
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return ApiError(400, 50035, errors=errors)


def _truthy(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true")


def _object(body: Any) -> Json:
    return body if isinstance(body, dict) else {}


def _too_long(problems: dict[str, tuple[str, str]], path: str, text: str, limit: int) -> int:
    if len(text) > limit:
        problems[path] = ("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
    return len(text)


def _validate_message(body: Json, files: list[UploadedFile], *, allow_empty: bool = False) -> None:
    """Discord's message limits; the ones a bot that renders long answers can hit."""
    problems: dict[str, tuple[str, str]] = {}
    content = body.get("content") or ""
    _too_long(problems, "content", str(content), 2000)
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        problems["embeds"] = ("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = 0
    for i, embed in enumerate(embeds):
        total += _too_long(problems, f"embeds.{i}.title", embed.get("title") or "", 256)
        total += _too_long(
            problems, f"embeds.{i}.description", embed.get("description") or "", 4096
        )
        footer = (embed.get("footer") or {}).get("text") or ""
        total += _too_long(problems, f"embeds.{i}.footer.text", footer, 2048)
        author = (embed.get("author") or {}).get("name") or ""
        total += _too_long(problems, f"embeds.{i}.author.name", author, 256)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problems[f"embeds.{i}.fields"] = (
                "BASE_TYPE_MAX_LENGTH",
                "Must be 25 or fewer in length.",
            )
        for j, embed_field in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                text = embed_field.get(key) or ""
                if not text:
                    problems[f"embeds.{i}.fields.{j}.{key}"] = (
                        "BASE_TYPE_REQUIRED",
                        "This field is required",
                    )
                total += _too_long(problems, f"embeds.{i}.fields.{j}.{key}", text, limit)
    if total > 6000:
        problems["embeds"] = ("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    components = body.get("components") or []
    if not int(body.get("flags") or 0) & MessageFlag.IS_COMPONENTS_V2:
        if len(components) > 5:
            problems["components"] = ("BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
        for i, row in enumerate(components):
            if not 1 <= len(row.get("components") or []) <= 5:
                problems[f"components.{i}.components"] = (
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 5 in length.",
                )
    custom_ids: set[str] = set()
    for component in walk_components(components):
        _too_long(problems, "components.label", component.get("label") or "", 80)
        custom_id = component.get("custom_id")
        if custom_id is not None:
            _too_long(problems, "components.custom_id", custom_id, 100)
            if custom_id in custom_ids:
                problems["components.custom_id"] = (
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                )
            custom_ids.add(custom_id)
    if problems:
        raise _form_error(problems)
    has_body = (
        content or embeds or components or files or body.get("sticker_ids") or body.get("poll")
    )
    if not (has_body or allow_empty):
        raise ApiError(400, 50006)


def _command_problems(command: Json, prefix: str) -> dict[str, tuple[str, str]]:
    problems: dict[str, tuple[str, str]] = {}
    name = command.get("name")
    chat_input = command.get("type", 1) == 1
    valid_name = isinstance(name, str) and 1 <= len(name) <= 32
    if chat_input:
        valid_name = valid_name and _COMMAND_NAME.fullmatch(str(name)) is not None
        valid_name = valid_name and str(name) == str(name).lower()
    if not valid_name:
        problems[f"{prefix}name"] = ("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    description = command.get("description") or ""
    if chat_input and not 1 <= len(description) <= 100:
        problems[f"{prefix}description"] = (
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        )
    problems.update(_option_problems(command.get("options") or [], f"{prefix}options"))
    return problems


def _option_problems(options: list[Json], prefix: str) -> dict[str, tuple[str, str]]:
    problems: dict[str, tuple[str, str]] = {}
    if len(options) > 25:
        problems[prefix] = ("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    names: set[str] = set()
    optional_seen = False
    for i, option in enumerate(options):
        path = f"{prefix}.{i}."
        name = option.get("name")
        if not isinstance(name, str) or not _COMMAND_NAME.fullmatch(name) or name != name.lower():
            problems[path + "name"] = (
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            )
        elif name in names:
            problems[path + "name"] = (
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                "Option name is already used in these options",
            )
        names.add(str(name))
        if not 1 <= len(option.get("description") or "") <= 100:
            problems[path + "description"] = (
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            )
        if option.get("type") in (1, 2):
            problems.update(_option_problems(option.get("options") or [], path + "options"))
            continue
        required = bool(option.get("required", False))
        if required and optional_seen:
            problems[path + "required"] = (
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            )
        optional_seen = optional_seen or not required
        choices = option.get("choices") or []
        if len(choices) > 25:
            problems[path + "choices"] = ("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        if choices and option.get("autocomplete"):
            problems[path + "autocomplete"] = (
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_AND_CHOICES",
                "Autocomplete cannot be enabled on options that have choices",
            )
    return problems


def _validate_choices(data: Json) -> None:
    choices = data.get("choices")
    problems: dict[str, tuple[str, str]] = {}
    if not isinstance(choices, list):
        problems["data.choices"] = ("BASE_TYPE_REQUIRED", "This field is required")
        choices = []
    elif len(choices) > 25:
        problems["data.choices"] = ("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    for i, choice in enumerate(choices):
        name = str(choice.get("name") or "")
        if not 1 <= len(name) <= 100:
            problems[f"data.choices.{i}.name"] = (
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            )
        value = choice.get("value")
        if isinstance(value, str):
            _too_long(problems, f"data.choices.{i}.value", value, 100)
    if problems:
        raise _form_error(problems)


@dataclass(frozen=True)
class _Route:
    method: str
    template: str
    handler: _Handler
    auth: bool
    pattern: re.Pattern[str]


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """The JSON body; for multipart, payload_json and the files beside it."""
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        body: Any = None
        files: list[UploadedFile] = []
        while (part := await reader.next()) is not None:
            if isinstance(part, MultipartReader):
                continue
            if part.name == "payload_json":
                body = json.loads(await part.text())
            else:
                files.append(
                    UploadedFile(
                        part.name or "",
                        part.filename or "",
                        part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream"),
                        bytes(await part.read()),
                    )
                )
        return body, files
    raw = await request.read()
    if not raw:
        return None, []
    if request.content_type == "application/json":
        return json.loads(raw), []
    return raw.decode("utf-8", "replace"), []


class RestApi:
    """The REST routes, with the messages, commands and interactions they act on."""

    def __init__(
        self,
        *,
        world: World,
        token: str,
        changes: Changes,
        application_flags: int,
        recommended_shards: int,
        interaction_deadline: float,
        base_url: Callable[[], str],
        gateway_url: Callable[[], str],
        on_bot_message: Callable[[StoredMessage], None],
    ) -> None:
        self.world = world
        self.token = token
        self.changes = changes
        self.application_flags = application_flags
        self.recommended_shards = recommended_shards
        self.interaction_deadline = interaction_deadline
        self._base_url = base_url
        self._gateway_url = gateway_url
        self._on_bot_message = on_bot_message
        self.requests: list[RecordedRequest] = []
        self.messages: dict[int, StoredMessage] = {}
        self.interactions: dict[int, InteractionHandle] = {}
        self.message_handles: list[MessageHandle] = []
        # Registered commands by scope: None for global, else the guild id.
        self.commands: dict[int | None, dict[int, Json]] = {None: {}}
        self.faults: list[Fault] = []
        self.internal_errors: list[str] = []
        self._routes: list[_Route] = []
        self._add_routes()

    # --- routing -------------------------------------------------------------------

    def _route(self, method: str, template: str, handler: _Handler, *, auth: bool = True) -> None:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts)
        )
        self._routes.append(_Route(method, template, handler, auth, re.compile(regex)))

    def _add_routes(self) -> None:
        route = self._route
        route("GET", "/gateway", self._get_gateway, auth=False)
        route("GET", "/gateway/bot", self._get_gateway_bot)
        route("GET", "/users/@me", self._get_current_user)
        route("POST", "/users/@me/channels", self._open_dm)
        route("GET", "/oauth2/applications/@me", self._get_application)
        route("GET", "/channels/{channel_id}", self._get_channel)
        route("POST", "/channels/{channel_id}/typing", self._typing)
        route("POST", "/channels/{channel_id}/messages", self._create_message)
        message = "/channels/{channel_id}/messages/{message_id}"
        route("GET", message, self._get_message)
        route("PATCH", message, self._edit_message)
        route("DELETE", message, self._delete_message)
        for scope in (
            "/applications/{application_id}",
            "/applications/{application_id}/guilds/{guild_id}",
        ):
            route("GET", f"{scope}/commands", self._list_commands)
            route("PUT", f"{scope}/commands", self._overwrite_commands)
            route("POST", f"{scope}/commands", self._upsert_command)
            route("GET", f"{scope}/commands/{{command_id}}", self._get_command)
            route("PATCH", f"{scope}/commands/{{command_id}}", self._edit_command)
            route("DELETE", f"{scope}/commands/{{command_id}}", self._delete_command)
        # Interaction webhooks authenticate by their token, not the bot's.
        callback = "/interactions/{interaction_id}/{interaction_token}/callback"
        route("POST", callback, self._callback, auth=False)
        route("POST", "/webhooks/{application_id}/{interaction_token}", self._followup, auth=False)
        webhook_message = "/webhooks/{application_id}/{interaction_token}/messages/{message_id}"
        route("GET", webhook_message, self._get_webhook_message, auth=False)
        route("PATCH", webhook_message, self._edit_webhook_message, auth=False)
        route("DELETE", webhook_message, self._delete_webhook_message, auth=False)

    def _match(self, method: str, path: str) -> tuple[_Route | None, dict[str, str], bool]:
        """The route, its parameters, and whether the path exists under another method."""
        other_method = False
        for route in self._routes:
            found = route.pattern.fullmatch(path)
            if found is None:
                continue
            if route.method == method:
                return route, found.groupdict(), False
            other_method = True
        return None, {}, other_method

    async def handle(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX) or "/"
        received_at = time.monotonic()
        try:
            body, files = await _read_body(request)
        except ValueError:
            body, files = ApiError(400, 50109, "The request body contains invalid JSON."), []
        route, params, other_method = self._match(request.method, path)
        record = RecordedRequest(
            method=request.method,
            path=path,
            route=route.template if route else None,
            query=dict(request.query),
            json=None if isinstance(body, ApiError) else body,
            files=files,
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
            received_at=received_at,
        )
        self.requests.append(record)
        headers: dict[str, str] = {}
        if isinstance(body, ApiError):
            status, answer = body.status, body.body
        else:
            authorization = request.headers.get(hdrs.AUTHORIZATION)
            status, answer, headers = self._answer(
                record, route, params, other_method, authorization
            )
        record.status = status
        self.changes.notify()
        if answer is None:
            return web.Response(status=status, headers=headers)
        headers = {**headers, hdrs.CONTENT_TYPE: "application/json"}
        return web.Response(status=status, body=json.dumps(answer).encode(), headers=headers)

    def _answer(
        self,
        record: RecordedRequest,
        route: _Route | None,
        params: dict[str, str],
        other_method: bool,
        authorization: str | None,
    ) -> tuple[int, Any, dict[str, str]]:
        fault = next((f for f in self.faults if f.matches(record.method, record.path)), None)
        if fault is not None:
            fault.hits += 1
            record.fault = fault
            return fault.status, fault.body, fault.headers
        if route is None:
            status = 405 if other_method else 404
            return status, payloads.error(status), {}
        if route.auth and authorization != f"Bot {self.token}":
            return 401, payloads.error(401), {}
        try:
            status, answer = route.handler(record, params)
        except ApiError as error:
            return error.status, error.body, {}
        except Exception:
            # A stand-in bug: answer at once (a 5xx would make discord.py retry for
            # seconds) and keep the traceback for the fixture to report.
            self.internal_errors.append(f"{record.method} {record.path}\n{traceback.format_exc()}")
            return 400, payloads.error(400, 0, "stand-in internal error"), {}
        return status, answer, {}

    # --- lookups -------------------------------------------------------------------

    def _channel(self, channel_id: str) -> Channel:
        channel = self.world.find_channel(int(channel_id)) if channel_id.isdigit() else None
        if channel is None:
            raise ApiError(404, 10003)
        return channel

    def _bot_permissions(self, channel: Channel) -> tuple[Guild | None, int]:
        guild = self.world.guild_of(channel)
        if guild is None:
            return None, ALL_PERMISSIONS
        return guild, guild.permissions_for(self.world.bot.id, channel)

    def _message(self, channel: Channel, message_id: str) -> StoredMessage:
        stored = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if stored is None or stored.deleted or stored.channel_id != channel.id:
            raise ApiError(404, 10008)
        return stored

    # --- login, gateway, users, channels -------------------------------------------

    def _get_gateway(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, {"url": self._gateway_url()}

    def _get_gateway_bot(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, {
            "url": self._gateway_url(),
            "shards": self.recommended_shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 86_400_000,
                "max_concurrency": 1,
            },
        }

    def _get_current_user(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, payloads.current_user(self.world.bot)

    def _get_application(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, payloads.application(self.world, flags=self.application_flags)

    def _open_dm(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        recipient = str(_object(request.json).get("recipient_id", ""))
        user = self.world.users.get(int(recipient)) if recipient.isdigit() else None
        if user is None or user is self.world.bot:
            raise ApiError(400, 50033)
        return 200, self.world.dm_channel(user).payload()

    def _get_channel(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        channel = self._channel(params["channel_id"])
        _, permissions = self._bot_permissions(channel)
        if not permissions & Permission.VIEW_CHANNEL:
            raise ApiError(403, 50001)
        return 200, channel.payload()

    def _typing(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        self._channel(params["channel_id"])
        return 204, None

    # --- channel messages ----------------------------------------------------------

    def _create_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        channel = self._channel(params["channel_id"])
        guild, permissions = self._bot_permissions(channel)
        if not permissions & Permission.VIEW_CHANNEL:
            raise ApiError(403, 50001)
        # In a thread, the permission to send is a separate one.
        thread = channel.parent_id is not None
        send = Permission.SEND_MESSAGES_IN_THREADS if thread else Permission.SEND_MESSAGES
        if not permissions & send:
            raise ApiError(403, 50013)
        body = _object(request.json)
        _validate_message(body, request.files)
        reference, replied = self._reference(channel, body)
        if reference is not None and not permissions & Permission.READ_MESSAGE_HISTORY:
            raise ApiError(403, 50013)
        # Without Embed Links, Discord drops embeds without an error.
        embeds = (body.get("embeds") or []) if permissions & Permission.EMBED_LINKS else []
        if not embeds and body.get("embeds"):
            _validate_message({**body, "embeds": []}, request.files)
        content = str(body.get("content") or "")
        users, roles, everyone = self.mentions(
            content, body.get("allowed_mentions"), replied, guild
        )
        message_id = self.world.ids.next()
        payload = payloads.message(
            message_id=message_id,
            channel=channel,
            author=self.world.bot,
            content=content,
            embeds=embeds,
            components=body.get("components") or [],
            attachments=self._attachments(channel, body, request.files),
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone and bool(permissions & Permission.MENTION_EVERYONE),
            flags=int(body.get("flags") or 0) & _SENDABLE_FLAGS,
            message_type=19 if reference is not None else 0,
            tts=bool(body.get("tts", False)),
            reference=reference,
            referenced=replied.payload if replied is not None else None,
        )
        self.store(payload, request)
        return 200, payload

    def _get_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        channel = self._channel(params["channel_id"])
        return 200, self._message(channel, params["message_id"]).payload

    def _edit_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        channel = self._channel(params["channel_id"])
        stored = self._message(channel, params["message_id"])
        if stored.author_id != self.world.bot.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        _, permissions = self._bot_permissions(channel)
        embeds_allowed = bool(permissions & Permission.EMBED_LINKS)
        self._apply_edit(stored, _object(request.json), request, embeds_allowed=embeds_allowed)
        return 200, stored.payload

    def _delete_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        channel = self._channel(params["channel_id"])
        stored = self._message(channel, params["message_id"])
        _, permissions = self._bot_permissions(channel)
        if stored.author_id != self.world.bot.id and not permissions & Permission.MANAGE_MESSAGES:
            raise ApiError(403, 50013)
        stored.deleted = True
        return 204, None

    def _reference(self, channel: Channel, body: Json) -> tuple[Json | None, StoredMessage | None]:
        wanted = body.get("message_reference")
        if not wanted:
            return None, None
        target_id = str(wanted.get("message_id", ""))
        target = self.messages.get(int(target_id)) if target_id.isdigit() else None
        if target is None or target.deleted or target.channel_id != channel.id:
            if wanted.get("fail_if_not_exists", True):
                raise _form_error(
                    {"message_reference": ("MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")}
                )
            return None, None
        reference: Json = {"type": 0, "message_id": str(target.id), "channel_id": str(channel.id)}
        if channel.guild_id is not None:
            reference["guild_id"] = str(channel.guild_id)
        return reference, target

    def mentions(
        self,
        content: str,
        allowed: Json | None,
        replied: StoredMessage | None,
        guild: Guild | None,
    ) -> tuple[list[User], list[int], bool]:
        """Who a message pings: its content filtered by allowed_mentions, as Discord does.

        Without allowed_mentions everything parses and a reply pings its target.
        """
        if allowed is None:
            parse = {"users", "roles", "everyone"}
            listed_users: set[int] = set()
            listed_roles: set[int] = set()
            replied_user = True
        else:
            parse = set(allowed.get("parse") or [])
            listed_users = {int(u) for u in allowed.get("users") or []}
            listed_roles = {int(r) for r in allowed.get("roles") or []}
            replied_user = bool(allowed.get("replied_user", False))
        users: list[User] = []
        for found in _USER_MENTION.finditer(content):
            user = self.world.users.get(int(found[1]))
            allowed_user = user is not None and ("users" in parse or user.id in listed_users)
            if allowed_user and user is not None and user not in users:
                users.append(user)
        if replied is not None and replied_user:
            author = self.world.users.get(replied.author_id)
            if author is not None and author not in users:
                users.append(author)
        roles: list[int] = []
        if guild is not None:
            role_ids = {r.id for r in guild.roles}
            for found in _ROLE_MENTION.finditer(content):
                role_id = int(found[1])
                allowed_role = "roles" in parse or role_id in listed_roles
                if role_id in role_ids and allowed_role and role_id not in roles:
                    roles.append(role_id)
        everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse
        return users, roles, everyone

    def _attachments(
        self, channel: Channel, body: Json, files: list[UploadedFile], kept: Iterable[Json] = ()
    ) -> list[Json]:
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        attachments = list(kept)
        for index, upload in enumerate(files):
            field_index = _FILE_FIELD.fullmatch(upload.field)
            about = described.get(field_index[1] if field_index else str(index), {})
            attachment_id = self.world.ids.next()
            filename = about.get("filename") or upload.filename
            url = f"{self._base_url()}/attachments/{channel.id}/{attachment_id}/{filename}"
            attachments.append(
                {
                    "id": str(attachment_id),
                    "filename": filename,
                    "description": about.get("description"),
                    "content_type": upload.content_type,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                }
            )
        return attachments

    def _apply_edit(
        self,
        stored: StoredMessage,
        body: Json,
        request: RecordedRequest,
        *,
        embeds_allowed: bool = True,
    ) -> None:
        """PATCH semantics: present keys replace, null clears, absent keys stay."""
        payload = stored.payload
        content = body["content"] if "content" in body else payload["content"]
        embeds = body["embeds"] if "embeds" in body else payload["embeds"]
        components = body["components"] if "components" in body else payload["components"]
        flags = int(payload["flags"]) & ~MessageFlag.LOADING
        if body.get("flags") is not None:
            suppress = int(body["flags"]) & MessageFlag.SUPPRESS_EMBEDS
            flags = (flags & ~MessageFlag.SUPPRESS_EMBEDS) | suppress
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            kept = [a for a in payload["attachments"] if a["id"] in keep]
        else:
            kept = list(payload["attachments"])
        merged: Json = {
            "content": content or "",
            "embeds": (embeds or []) if embeds_allowed else [],
            "components": components or [],
            "flags": flags,
        }
        _validate_message(merged, request.files, allow_empty=bool(kept))
        channel = self.world.find_channel(stored.channel_id)
        guild = self.world.guild_of(channel) if channel is not None else None
        users, roles, everyone = self.mentions(
            merged["content"], body.get("allowed_mentions"), None, guild
        )
        attachments = (
            self._attachments(channel, body, request.files, kept) if channel is not None else kept
        )
        was_loading = bool(int(payload["flags"]) & MessageFlag.LOADING)
        payload.update(
            content=merged["content"],
            embeds=[{"type": "rich", **e} for e in merged["embeds"]],
            components=merged["components"],
            flags=flags,
            attachments=attachments,
            mentions=[u.payload() for u in users],
            mention_roles=[str(r) for r in roles],
            mention_everyone=everyone,
            # Completing a deferred ("thinking") response is its creation, not an edit.
            edited_timestamp=None if was_loading else iso(datetime.now(UTC)),
        )
        stored.edits.append(request)

    def store(
        self, payload: Json, request: RecordedRequest | None, *, interaction_id: int | None = None
    ) -> StoredMessage:
        """Keep a message; a bot message outside interactions answers a dispatched one."""
        stored = StoredMessage(payload, time.monotonic(), request, interaction_id)
        self.messages[stored.id] = stored
        if stored.author_id == self.world.bot.id:
            self._on_bot_message(stored)
        if stored.author_id == self.world.bot.id and interaction_id is None:
            if stored.reference_id is not None:
                answered = [h for h in self.message_handles if h.id == stored.reference_id]
            else:
                answered = [
                    h
                    for h in self.message_handles
                    if h.channel_id == stored.channel_id and h.delivered and not h.replies
                ][:1]
            for handle in answered:
                handle.replies.append(stored)
        return stored

    # --- application commands ------------------------------------------------------

    def _scope(self, params: dict[str, str]) -> int | None:
        if params["application_id"] != str(self.world.bot.id):
            raise ApiError(403, 50001)
        guild_id = params.get("guild_id")
        if guild_id is None:
            return None
        if not any(str(g.id) == guild_id for g in self.world.guilds):
            raise ApiError(403, 50001)  # Discord's answer for a guild the bot is not in
        return int(guild_id)

    def _command(self, body: Json, scope: int | None, command_id: int | None) -> Json:
        """A command as Discord stores and returns it."""
        permissions = body.get("default_member_permissions")
        command: Json = {
            "id": str(command_id or self.world.ids.next()),
            "application_id": str(self.world.bot.id),
            "version": str(self.world.ids.next()),
            "type": body.get("type", 1),
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description") or "",
            "description_localizations": body.get("description_localizations"),
            "options": body.get("options") or [],
            "default_member_permissions": None if permissions is None else str(permissions),
            "nsfw": bool(body.get("nsfw", False)),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
        }
        if scope is None:
            command["dm_permission"] = body.get("dm_permission", True)
        else:
            command["guild_id"] = str(scope)
            command["contexts"] = None
        return command

    def _existing_id(self, scope: int | None, body: Json) -> int | None:
        for command_id, command in self.commands.get(scope, {}).items():
            if command["name"] == body.get("name") and command["type"] == body.get("type", 1):
                return command_id
        return None

    def _registered(self, scope: int | None, params: dict[str, str]) -> Json:
        command_id = params["command_id"]
        command = (
            self.commands.get(scope, {}).get(int(command_id)) if command_id.isdigit() else None
        )
        if command is None:
            raise ApiError(404, 10063)
        return command

    def _list_commands(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, list(self.commands.get(self._scope(params), {}).values())

    def _overwrite_commands(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        scope = self._scope(params)
        body = request.json
        if not isinstance(body, list):
            raise _form_error({"_": ("BASE_TYPE_ARRAY", "Must be an array.")})
        problems: dict[str, tuple[str, str]] = {}
        seen: set[tuple[Any, Any]] = set()
        for i, command in enumerate(body):
            problems.update(_command_problems(_object(command), f"{i}."))
            key = (_object(command).get("name"), _object(command).get("type", 1))
            if key in seen:
                problems[f"{i}.name"] = (
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            seen.add(key)
        if problems:
            raise _form_error(problems)
        registered = [self._command(c, scope, self._existing_id(scope, c)) for c in body]
        self.commands[scope] = {int(c["id"]): c for c in registered}
        return 200, registered

    def _upsert_command(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        scope = self._scope(params)
        body = _object(request.json)
        problems = _command_problems(body, "")
        if problems:
            raise _form_error(problems)
        existing = self._existing_id(scope, body)
        command = self._command(body, scope, existing)
        self.commands.setdefault(scope, {})[int(command["id"])] = command
        return (201 if existing is None else 200), command

    def _get_command(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        return 200, self._registered(self._scope(params), params)

    def _edit_command(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        scope = self._scope(params)
        current = self._registered(scope, params)
        merged = {**current, **_object(request.json)}
        problems = _command_problems(merged, "")
        if problems:
            raise _form_error(problems)
        command = self._command(merged, scope, int(current["id"]))
        self.commands[scope][int(command["id"])] = command
        return 200, command

    def _delete_command(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        scope = self._scope(params)
        command = self._registered(scope, params)
        del self.commands[scope][int(command["id"])]
        return 204, None

    # --- interactions --------------------------------------------------------------

    def _callback(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        interaction_id = params["interaction_id"]
        handle = self.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
        if handle is None or handle.token != params["interaction_token"]:
            raise ApiError(404, 10062)
        if handle.callback is not None:
            raise ApiError(400, 40060)
        if request.received_at - handle.dispatched_at > self.interaction_deadline:
            raise ApiError(404, 10062)  # what a bot sees when it answers after 3 s
        body = _object(request.json)
        kind = body.get("type")
        data = body.get("data") if isinstance(body.get("data"), dict) else None
        if kind not in _CALLBACKS_FOR.get(handle.type, set()):
            raise _form_error(
                {
                    "type": (
                        "BASE_TYPE_CHOICES",
                        f"Not a valid response to interaction {handle.type}",
                    )
                }
            )
        resource: StoredMessage | None = None
        if kind == CallbackType.CHANNEL_MESSAGE:
            resource = handle.original = self._interaction_message(handle, request, data or {})
        elif kind == CallbackType.DEFERRED_CHANNEL_MESSAGE:
            flags = int((data or {}).get("flags") or 0) & MessageFlag.EPHEMERAL
            thinking = {"content": "", "flags": flags | MessageFlag.LOADING}
            resource = handle.original = self._interaction_message(
                handle, request, thinking, deferred=True
            )
        elif kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            handle.original = self._component_message(handle)
            if kind == CallbackType.UPDATE_MESSAGE and handle.original is not None:
                self._apply_edit(handle.original, data or {}, request)
                resource = handle.original
        elif kind == CallbackType.AUTOCOMPLETE_RESULT:
            _validate_choices(data or {})
        elif kind == CallbackType.MODAL:
            modal = data or {}
            if not (modal.get("custom_id") and modal.get("title") and modal.get("components")):
                raise _form_error({"data": ("BASE_TYPE_REQUIRED", "This field is required")})
        handle.callback = Callback(int(kind), data, request.received_at, request)
        if not _truthy(request.query.get("with_response")):
            return 204, None
        message = resource.payload if resource is not None else None
        return 200, payloads.callback_response(handle.payload, int(kind), message)

    def _component_message(self, handle: InteractionHandle) -> StoredMessage | None:
        message = handle.payload.get("message")
        return self.messages.get(int(message["id"])) if message else None

    def _interaction_message(
        self,
        handle: InteractionHandle,
        request: RecordedRequest,
        body: Json,
        *,
        deferred: bool = False,
    ) -> StoredMessage:
        """A message made through the interaction's webhook: no channel permissions apply."""
        channel = self.world.find_channel(handle.channel_id)
        assert channel is not None, "the stand-in dispatches interactions in known channels"
        _validate_message(body, request.files, allow_empty=deferred)
        guild = self.world.guild_of(channel)
        content = str(body.get("content") or "")
        users, roles, everyone = self.mentions(content, body.get("allowed_mentions"), None, guild)
        component = self._component_message(handle)
        flags = int(body.get("flags") or 0) & _INTERACTION_FLAGS
        payload = payloads.message(
            message_id=self.world.ids.next(),
            channel=channel,
            author=self.world.bot,
            content=content,
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            attachments=self._attachments(channel, body, request.files),
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
            flags=flags | (MessageFlag.LOADING if deferred else 0),
            message_type=20 if handle.type == InteractionType.APPLICATION_COMMAND else 0,
            tts=bool(body.get("tts", False)),
            webhook_id=self.world.bot.id,
            application_id=self.world.bot.id,
            interaction_metadata=payloads.interaction_metadata(
                handle.payload, interacted_message_id=component.id if component else None
            ),
        )
        return self.store(payload, request, interaction_id=handle.id)

    def _webhook(self, params: dict[str, str]) -> InteractionHandle:
        """The interaction behind /webhooks/{application_id}/{interaction_token}."""
        if params["application_id"] == str(self.world.bot.id):
            token = params["interaction_token"]
            for handle in self.interactions.values():
                # Followups exist only after the interaction has been answered.
                if handle.token == token and handle.callback is not None:
                    return handle
        raise ApiError(404, 10015)

    def _webhook_message(self, handle: InteractionHandle, message_id: str) -> StoredMessage:
        if message_id == "@original":
            found = handle.original
        else:
            candidates = [*handle.followups, *([handle.original] if handle.original else [])]
            found = next((m for m in candidates if str(m.id) == message_id), None)
        if found is None or found.deleted:
            raise ApiError(404, 10008)
        return found

    def _followup(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        handle = self._webhook(params)
        message = self._interaction_message(handle, request, _object(request.json))
        handle.followups.append(message)
        return (200, message.payload) if _truthy(request.query.get("wait")) else (204, None)

    def _get_webhook_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        handle = self._webhook(params)
        return 200, self._webhook_message(handle, params["message_id"]).payload

    def _edit_webhook_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        handle = self._webhook(params)
        message = self._webhook_message(handle, params["message_id"])
        self._apply_edit(message, _object(request.json), request)
        if message is handle.original:
            handle.original_edits.append(request)
        return 200, message.payload

    def _delete_webhook_message(self, request: RecordedRequest, params: dict[str, str]) -> _Reply:
        handle = self._webhook(params)
        self._webhook_message(handle, params["message_id"]).deleted = True
        return 204, None
