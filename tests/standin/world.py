"""Who and where: the users, guilds, channels and permissions the stand-in serves.

Everything here is plain data with a `payload()` that renders it as Discord
v10 JSON. Ids are real snowflakes (time-ordered, near now) because discord.py
derives creation times from them, and guild ids decide shards.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "ALL_PERMISSIONS",
    "BOT_PERMISSIONS",
    "MEMBER_PERMISSIONS",
    "ChannelType",
    "Guild",
    "Json",
    "Member",
    "Overwrite",
    "Permission",
    "Role",
    "Snowflakes",
    "User",
    "World",
    "iso",
    "shard_of",
    "snowflake_time",
]

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000


class Permission(enum.IntFlag):
    """The permission bits a message-answering bot meets (Discord's numbering)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38


# Administrators and owners hold every bit, including ones not named above.
ALL_PERMISSIONS = (1 << 53) - 1

MEMBER_PERMISSIONS = (
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.SEND_MESSAGES_IN_THREADS
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.USE_APPLICATION_COMMANDS
    | Permission.CREATE_INSTANT_INVITE
)

BOT_PERMISSIONS = (
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.SEND_MESSAGES_IN_THREADS
    | Permission.EMBED_LINKS
    | Permission.READ_MESSAGE_HISTORY
)


class ChannelType(enum.IntEnum):
    GUILD_TEXT = 0
    DM = 1
    GROUP_DM = 3
    PUBLIC_THREAD = 11


def snowflake_time(snowflake: int) -> datetime:
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, UTC)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord routes a guild's events to."""
    return (guild_id >> 22) % shard_count


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


class Snowflakes:
    """Unique, increasing ids whose timestamps are now.

    discord.py reads ages from ids (message deletion picks its rate-limit
    bucket that way), so ids must not come from a counter starting at 1.
    """

    def __init__(self) -> None:
        self._last_ms = 0
        self._sequence = 0

    def next(self, *, shard: tuple[int, int] | None = None) -> int:
        """A fresh id; with `shard=(id, count)`, one whose guild would live on that shard."""
        ms = max(int(time.time() * 1000), self._last_ms)
        if shard is not None:
            shard_id, count = shard
            if ms == self._last_ms:
                ms += 1
            while (ms - DISCORD_EPOCH_MS) % count != shard_id:
                ms += 1
        if ms == self._last_ms:
            self._sequence += 1
            if self._sequence >= 4096:
                ms, self._sequence = ms + 1, 0
        else:
            self._sequence = 0
        self._last_ms = ms
        return ((ms - DISCORD_EPOCH_MS) << 22) | (1 << 17) | self._sequence


@dataclass(eq=False)
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> Json:
        data: Json = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "avatar_decoration_data": None,
            "primary_guild": None,
            "collectibles": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(eq=False)
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0
    bot_id: int | None = None  # set for the role Discord creates when a bot joins

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> Json:
        data: Json = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "managed": self.bot_id is not None,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass(frozen=True)
