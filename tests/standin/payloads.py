"""What goes on the wire: Discord v10 JSON for messages, interactions, READY and errors.

Each builder fills every field discord.py 2.7 reads without a default (for
example `attachment_size_limit` on interactions and `flags` on members), so a
payload that parses here parses the same way as one from Discord.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from tests.standin.world import Channel, Guild, Json, User, World, iso, snowflake_time

__all__ = [
    "ApplicationFlag",
    "CallbackType",
    "InteractionContext",
    "InteractionType",
    "MessageFlag",
    "application",
    "callback_response",
    "current_user",
    "error",
    "error_message",
    "interaction",
    "interaction_metadata",
    "message",
    "ready",
]


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType:
    PONG = 1
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


class InteractionContext:
    GUILD = 0
    BOT_DM = 1
    PRIVATE_CHANNEL = 2


class MessageFlag:
    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_COMPONENTS_V2 = 1 << 15


class ApplicationFlag:
    GATEWAY_PRESENCE_LIMITED = 1 << 13
    GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15
    GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19
    APPLICATION_COMMAND_BADGE = 1 << 23


# Discord's own wording, so that logs and assertions read like production ones.
_ERROR_MESSAGES = {
    10003: "Unknown Channel",
    10008: "Unknown Message",
    10015: "Unknown Webhook",
    10062: "Unknown interaction",
    10063: "Unknown application command",
    40060: "Interaction has already been acknowledged.",
    50001: "Missing Access",
    50006: "Cannot send an empty message",
    50007: "Cannot send messages to this user",
    50013: "Missing Permissions",
    50033: "Invalid Recipient(s)",
    50035: "Invalid Form Body",
}
_STATUS_MESSAGES = {
    400: "400: Bad Request",
    401: "401: Unauthorized",
    403: "403: Forbidden",
    404: "404: Not Found",
    405: "405: Method Not Allowed",
    429: "You are being rate limited.",
    500: "500: Internal Server Error",
    502: "502: Bad Gateway",
    503: "503: Service Unavailable",
    504: "504: Gateway Timeout",
}


def error_message(status: int, code: int) -> str:
    return _ERROR_MESSAGES.get(code) or _STATUS_MESSAGES.get(status, f"{status}: Error")


def error(
    status: int, code: int = 0, message: str | None = None, *, errors: Json | None = None
) -> Json:
    """Discord's error body: `{"message", "code"}`, plus `errors` for invalid form bodies."""
    body: Json = {"message": message or error_message(status, code), "code": code}
    if errors is not None:
        body["errors"] = errors
    return body


def current_user(user: User) -> Json:
    """The bot as GET /users/@me and READY show it."""
    return {
        **user.payload(),
        "verified": True,
        "mfa_enabled": False,
        "email": None,
        "flags": 0,
        "locale": "en-US",
        "premium_type": 0,
        "banner": None,
        "accent_color": None,
        "bio": "",
    }


def application(world: World, *, flags: int) -> Json:
    return {
        "id": str(world.bot.id),
        "name": world.bot.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot": world.bot.payload(),
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": world.owner.payload(),
        "team": None,
        "flags": flags,
        "hook": True,
        # Set, discord.py warns that interactions go to a URL instead of the gateway.
        "interactions_endpoint_url": None,
        "redirect_uris": [],
        "rpc_origins": [],
        "tags": [],
        "install_params": None,
        "custom_install_url": None,
        "integration_types_config": {"0": {}, "1": {}},
        "approximate_guild_count": len(world.guilds),
        "approximate_user_install_count": 0,
        "role_connections_verification_url": None,
        "terms_of_service_url": None,
        "privacy_policy_url": None,
        "is_monetized": False,
        "explicit_content_filter": 0,
    }


def ready(
    *,
    session_id: str,
    resume_gateway_url: str,
    user: User,
    application_id: int,
    application_flags: int,
    guilds: Sequence[Guild],
    shard: tuple[int, int] | None,
) -> Json:
    """READY lists the shard's guilds as unavailable; GUILD_CREATE events fill them in."""
    data: Json = {
        "v": 10,
        "user": current_user(user),
        "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_gateway_url,
        "application": {"id": str(application_id), "flags": application_flags},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "user_settings": {},
        "auth": {},
        "_trace": ['["standin-gateway",{"micros":0}]'],
    }
    if shard is not None:
        data["shard"] = list(shard)
    return data


