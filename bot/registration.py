"""Slash command registration: sync only when Discord's copy differs from ours.

Syncing is rate limited by Discord, so a restart must not overwrite the
commands blindly. The comparison is on the fields Discord stores, with the
defaults it leaves out filled in, so an unchanged tree compares equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["canonical_commands", "commands_differ"]


def commands_differ(
    local: Iterable[Mapping[str, Any]], remote: Iterable[Mapping[str, Any]], *, guild: bool
) -> bool:
    """Whether registering `local` would change what Discord has (`remote`)."""
    return canonical_commands(local, guild=guild) != canonical_commands(remote, guild=guild)


def canonical_commands(
    payloads: Iterable[Mapping[str, Any]], *, guild: bool
) -> dict[tuple[int, str], dict[str, Any]]:
    """Commands keyed by (type, name), reduced to what registration decides."""
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for payload in payloads:
        # discord.py sends the permissions as a number, Discord returns a string.
        permissions = payload.get("default_member_permissions")
        command = {
            "description": payload.get("description") or "",
            "options": [_option(o) for o in payload.get("options") or ()],
            "default_member_permissions": None if permissions is None else str(permissions),
            "nsfw": bool(payload.get("nsfw", False)),
            "name_localizations": payload.get("name_localizations") or {},
            "description_localizations": payload.get("description_localizations") or {},
        }
        if not guild:
            # Guild commands ignore where they may be used and how they are installed.
            command["contexts"] = sorted(payload.get("contexts") or ())
            command["integration_types"] = sorted(payload.get("integration_types") or ())
        out[(int(payload.get("type", 1)), str(payload["name"]))] = command
    return out


def _option(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": int(payload["type"]),
        "name": payload["name"],
        "description": payload.get("description") or "",
        "required": bool(payload.get("required", False)),
        "autocomplete": bool(payload.get("autocomplete", False)),
        "choices": [{"name": c["name"], "value": c["value"]} for c in payload.get("choices") or ()],
        "min_value": payload.get("min_value"),
        "max_value": payload.get("max_value"),
        "min_length": payload.get("min_length"),
        "max_length": payload.get("max_length"),
        "channel_types": sorted(payload.get("channel_types") or ()),
        "options": [_option(o) for o in payload.get("options") or ()],
        "name_localizations": payload.get("name_localizations") or {},
        "description_localizations": payload.get("description_localizations") or {},
    }