class Overwrite:
    """A channel permission overwrite for a role (type 0) or a member (type 1)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0

    @classmethod
    def for_member(cls, user: User, *, allow: int = 0, deny: int = 0) -> Overwrite:
        return cls(user.id, 1, allow, deny)

    @classmethod
    def for_role(cls, role: Role, *, allow: int = 0, deny: int = 0) -> Overwrite:
        return cls(role.id, 0, allow, deny)

    def payload(self) -> Json:
        return {
            "id": str(self.id),
            "type": self.type,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


@dataclass(eq=False)
class Channel:
    id: int
    type: ChannelType
    name: str | None = None
    guild_id: int | None = None
    position: int = 0
    overwrites: list[Overwrite] = field(default_factory=list)
    # For DMs and group DMs: everyone in it but the bot (Discord's view from the bot).
    recipients: list[User] = field(default_factory=list)
    owner_id: int | None = None
    # A DM with the bot (context BOT_DM), as opposed to one between two people.
    bot_dm: bool = False
    # For threads: the text channel it belongs to, whose permissions it has.
    parent_id: int | None = None

    @property
    def is_private(self) -> bool:
        return self.type in (ChannelType.DM, ChannelType.GROUP_DM)

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def payload(self) -> Json:
        if self.type is ChannelType.GUILD_TEXT:
            return {
                "id": str(self.id),
                "type": int(self.type),
                "guild_id": str(self.guild_id),
                "name": self.name,
                "position": self.position,
                "permission_overwrites": [o.payload() for o in self.overwrites],
                "topic": None,
                "nsfw": False,
                "parent_id": None,
                "rate_limit_per_user": 0,
                "last_message_id": None,
                "flags": 0,
            }
        if self.type is ChannelType.PUBLIC_THREAD:
            return {
                "id": str(self.id),
                "type": int(self.type),
                "guild_id": str(self.guild_id),
                "parent_id": str(self.parent_id),
                "owner_id": str(self.owner_id),
                "name": self.name,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "message_count": 0,
                "member_count": 1,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": iso(snowflake_time(self.id)),
                    "locked": False,
                },
                "flags": 0,
            }
        data: Json = {
            "id": str(self.id),
            "type": int(self.type),
            "recipients": [u.payload() for u in self.recipients],
            "last_message_id": None,
            "flags": 0,
        }
        if self.type is ChannelType.GROUP_DM:
            data.update(name=self.name, icon=None, owner_id=str(self.owner_id))
        return data


@dataclass(eq=False)
class Member:
    user: User
    role_ids: list[int]
    joined_at: datetime
    nick: str | None = None

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> Json:
        """The member object; MESSAGE_CREATE omits the user, interactions add permissions."""
        data: Json = {
            "roles": [str(r) for r in self.role_ids],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": iso(self.joined_at),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    ids: Snowflakes = field(repr=False)
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    threads: list[Channel] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)
    locale: str = "en-US"

    @property
    def everyone(self) -> Role:
        return next(r for r in self.roles if r.id == self.id)

    def channel(self, name: str) -> Channel:
        for channel in (*self.channels, *self.threads):
            if channel.name == name:
                return channel
        raise LookupError(f"no channel #{name} in guild {self.name!r}")

    def role(self, name: str) -> Role:
        for role in self.roles:
            if role.name == name:
                return role
        raise LookupError(f"no role {name!r} in guild {self.name!r}")

    def add_role(self, name: str, permissions: int, *, bot_id: int | None = None) -> Role:
        role = Role(self.ids.next(), name, int(permissions), len(self.roles), bot_id)
        self.roles.append(role)
        return role

    def add_text_channel(self, name: str, *, overwrites: Iterable[Overwrite] = ()) -> Channel:
        channel = Channel(
            self.ids.next(),
            ChannelType.GUILD_TEXT,
            name,
            guild_id=self.id,
            position=len(self.channels),
            overwrites=list(overwrites),
        )
        self.channels.append(channel)
        return channel

    def add_thread(self, name: str, parent: Channel, owner: User) -> Channel:
        thread = Channel(
            self.ids.next(),
            ChannelType.PUBLIC_THREAD,
            name,
            guild_id=self.id,
            owner_id=owner.id,
            parent_id=parent.id,
        )
        self.threads.append(thread)
        return thread

    def add_member(self, user: User, *roles: Role) -> Member:
        member = Member(user, [r.id for r in roles], datetime.now(UTC))
        self.members[user.id] = member
        return member

    def shard_id(self, shard_count: int) -> int:
        return shard_of(self.id, shard_count)

    def permissions_for(self, user_id: int, channel: Channel) -> int:
        """Discord's algorithm: base role permissions, then @everyone, role, member overwrites.

        A thread has its parent channel's permissions.
        """
        if channel.parent_id is not None:
            channel = next(c for c in self.channels if c.id == channel.parent_id)
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        member = self.members.get(user_id)
        role_ids = set(member.role_ids) if member is not None else set()
        allowed = self.everyone.permissions
        for role in self.roles:
            if role.id in role_ids:
                allowed |= role.permissions
        if allowed & Permission.ADMINISTRATOR:
            return ALL_PERMISSIONS
        by_id = {o.id: o for o in channel.overwrites}
        everyone = by_id.get(self.id)
        if everyone is not None:
            allowed = (allowed & ~everyone.deny) | everyone.allow
        role_allow = role_deny = 0
        for overwrite in channel.overwrites:
            if overwrite.type == 0 and overwrite.id in role_ids:
                role_allow |= overwrite.allow
                role_deny |= overwrite.deny
        allowed = (allowed & ~role_deny) | role_allow
        own = by_id.get(user_id)
        if own is not None and own.type == 1:
            allowed = (allowed & ~own.deny) | own.allow
        if not allowed & Permission.VIEW_CHANNEL:
            return 0
        return allowed

    def payload(self) -> Json:
        """The full guild as GUILD_CREATE delivers it."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "preferred_locale": self.locale,
            "features": [],
            "application_id": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "joined_at": iso(snowflake_time(self.id)),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "members": [m.payload() for m in self.members.values()],
            "channels": [c.payload() for c in self.channels],
            "threads": [t.payload() for t in self.threads],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


