"""Just enough of discord.Interaction and discord.Message to call handlers directly.

End-to-end behaviour is tested against the loopback stand-in (tests/standin);
these fakes only record what a handler asked Discord to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord


@dataclass
class Sent:
    content: str | None
    kwargs: dict[str, Any]

    @property
    def embed(self) -> discord.Embed | None:
        embed = self.kwargs.get("embed")
        return embed if isinstance(embed, discord.Embed) else None

    @property
    def view(self) -> discord.ui.View | None:
        view = self.kwargs.get("view")
        return view if isinstance(view, discord.ui.View) else None


@dataclass
class FakeResponse:
    sent: list[Sent] = field(default_factory=list)
    choices: list[Any] | None = None
    deferred: bool = False

    def is_done(self) -> bool:
        return bool(self.sent) or self.choices is not None or self.deferred

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        assert not self.is_done(), "an interaction is answered once"
        self.sent.append(Sent(content, kwargs))

    async def autocomplete(self, choices: list[Any]) -> None:
        assert not self.is_done()
        self.choices = choices

    async def defer(self, **kwargs: Any) -> None:
        assert not self.is_done()
        self.deferred = True


@dataclass
class FakeFollowup:
    sent: list[Sent] = field(default_factory=list)

    async def send(self, content: str | None = None, **kwargs: Any) -> None:
        self.sent.append(Sent(content, kwargs))


@dataclass
class FakeUser:
    id: int = 1001
    bot: bool = False


@dataclass
class FakeInteraction:
    client: Any
    user: FakeUser = field(default_factory=FakeUser)
    response: FakeResponse = field(default_factory=FakeResponse)
    followup: FakeFollowup = field(default_factory=FakeFollowup)
    app_permissions: discord.Permissions = field(default_factory=discord.Permissions.all)
    type: discord.InteractionType = discord.InteractionType.application_command
    command: Any = None
    channel: Any = None  # a server channel, unless a test gives one
    message: Any = None  # the message of a clicked button

    def reply(self) -> Sent:
        """The one message the handler answered with."""
        assert len(self.response.sent) == 1, self.response.sent
        return self.response.sent[0]
