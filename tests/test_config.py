"""Configuration from the environment: every value, every error, and the token kept secret."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import VARIABLES, ConfigError, Cooldown, Settings, load_dotenv_file
from bot.engine import Thresholds
from tests.conftest import FAKE_TOKEN, ROOT


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.token is None
    assert settings.knowledge.name == "knowledge"
    assert settings.dev_guild_id is None
    assert settings.log_level == "INFO"
    assert settings.cooldown == Cooldown(5, 10.0)
    assert settings.thresholds == Thresholds()
    assert settings.shard_count is None
    assert settings.shard_ids is None
    assert settings.misses_log is None


def test_every_variable_is_read(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": f"  {FAKE_TOKEN} ",
            "KNOWLEDGE": str(tmp_path),
            "DEV_GUILD_ID": "123456789012345678",
            "LOG_LEVEL": "debug",
            "COOLDOWN": "3/7.5",
            "ANSWER_THRESHOLD": "70",
            "SUGGEST_THRESHOLD": "20",
            "AMBIGUITY_MARGIN": "4",
            "REFEREE": "0.7",
            "SHARD_COUNT": "4",
            "SHARD_IDS": "2,3",
            "MISSES_LOG": "misses.jsonl",
            "CACHE_DIR": "kept",
        },
        require_token=True,
    )
    assert settings.token == FAKE_TOKEN
    assert settings.knowledge == tmp_path
    assert settings.dev_guild_id == 123456789012345678
    assert settings.log_level == "DEBUG"
    assert settings.cooldown == Cooldown(3, 7.5)
    assert settings.thresholds == Thresholds(answer=70, suggest=20, margin=4, referee=0.7)
    assert (settings.shard_count, settings.shard_ids) == (4, (2, 3))
    assert settings.misses_log == Path("misses.jsonl")
    assert settings.cache_dir == Path("kept")


def test_a_misses_log_under_home_is_found() -> None:
    """A .env is no shell: "~" would otherwise be a folder named "~"."""
    settings = Settings.from_env({"MISSES_LOG": "~/misses.jsonl"})
    assert settings.misses_log == Path.home() / "misses.jsonl"


def test_the_engine_is_kept_in_the_users_cache_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert Settings.from_env({}).cache_dir == Path.home() / ".cache" / "storybot"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings.from_env({}).cache_dir == tmp_path / "storybot"
    # The convention ignores a relative one.
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    assert Settings.from_env({}).cache_dir == Path.home() / ".cache" / "storybot"
    assert Settings.from_env({"CACHE_DIR": "~/kept"}).cache_dir == Path.home() / "kept"
    assert Settings.from_env({"CACHE_DIR": "off"}).cache_dir is None
    assert Settings.from_env({"CACHE_DIR": "OFF"}).cache_dir is None


def test_a_bot_prefix_on_the_token_is_tolerated() -> None:
    assert Settings.from_env({"DISCORD_TOKEN": f"Bot {FAKE_TOKEN}"}).token == FAKE_TOKEN


@pytest.mark.parametrize(
    ("env", "variable", "expected"),
    [
        ({}, "DISCORD_TOKEN", "not set"),
        ({"DISCORD_TOKEN": "hunter2-not-a-token"}, "DISCORD_TOKEN", "does not look like one"),
        ({"DEV_GUILD_ID": "my server"}, "DEV_GUILD_ID", "a Discord server id"),
        ({"DEV_GUILD_ID": "0"}, "DEV_GUILD_ID", "at least 1"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL", "DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ({"COOLDOWN": "five"}, "COOLDOWN", "like 5/10"),
        ({"COOLDOWN": "0/10"}, "COOLDOWN", "like 5/10"),
        ({"ANSWER_THRESHOLD": "high"}, "ANSWER_THRESHOLD", "from 0 to 100"),
        ({"ANSWER_THRESHOLD": "150"}, "ANSWER_THRESHOLD", "from 0 to 100"),
        ({"SUGGEST_THRESHOLD": "90"}, "SUGGEST_THRESHOLD", "not be above ANSWER_THRESHOLD (60)"),
        # A fraction by mistake: the setting given is the one to blame.
        ({"ANSWER_THRESHOLD": "0.6"}, "ANSWER_THRESHOLD", "looks like a fraction"),
        (
            {"ANSWER_THRESHOLD": "0.6", "SUGGEST_THRESHOLD": "0.5"},
            "ANSWER_THRESHOLD",
            "0.6 looks like a fraction; thresholds are scores from 0 to 100 (default 60)",
        ),
        ({"SUGGEST_THRESHOLD": "0.3"}, "SUGGEST_THRESHOLD", "looks like a fraction"),
        ({"ANSWER_THRESHOLD": "20"}, "ANSWER_THRESHOLD", "not be below SUGGEST_THRESHOLD (30)"),
        ({"SHARD_COUNT": "-1"}, "SHARD_COUNT", "at least 1"),
        ({"SHARD_IDS": "0"}, "SHARD_IDS", "needs SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,x"}, "SHARD_IDS", "separated by commas"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "SHARD_IDS", "outside 0..1"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS", "twice"),
    ],
)
def test_errors_name_the_variable_and_what_is_expected(
    env: dict[str, str], variable: str, expected: str
) -> None:
    token = (
        {}
        if "DISCORD_TOKEN" in env or variable == "DISCORD_TOKEN"
        else {"DISCORD_TOKEN": FAKE_TOKEN}
    )
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({**token, **env}, require_token=True)
    assert caught.value.variable == variable
    message = str(caught.value)
    assert message.startswith(f"{variable}: ")
    assert expected in message
    assert "\n" not in message


def test_a_malformed_token_is_ignored_where_none_is_needed() -> None:
    """ask, check and eval never connect: a bad token is for `run` to refuse."""
    assert Settings.from_env({"DISCORD_TOKEN": "hunter2-not-a-token"}).token is None


def test_the_token_never_appears_in_errors_or_repr() -> None:
    secret = "hunter2" * 5
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"DISCORD_TOKEN": secret}, require_token=True)
    assert secret not in str(caught.value)
    settings = Settings.from_env({"DISCORD_TOKEN": FAKE_TOKEN})
    assert FAKE_TOKEN not in repr(settings)
    assert FAKE_TOKEN not in str(settings)


def test_blank_values_count_as_unset() -> None:
    assert Settings.from_env({"DEV_GUILD_ID": "  ", "LOG_LEVEL": ""}).dev_guild_id is None


class ReadRecorder(dict[str, str]):
    """An environment that remembers which variables were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)