def _mentioned(user: User, guild: Guild | None) -> Json:
    data = user.payload()
    member = guild.members.get(user.id) if guild is not None else None
    if member is not None:
        data["member"] = member.payload(with_user=False)
    return data


def message(
    *,
    message_id: int,
    channel: Channel,
    author: User,
    content: str = "",
    guild: Guild | None = None,
    embeds: Sequence[Json] = (),
    components: Sequence[Json] = (),
    attachments: Sequence[Json] = (),
    mentions: Sequence[User] = (),
    mention_roles: Sequence[int] = (),
    mention_everyone: bool = False,
    flags: int = 0,
    message_type: int = 0,
    tts: bool = False,
    reference: Json | None = None,
    referenced: Json | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: Json | None = None,
    edited_at: datetime | None = None,
) -> Json:
    """A message object; with `guild`, the gateway form (`guild_id` and the author's `member`)."""
    data: Json = {
        "id": str(message_id),
        "channel_id": str(channel.id),
        "type": message_type,
        "author": author.payload(),
        "content": content,
        "timestamp": iso(snowflake_time(message_id)),
        "edited_timestamp": iso(edited_at) if edited_at else None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": [_mentioned(u, guild) for u in mentions],
        "mention_roles": [str(r) for r in mention_roles],
        "mention_channels": [],
        "attachments": list(attachments),
        "embeds": [{"type": "rich", **e} for e in embeds],
        "components": list(components),
        "reactions": [],
        "pinned": False,
        "flags": flags,
    }
    if guild is not None:
        data["guild_id"] = str(guild.id)
        member = guild.members.get(author.id)
        if member is not None:
            data["member"] = member.payload(with_user=False)
    if reference is not None:
        data["message_reference"] = reference
        data["referenced_message"] = referenced
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data


def interaction(
    *,
    interaction_id: int,
    application_id: int,
    interaction_type: int,
    token: str,
    data: Json | None,
    user: User,
    channel: Channel,
    guild: Guild | None,
    app_permissions: int,
    context: int,
    owners: Mapping[str, str],
    message: Json | None = None,
    locale: str = "en-US",
) -> Json:
    """INTERACTION_CREATE: `member` (with permissions) in a guild the bot is in, else `user`."""
    payload: Json = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": interaction_type,
        "token": token,
        "version": 1,
        "channel": channel.payload(),
        "channel_id": str(channel.id),
        "app_permissions": str(app_permissions),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": dict(owners),
        "context": context,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if data is not None:
        payload["data"] = data
    member = guild.members.get(user.id) if guild is not None else None
    if guild is not None:
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {"id": str(guild.id), "locale": guild.locale, "features": []}
        payload["guild_locale"] = guild.locale
    if guild is not None and member is not None:
        permissions = guild.permissions_for(user.id, channel)
        payload["member"] = member.payload(permissions=permissions)
    else:
        payload["user"] = user.payload()
    if message is not None:
        payload["message"] = message
    return payload


def interaction_metadata(interaction: Json, *, interacted_message_id: int | None = None) -> Json:
    """What a response message tells about the interaction that made it."""
    user = interaction.get("member", {}).get("user") or interaction["user"]
    data: Json = {
        "id": interaction["id"],
        "type": interaction["type"],
        "user": user,
        "authorizing_integration_owners": interaction["authorizing_integration_owners"],
    }
    inner = interaction.get("data") or {}
    if interaction["type"] == InteractionType.APPLICATION_COMMAND:
        data["name"] = inner.get("name")
        data["command_type"] = inner.get("type", 1)
    if interacted_message_id is not None:
        data["interacted_message_id"] = str(interacted_message_id)
    return data


def callback_response(interaction: Json, callback_type: int, resource_message: Json | None) -> Json:
    """The body of POST /interactions/{id}/{token}/callback?with_response=true.

    discord.py reads `interaction.response_message_id` to tie a View to its
    message, so it must name the message the callback created or updated.
    """
    inner: Json = {"id": interaction["id"], "type": interaction["type"]}
    resource: Json = {"type": callback_type}
    if resource_message is not None:
        flags = int(resource_message.get("flags", 0))
        inner.update(
            response_message_id=resource_message["id"],
            response_message_loading=bool(flags & MessageFlag.LOADING),
            response_message_ephemeral=bool(flags & MessageFlag.EPHEMERAL),
        )
        resource["message"] = resource_message
    return {"interaction": inner, "resource": resource}
