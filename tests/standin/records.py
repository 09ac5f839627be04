"""What the stand-in remembers, and the handles tests await on.

Every record carries `time.monotonic()` stamps so a test can measure the bot's
latency from the moment an event was dispatched to the moment its answer
arrived.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tests.standin.payloads import MessageFlag
from tests.standin.world import Json

if TYPE_CHECKING:
    from tests.standin.gateway import Session

__all__ = [
    "Callback",
    "Changes",
    "Fault",
    "InteractionHandle",
    "MessageHandle",
    "RecordedRequest",
    "StoredMessage",
    "UploadedFile",
    "route_pattern",
    "walk_components",
]

T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0


class Changes:
    """Wakes every waiter whenever anything the stand-in records changes.

    Waiters re-check their own condition, so one signal serves requests,
    messages, callbacks and gateway events alike.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(
        self, find: Callable[[], T | None], *, within: float, what: str | Callable[[], str]
    ) -> T:
        """The first non-None `find()`, checked after every change; TimeoutError names `what`."""
        try:
            async with asyncio.timeout(within):
                while True:
                    event = self._event
                    found = find()
                    if found is not None:
                        return found
                    await event.wait()
        except TimeoutError:
            described = what() if callable(what) else what
            raise TimeoutError(f"stand-in: no {described} within {within:g}s") from None


def route_pattern(route: str) -> re.Pattern[str]:
    """`/channels/{id}/messages` matches any channel id; literal paths match themselves."""
    parts = re.split(r"(\{[^}]*\})", route)
    regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(regex)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart/form-data body."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(eq=False)
class RecordedRequest:
    """One REST request as the stand-in received it, and the status it answered."""

    method: str
    path: str  # below /api/v10, e.g. /channels/123/messages
    route: str | None  # the template it matched, e.g. /channels/{channel_id}/messages
    query: dict[str, str]
    json: Any  # the JSON body, or payload_json of a multipart body; None without one
    files: list[UploadedFile]
    headers: dict[str, str]  # without Authorization
    received_at: float
    status: int = 0
    fault: Fault | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass(eq=False)
class Fault:
    """An injected error answer, used for the next `times` matching requests."""

    method: str
    route: str
    status: int
    body: Json
    headers: dict[str, str]
    times: int
    hits: int = 0

    def __post_init__(self) -> None:
        self._pattern = route_pattern(self.route)

    def matches(self, method: str, path: str) -> bool:
        return (
            self.hits < self.times
            and self.method in ("*", method)
            and self._pattern.fullmatch(path) is not None
        )

    @property
    def spent(self) -> bool:
        return self.hits >= self.times


def walk_components(components: list[Json]) -> Iterator[Json]:
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        accessory = component.get("accessory")
        if accessory:
            yield accessory


@dataclass(eq=False)
class StoredMessage:
    """A message the stand-in holds: sent by the bot, or dispatched as a user's."""

    payload: Json  # the current message object, as GET would return it
    created_at: float
    request: RecordedRequest | None  # None for messages the stand-in dispatched
    interaction_id: int | None = None
    edits: list[RecordedRequest] = field(default_factory=list)
    deleted: bool = False

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel_id"])

    @property
    def author_id(self) -> int:
        return int(self.payload["author"]["id"])

    @property
    def content(self) -> str:
        return str(self.payload["content"])

    @property
    def embeds(self) -> list[Json]:
        return list(self.payload["embeds"])

    @property
    def components(self) -> list[Json]:
        return list(self.payload["components"])

    @property
    def attachments(self) -> list[Json]:
        return list(self.payload["attachments"])

    @property
    def flags(self) -> int:
        return int(self.payload["flags"])

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def reference_id(self) -> int | None:
        """The id of the message this one replies to."""
        reference = self.payload.get("message_reference")
        return int(reference["message_id"]) if reference else None

    @property
    def mentions(self) -> list[int]:
        """Ids of the users this message pings, after allowed_mentions."""
        return [int(u["id"]) for u in self.payload["mentions"]]

    @property
    def mention_everyone(self) -> bool:
        return bool(self.payload["mention_everyone"])

    @property
    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in walk_components(self.components) if "custom_id" in c]

    def component(self, custom_id: str) -> Json | None:
        return next(
            (c for c in walk_components(self.components) if c.get("custom_id") == custom_id),
            None,
        )


@dataclass(frozen=True)
class Callback:
    """The bot's answer to an interaction: POST /interactions/{id}/{token}/callback."""

    type: int
    data: Json | None
    received_at: float
    request: RecordedRequest


@dataclass(eq=False)
class InteractionHandle:
    """An interaction the stand-in dispatched, and everything the bot did with it."""

    payload: Json
    dispatched_at: float
    session: Session
    seq: int | None
    changes: Changes = field(repr=False)
    callback: Callback | None = None
    # The message @original names: made by a type 4 or 5 callback, or the
    # component's message after a type 6 or 7 one.
    original: StoredMessage | None = None
    original_edits: list[RecordedRequest] = field(default_factory=list)
    followups: list[StoredMessage] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def token(self) -> str:
        return str(self.payload["token"])

    @property
    def type(self) -> int:
        return int(self.payload["type"])

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel_id"])

    @property
    def delivered(self) -> bool:
        """Whether the event was written to a socket (not just queued for a resume)."""
        return self.seq is not None and self.session.written_seq >= self.seq

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the callback's arrival."""
        return None if self.callback is None else self.callback.received_at - self.dispatched_at

    async def wait_callback(self, *, within: float = DEFAULT_TIMEOUT) -> Callback:
        return await self.changes.wait_for(
            lambda: self.callback, within=within, what=f"callback for interaction {self.id}"
        )

    async def wait_followup(
        self, count: int = 1, *, within: float = DEFAULT_TIMEOUT
    ) -> StoredMessage:
        """The `count`-th followup message."""
        return await self.changes.wait_for(
            lambda: self.followups[count - 1] if len(self.followups) >= count else None,
            within=within,
            what=f"followup #{count} for interaction {self.id}",
        )

    async def wait_original_edit(
        self, count: int = 1, *, within: float = DEFAULT_TIMEOUT
    ) -> StoredMessage:
        """The @original message once it has been edited `count` times."""

        def edited() -> StoredMessage | None:
            return self.original if len(self.original_edits) >= count else None

        return await self.changes.wait_for(
            edited, within=within, what=f"edit #{count} of interaction {self.id}'s original"
        )


@dataclass(eq=False)
class MessageHandle:
    """A user's message the stand-in dispatched, and the bot's replies to it.

    A bot message answers this one when it replies to it (message_reference),
    or, without a reference, when this is the oldest message in the channel
    that reached the bot and has no answer yet.
    """

    message: StoredMessage
    dispatched_at: float
    session: Session
    seq: int | None
    changes: Changes = field(repr=False)
    replies: list[StoredMessage] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.message.id

    @property
    def channel_id(self) -> int:
        return self.message.channel_id

    @property
    def delivered(self) -> bool:
        return self.seq is not None and self.session.written_seq >= self.seq

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the first reply's arrival."""
        return self.replies[0].created_at - self.dispatched_at if self.replies else None

    async def wait_reply(self, count: int = 1, *, within: float = DEFAULT_TIMEOUT) -> StoredMessage:
        return await self.changes.wait_for(
            lambda: self.replies[count - 1] if len(self.replies) >= count else None,
            within=within,
            what=f"reply #{count} to message {self.id}",
        )
