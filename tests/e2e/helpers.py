"""Reading what the bot sent: embeds, buttons and the flags of a callback."""

from __future__ import annotations

import re
from typing import Any

from tests.standin import Callback, StoredMessage
from tests.standin.payloads import CallbackType, MessageFlag
from tests.standin.records import walk_components

__all__ = ["BUTTON_ID", "NO_PINGS", "buttons", "embed", "entry_ids", "is_ephemeral", "message"]

Json = dict[str, Any]

BUTTON_ID = re.compile(r"storybot:ask:(?P<story>[a-z0-9-]+):(?P<entry>[a-z0-9-]+)")
NO_PINGS = {"parse": []}


def message(callback: Callback) -> Json:
    """The message a type 4 callback answered with."""
    assert callback.type == CallbackType.CHANNEL_MESSAGE, callback
    assert callback.data is not None
    return callback.data


def embed(data: Json) -> Json:
    """The one embed of a message body or a stored message's payload."""
    (only,) = data["embeds"]
    assert isinstance(only, dict)
    return only


def buttons(data: Json) -> list[Json]:
    return [c for c in walk_components(data.get("components") or []) if c["type"] == 2]


def entry_ids(data: Json) -> list[str]:
    """The entries the message's buttons ask, from their custom ids."""
    ids = []
    for button in buttons(data):
        match = BUTTON_ID.fullmatch(button["custom_id"])
        assert match is not None, button
        ids.append(match["entry"])
    return ids


def is_ephemeral(data: Json) -> bool:
    return bool(int(data.get("flags") or 0) & MessageFlag.EPHEMERAL)


def custom_id(stored: StoredMessage, entry: str) -> str:
    """The custom id of the button on `stored` that asks `entry`."""
    for cid in stored.custom_ids:
        match = BUTTON_ID.fullmatch(cid)
        if match is not None and match["entry"] == entry:
            return cid
    raise AssertionError(f"no button for {entry!r} among {stored.custom_ids}")
