"""Configuration: read once from the environment (and `.env`) into one typed object.

A missing or malformed value is a `ConfigError` whose message names the variable
and what it expects, in one line. The token's value never appears in any message
or repr.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import Thresholds

__all__ = ["VARIABLES", "ConfigError", "Cooldown", "Settings", "load_dotenv_file"]

# Every variable Settings reads (a test holds this to what from_env asks for):
# child processes in tests and bench start from an environment without them.
VARIABLES = frozenset(
    {
        "DISCORD_TOKEN",
        "KNOWLEDGE",
        "DEV_GUILD_ID",
        "LOG_LEVEL",
        "COOLDOWN",
        "ANSWER_THRESHOLD",
        "SUGGEST_THRESHOLD",
        "AMBIGUITY_MARGIN",
        "REFEREE",
        "SHARD_COUNT",
        "SHARD_IDS",
        "MISSES_LOG",
        "CACHE_DIR",
    }
)

_TOKEN = re.compile(r"[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{20,}")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The knowledge shipped with the project, for runs from another working directory.
_PROJECT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


class ConfigError(Exception):
    """A configuration value that stops startup; the message is one line for the operator."""

    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        super().__init__(f"{variable}: {problem}")


@dataclass(frozen=True, slots=True)
class Cooldown:
    """At most `rate` questions per `seconds` from one user."""

    rate: int = 5
    seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = field(default=None, repr=False)
    knowledge: Path = Path("knowledge")
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    cooldown: Cooldown = field(default_factory=Cooldown)
    thresholds: Thresholds = field(default_factory=Thresholds)
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    misses_log: Path | None = None
    # Where the command line keeps the built engine between runs; None: not kept.
    cache_dir: Path | None = None

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, require_token: bool = False
    ) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        token = get("DISCORD_TOKEN")
        if token is not None:
            token = token.removeprefix("Bot ").strip()
            if not _TOKEN.fullmatch(token):
                if require_token:
                    # Never echo the value: a mangled token is still mostly a secret.
                    raise ConfigError(
                        "DISCORD_TOKEN",
                        "expected a bot token (three parts separated by dots) from the "
                        "Developer Portal's Bot page; the value set does not look like one",
                    )
                # ask, check, eval and misses never connect: a bad token is run's to refuse.
                token = None
        elif require_token:
            raise ConfigError(
                "DISCORD_TOKEN",
                "not set; put the bot token from the Discord Developer Portal (Bot > Reset "
                "Token) in the environment or in .env",
            )

        chosen = get("KNOWLEDGE")
        knowledge = Path(chosen or "knowledge")
        if chosen is None and not knowledge.exists() and _PROJECT_KNOWLEDGE.exists():
            knowledge = _PROJECT_KNOWLEDGE

        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in _LOG_LEVELS:
            raise ConfigError("LOG_LEVEL", f"expected one of {', '.join(_LOG_LEVELS)}")

        shard_count = _int(get("SHARD_COUNT"), "SHARD_COUNT", minimum=1, what="a number of shards")
        shard_ids = _shard_ids(get("SHARD_IDS"), shard_count)

        defaults = Thresholds()
        answer = _float(get("ANSWER_THRESHOLD"), "ANSWER_THRESHOLD", defaults.answer, 0, 100)
        suggest = _float(get("SUGGEST_THRESHOLD"), "SUGGEST_THRESHOLD", defaults.suggest, 0, 100)
        margin = _float(get("AMBIGUITY_MARGIN"), "AMBIGUITY_MARGIN", defaults.margin, 0, 100)
        referee = _referee(get("REFEREE"), defaults.referee)
        for name, value, default in (
            ("ANSWER_THRESHOLD", answer, defaults.answer),
            ("SUGGEST_THRESHOLD", suggest, defaults.suggest),
        ):
            if 0 < value < 1:
                raise ConfigError(
                    name,
                    f"{value:g} looks like a fraction; thresholds are scores from 0 to 100 "
                    f"(default {default:g})",
                )
        if suggest > answer:
            # Blame the one that was set.
            if get("SUGGEST_THRESHOLD") is None:
                raise ConfigError(
                    "ANSWER_THRESHOLD", f"must not be below SUGGEST_THRESHOLD ({suggest:g})"
                )
            raise ConfigError(
                "SUGGEST_THRESHOLD", f"must not be above ANSWER_THRESHOLD ({answer:g})"
            )

        misses = get("MISSES_LOG")
        cache = get("CACHE_DIR")
        return cls(
            token=token,
            knowledge=knowledge,
            dev_guild_id=_int(
                get("DEV_GUILD_ID"), "DEV_GUILD_ID", minimum=1, what="a Discord server id"
            ),
            log_level=level,
            cooldown=_cooldown(get("COOLDOWN")),
            thresholds=Thresholds(answer=answer, suggest=suggest, margin=margin, referee=referee),
            shard_count=shard_count,
            shard_ids=shard_ids,
            misses_log=Path(misses).expanduser() if misses else None,
            cache_dir=_cache_dir(cache),
        )


def load_dotenv_file(path: Path = Path(".env")) -> None:
    """Load `.env` for local runs; variables already in the environment win."""
    if not path.is_file():
        return  # the hosting platform has none: `ask` need not import the parser
    from dotenv import load_dotenv

    try:
        load_dotenv(path, override=False, encoding="utf-8")
    except UnicodeDecodeError:
        # The decoder names a byte offset, which helps nobody find a line.
        raise ConfigError(str(path), "not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise ConfigError(str(path), f"cannot read it ({error.strerror})") from None


def _cache_dir(value: str | None) -> Path | None:
    """CACHE_DIR as set; "off" for none; unset, the user's cache folder (the XDG
    convention's, which macOS command-line tools follow too)."""
    if value is not None:
        return None if value.lower() == "off" else Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the convention ignores a relative one
        return Path(xdg) / "storybot"
    try:
        return Path.home() / ".cache" / "storybot"
    except RuntimeError:  # no home folder to be found: nowhere to keep it
        return None