class World:
    """Everything Discord knows that the bot can see: users, guilds, private channels.

    `World.default()` is what most tests want; build your own for unusual setups
    (more guilds, other permissions) before starting the stand-in.
    """

    def __init__(self, *, bot_name: str = "StandInBot", owner_name: str = "owner") -> None:
        self.ids = Snowflakes()
        self.bot = User(self.ids.next(), bot_name, bot=True)
        self.owner = User(self.ids.next(), owner_name, global_name=owner_name.title())
        self.users: dict[int, User] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.guilds: list[Guild] = []
        self.private_channels: dict[int, Channel] = {}

    @classmethod
    def default(cls) -> World:
        """Two users and two guilds, one per shard when two shards run.

        - users "reader" (a person) and "helper-bot" (another bot);
        - guild "Newsroom" (shard 0 of 2): #general where the bot may do all it
          needs, #no-embeds where it lacks Embed Links, #read-only where it
          cannot send but may in its thread "read-only-thread", and #no-threads
          where it may send but not in its thread "closed-thread";
        - guild "Annex" (shard 1 of 2) with #lobby.
        """
        world = cls()
        reader = world.add_user("reader")
        helper = world.add_user("helper-bot", bot=True)
        newsroom = world.add_guild("Newsroom", shard=(0, 2))
        newsroom.add_text_channel("general")
        newsroom.add_text_channel(
            "no-embeds", overwrites=[Overwrite.for_member(world.bot, deny=Permission.EMBED_LINKS)]
        )
        read_only = newsroom.add_text_channel(
            "read-only", overwrites=[Overwrite.for_member(world.bot, deny=Permission.SEND_MESSAGES)]
        )
        newsroom.add_thread("read-only-thread", read_only, reader)
        no_threads = newsroom.add_text_channel(
            "no-threads",
            overwrites=[Overwrite.for_member(world.bot, deny=Permission.SEND_MESSAGES_IN_THREADS)],
        )
        newsroom.add_thread("closed-thread", no_threads, reader)
        annex = world.add_guild("Annex", shard=(1, 2))
        annex.add_text_channel("lobby")
        for guild in (newsroom, annex):
            guild.add_member(reader)
            guild.add_member(helper)
        return world

    def add_user(self, username: str, *, bot: bool = False) -> User:
        user = User(
            self.ids.next(), username, global_name=None if bot else username.title(), bot=bot
        )
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        shard: tuple[int, int] | None = None,
        everyone_permissions: int = MEMBER_PERMISSIONS,
        bot_permissions: int = BOT_PERMISSIONS,
    ) -> Guild:
        """A guild the bot is in, with its owner, @everyone and the bot's managed role."""
        guild_id = self.ids.next(shard=shard)
        guild = Guild(guild_id, name, self.owner.id, self.ids)
        guild.roles.append(Role(guild_id, "@everyone", int(everyone_permissions)))
        bot_role = guild.add_role(self.bot.username, int(bot_permissions), bot_id=self.bot.id)
        guild.add_member(self.owner)
        guild.add_member(self.bot, bot_role)
        self.guilds.append(guild)
        return guild

    def guild(self, name: str | None = None) -> Guild:
        """The guild called `name`, or the first guild."""
        for guild in self.guilds:
            if name is None or guild.name == name:
                return guild
        raise LookupError(f"no guild {name!r}")

    def user(self, username: str) -> User:
        for user in self.users.values():
            if user.username == username:
                return user
        raise LookupError(f"no user {username!r}")

    def channel(self, ref: str | int) -> Channel:
        """A channel by id, or a guild channel by name (first guild that has it)."""
        for guild in self.guilds:
            for channel in (*guild.channels, *guild.threads):
                if ref in (channel.id, channel.name):
                    return channel
        if isinstance(ref, int) and ref in self.private_channels:
            return self.private_channels[ref]
        raise LookupError(f"no channel {ref!r}")

    def find_channel(self, channel_id: int) -> Channel | None:
        try:
            return self.channel(channel_id)
        except LookupError:
            return None

    def guild_of(self, channel: Channel) -> Guild | None:
        return next((g for g in self.guilds if g.id == channel.guild_id), None)

    def dm_channel(self, user: User) -> Channel:
        """The bot's DM with `user`: one per user, as on Discord."""
        for channel in self.private_channels.values():
            if channel.bot_dm and channel.recipients == [user]:
                return channel
        channel = Channel(self.ids.next(), ChannelType.DM, recipients=[user], bot_dm=True)
        self.private_channels[channel.id] = channel
        return channel

    def private_dm(self, other: User) -> Channel:
        """A DM between the invoking person and `other`: only a user-installed app works there."""
        channel = Channel(self.ids.next(), ChannelType.DM, recipients=[other])
        self.private_channels[channel.id] = channel
        return channel

    def group_dm(self, owner: User, *others: User, name: str | None = None) -> Channel:
        channel = Channel(
            self.ids.next(),
            ChannelType.GROUP_DM,
            name,
            recipients=[owner, *others],
            owner_id=owner.id,
        )
        self.private_channels[channel.id] = channel
        return channel
