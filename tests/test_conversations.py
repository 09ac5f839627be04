"""What each DM said last: bounded, forgetful, and fed by replies and by /story."""

from __future__ import annotations

from bot.conversations import Conversations
from bot.engine import Engine
from bot.knowledge import Story
from bot.replies import Context, offered


def test_a_conversation_remembers_the_last_reply_for_a_while(mini_story: Story) -> None:
    now = [0.0]
    conversations = Conversations(size=2, ttl=600.0, clock=lambda: now[0])
    closure, reopening, boats = mini_story.entries[:3]
    conversations.remember(1, Context(closure))
    conversations.remember(1, Context(reopening, (boats,)))
    assert conversations.last(1) == Context(reopening, (boats,))
    assert conversations.last(2) == Context()
    now[0] = 601.0
    assert conversations.last(1) == Context(), "a question the next day is a question of its own"
    conversations.remember(2, Context(closure))
    conversations.remember(3, Context(boats))
    conversations.remember(4, Context(boats))
    assert conversations.last(2) == Context(), "bounded: the oldest is dropped"
    assert conversations.last(4) == Context(boats)


def test_a_reply_leaves_its_buttons_and_keeps_the_last_answer(mini_engine: Engine) -> None:
    conversations = Conversations()
    answered = mini_engine.ask("when will the harbour reopen")
    conversations.replied(7, answered)
    thanks = mini_engine.ask("thanks")
    conversations.replied(7, thanks)
    reopening = mini_engine.entry_named("reopening")
    assert conversations.last(7) == Context(reopening, offered(thanks))
    # /story and /quotes answer nothing: their buttons are what "2" picks from, and
    # the answer before them is not what "who is he?" leans on.
    closure = mini_engine.entry_named("closure")
    conversations.showed(7, (closure,))
    assert conversations.last(7) == Context(None, (closure,))
