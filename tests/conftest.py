"""Shared fixtures: small knowledge files written per test, and the shipped story; and the
command line run as people run it, free of the developer's settings."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest

from bot.config import VARIABLES
from bot.engine import Engine
from bot.knowledge import KnowledgeError, Problem, Story, load_story

ROOT = Path(__file__).resolve().parent.parent
# Shaped like a bot token, so that settings accept it; no Discord knows it.
FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"
SHIPPED = ROOT / "knowledge" / "raqa-final-assault.toml"

ARTICLE = """\
Storm closes the harbour

The harbour at Port Ellis was closed on Monday after a storm damaged the pier, officials said.
“We expect the harbour to reopen on Friday,” said harbour master Ann Reyes.
About 40 fishing boats were moved to the river mooring, the council said.
Reyes said the pier would need “at least two weeks” of repairs.
"""

MINI = """\
[story]
id = "harbour-storm"
headline = "Storm closes the harbour"
byline = "Staff"
article = "harbour.txt"

[aliases]
harbour = ["harbor", "port"]
boat = ["ship", "vessel"]

[speakers.reyes]
name = "Ann Reyes"
role = "harbour master"

[speakers.council]
name = "the council"

[[entries]]
id = "closure"
topic = "The closure"
question = "Why was the harbour closed?"
alternates = ["why is the harbor shut", "what closed the harbour", "storm damage"]
answer = "A storm damaged the pier on Monday."
quotes = [{ text = "closed on Monday after a storm damaged the pier" }]
related = ["reopening"]

[[entries]]
id = "reopening"
topic = "The closure"
question = "When will the harbour reopen?"
alternates = ["when does the port open again", "reopening date", "harbour open friday?"]
answer = "Ann Reyes expects it to reopen on Friday."
quotes = [{ text = "We expect the harbour to reopen on Friday", speaker = "reyes" }]
related = ["repairs", "closure"]

[[entries]]
id = "boats"
topic = "Boats"
question = "How many boats were moved?"
alternates = ["where did the fishing boats go", "number of boats moved"]
answer = "About 40 fishing boats were moved to the river mooring."
quotes = [{ text = "About 40 fishing boats were moved to the river mooring", speaker = "council" }]

[[entries]]
id = "repairs"
topic = "Repairs"
question = "How long will the pier repairs take?"
alternates = ["pier repair time", "how long to fix the pier"]
answer = "Reyes said the pier would need at least two weeks of repairs."
quotes = [{ text = "at least two weeks", speaker = "reyes" }]

[[entries]]
id = "reyes"
topic = "People"
question = "Who is Ann Reyes?"
alternates = ["reyes", "who is the harbour master"]
answer = "Ann Reyes is the harbour master."
quotes = [{ text = "said harbour master Ann Reyes" }]
"""

WriteStory = Callable[..., Path]


# Two gates, each an entry asked about alike: which is answered, if either,
# depends on what their answers and quotes hold.
_GATES_STORY = """\
[story]
id = "gates"
headline = "Two gates open"
byline = "Staff"
article = "gates.txt"
"""


def gates(*each: tuple[str, str, str]) -> str:
    """A knowledge file of gates, each given as (id, answer, quote)."""
    return _GATES_STORY + "".join(
        f"""
[[entries]]
id = "{gate}"
topic = "Gates"
question = "When does the {gate} gate open?"
alternates = ["{gate} gate"]
answer = "{answer}"
quotes = [{{ text = "{quote}" }}]
"""
        for gate, answer, quote in each
    )


# Only the north gate's answer speaks of the warden.
TOLD_APART = gates(
    (
        "north",
        "At dawn, once the warden brings the keys.",
        "The north gate opens at dawn, once the warden brings the keys",
    ),
    ("south", "At dusk.", "the south gate at dusk"),
)
TOLD_APART_ARTICLE = (
    "Two gates open\n\nThe north gate opens at dawn, once the warden brings the keys,"
    " and the south gate at dusk.\n"
)


@pytest.fixture
def write_story(tmp_path: Path) -> WriteStory:
    """Write a knowledge file (default: the mini story) and its article; return its path."""

    def write(
        toml: str = MINI,
        *,
        article: str | bytes | None = ARTICLE,
        name: str = "story.toml",
        article_name: str = "harbour.txt",
    ) -> Path:
        if isinstance(article, bytes):
            (tmp_path / article_name).write_bytes(article)
        elif article is not None:
            (tmp_path / article_name).write_text(article, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(toml), encoding="utf-8")
        return path

    return write


def problems(write_story: WriteStory, toml: str, **kwargs: object) -> list[Problem]:
    """The problems the loader finds in `toml` (and the article), all named by its file."""
    path = write_story(toml, **kwargs)
    with pytest.raises(KnowledgeError) as caught:
        load_story(path)
    assert all(p.path == path for p in caught.value.problems)
    return list(caught.value.problems)


def only(write_story: WriteStory, toml: str, **kwargs: object) -> Problem:
    """The one problem the loader finds."""
    found = problems(write_story, toml, **kwargs)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def story_copies(write_story: WriteStory, count: int, headline: str) -> list[Story]:
    """The mini story under `count` ids, headlined "0 <headline>", "1 <headline>", ..."""
    return [
        load_story(
            write_story(
                MINI.replace('id = "harbour-storm"', f'id = "storm-{n}"').replace(
                    'headline = "Storm closes the harbour"', f'headline = "{n} {headline}"'
                ),
                name=f"{n}.toml",
            )
        )
        for n in range(count)
    ]


@pytest.fixture(scope="session")
def _kept_engines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kept-engines")


@pytest.fixture(autouse=True)
def _no_storybot_settings(_kept_engines: Path) -> Iterator[None]:
    """Each test starts without storybot's variables, whatever the shell that ran
    pytest holds, and whatever a test put there (a `.env` read in process) is gone
    after it. Engines the command line keeps go to a folder of the session's own,
    not to the developer's cache."""
    with mock.patch.dict(os.environ):
        for name in VARIABLES:
            os.environ.pop(name, None)
        os.environ["CACHE_DIR"] = str(_kept_engines)
        yield


@pytest.fixture
def mini_story(write_story: WriteStory) -> Story:
    return load_story(write_story())


@pytest.fixture
def mini_engine(mini_story: Story) -> Engine:
    return Engine([mini_story])


@pytest.fixture(scope="session")
def shipped_story() -> Story:
    return load_story(SHIPPED)


@pytest.fixture(scope="session")
def engine(shipped_story: Story) -> Engine:
    return Engine([shipped_story])


def clean_env(**values: str) -> dict[str, str]:
    """This environment for a child python: without storybot's variables but the
    session's folder for kept engines, the project on its path, output unbuffered;
    plus `values`."""
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    kept = os.environ.get("CACHE_DIR", "off")
    return {**env, "CACHE_DIR": kept, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **values}


def run_cli(
    *args: str,
    stdin: str | bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS`, by default in an empty folder, without storybot's variables:
    neither a developer's `.env` nor their shell's settings can change a result."""
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin.encode() if isinstance(stdin, str) else stdin,
            capture_output=True,
            cwd=cwd or empty,
            env=clean_env(**(env or {})),
            timeout=120,
            check=False,
        )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )
