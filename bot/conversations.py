"""What each DM said last, for the message a reader types next there."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from bot.knowledge import Entry
from bot.replies import Context, Reply

__all__ = ["Conversations"]


class Conversations:
    """What the bot last showed in each DM, for a reader who asks on without
    Discord's reply: "who is he?" typed under an answer is about that answer,
    and "the second one" under a "did you mean" or a /story picks from it.

    Bounded, oldest dropped first; what is older than `ttl` seconds is
    forgotten, since a question asked the next day is a question of its own.
    Entries are kept as they were; the engine reads them as the knowledge is
    now, so a reload in between changes nothing here.
    """

    def __init__(
        self,
        *,
        size: int = 10_000,
        ttl: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size, self.ttl, self.clock = size, ttl, clock
        self._last: OrderedDict[int, tuple[Context, float]] = OrderedDict()

    def remember(self, channel_id: int, context: Context) -> None:
        self._last.pop(channel_id, None)
        self._last[channel_id] = (context, self.clock())
        while len(self._last) > self.size:
            self._last.popitem(last=False)

    def replied(self, channel_id: int, reply: Reply) -> None:
        """After a reply in a DM: its buttons, and its answer or the one before."""
        self.remember(channel_id, self.last(channel_id).then(reply))

    def showed(self, channel_id: int, entries: tuple[Entry | None, ...]) -> None:
        """After a message that answers nothing (/story, /quotes): its buttons, and
        no answer to lean on. The reader has moved on: after `/quotes speaker:Selo`,
        "who is he?" is not about the answer before."""
        self.remember(channel_id, Context(offered=entries))

    def last(self, channel_id: int) -> Context:
        context, at = self._last.get(channel_id, (Context(), 0.0))
        return context if self.clock() - at <= self.ttl else Context()