def test_env_example_documents_exactly_the_variables_read() -> None:
    env = ReadRecorder()
    Settings.from_env(env)
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert documented == env.asked
    assert env.asked == VARIABLES
    for name in documented:
        # Every variable comes with a comment right above it (or above its group).
        block = example.split(f"\n{name}=")[0].rstrip().splitlines()
        assert block[-1].startswith("#") or re.fullmatch(r"[A-Z_]+=.*", block[-1]), name


def test_dotenv_fills_in_but_the_real_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"DISCORD_TOKEN={FAKE_TOKEN}\nLOG_LEVEL=WARNING\nCOOLDOWN=2/4\n")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("COOLDOWN", raising=False)
    monkeypatch.setenv("LOG_LEVEL", "ERROR")

    load_dotenv_file(dotenv)
    settings = Settings.from_env(require_token=True)

    assert settings.token == FAKE_TOKEN
    assert settings.cooldown == Cooldown(2, 4.0)
    assert settings.log_level == "ERROR"


def test_a_missing_dotenv_is_fine_and_costs_no_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The hosting platform has no .env: `ask` there must not pay for the parser.
    monkeypatch.setitem(sys.modules, "dotenv", None)  # importing it now raises
    load_dotenv_file(tmp_path / ".env")


def test_knowledge_defaults_to_the_shipped_folder_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({}).knowledge == ROOT / "knowledge"
    (tmp_path / "knowledge").mkdir()
    assert Settings.from_env({}).knowledge == Path("knowledge")


def test_knowledge_may_name_a_file_or_a_folder(tmp_path: Path) -> None:
    file = tmp_path / "story.toml"
    assert Settings.from_env({"KNOWLEDGE": str(file)}).knowledge == file
    assert Settings.from_env({"KNOWLEDGE": f" {tmp_path} "}).knowledge == tmp_path


@pytest.mark.parametrize(("value", "odds"), [("off", 1.0), (" OFF ", 1.0), ("1", 1.0), ("0", 0.0)])
def test_the_referee_may_be_turned_off(value: str, odds: float) -> None:
    assert Settings.from_env({"REFEREE": value}).thresholds.referee == odds


@pytest.mark.parametrize("value", ["on", "1.5", "-0.1", "50"])
def test_referee_odds_outside_0_to_1_are_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="REFEREE"):
        Settings.from_env({"REFEREE": value})


def test_env_example_states_the_threshold_defaults() -> None:
    example = (ROOT / ".env.example").read_text()
    stated = re.search(r"Defaults: (\d+), (\d+), (\d+)", example)
    assert stated is not None
    defaults = Thresholds()
    assert tuple(float(n) for n in stated.groups()) == (
        defaults.answer,
        defaults.suggest,
        defaults.margin,
    )
    referee = re.search(r"Default: ([\d.]+)\nREFEREE=", example)
    assert referee is not None
    assert float(referee.group(1)) == defaults.referee