def _int(value: str | None, name: str, *, minimum: int, what: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(name, f"expected {what} (a whole number), got {value!r}") from None
    if number < minimum:
        raise ConfigError(name, f"expected {what} of at least {minimum}, got {number}")
    return number


def _float(value: str | None, name: str, default: float, low: float, high: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(
            name, f"expected a number from {low:g} to {high:g}, got {value!r}"
        ) from None
    if not low <= number <= high:
        raise ConfigError(name, f"expected a number from {low:g} to {high:g}, got {number:g}")
    return number


def _referee(value: str | None, default: float) -> float:
    """The odds the referee needs to override the rules; "off" (1) leaves them alone."""
    if value is not None and value.strip().casefold() == "off":
        return 1.0
    return _float(value, "REFEREE", default, 0, 1)


def _cooldown(value: str | None) -> Cooldown:
    if value is None:
        return Cooldown()
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*", value)
    if not match or int(match.group(1)) < 1 or float(match.group(2)) <= 0:
        raise ConfigError(
            "COOLDOWN", f"expected questions/seconds per user, like 5/10, got {value!r}"
        )
    return Cooldown(rate=int(match.group(1)), seconds=float(match.group(2)))


def _shard_ids(value: str | None, count: int | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    if count is None:
        raise ConfigError("SHARD_IDS", "needs SHARD_COUNT, the total number of shards")
    try:
        ids = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise ConfigError(
            "SHARD_IDS", f"expected shard numbers separated by commas, like 0,1, got {value!r}"
        ) from None
    bad = [i for i in ids if not 0 <= i < count]
    if bad:
        raise ConfigError("SHARD_IDS", f"shard {bad[0]} is outside 0..{count - 1} (SHARD_COUNT)")
    if len(set(ids)) != len(ids):
        raise ConfigError("SHARD_IDS", "lists a shard twice")
    return ids
