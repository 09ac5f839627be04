"""The bench (`python -m bench`), run small so that it cannot rot unnoticed."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import latency
from bench.__main__ import main
from bench.generate import generate
from bench.hostile import hostile_inputs
from bench.process import ROOT, Child, wall_time
from bench.report import Machine, Row, format_table
from bench.stats import Summary
from bot import normalize
from bot.knowledge import load_story
from bot.normalize import is_stopword, tokenize


def test_generated_knowledge_is_accepted_by_the_loader(tmp_path: Path) -> None:
    """The generated file loads whole: alternates as drawn, quotes verbatim and attributed."""
    generated = generate(tmp_path, 80, questions=40, alternates=[12, 20])

    story = load_story(generated.path)

    assert len(story.entries) == generated.entries == 80
    assert {len(e.alternates) for e in story.entries} == {12, 20}
    assert all(e.quotes for e in story.entries)
    assert all(q.paragraph >= 1 and q.speaker.key != "" for e in story.entries for q in e.quotes)
    assert len(story.speakers) == generated.speakers >= 10


@pytest.mark.slow
def test_generated_knowledge_in_the_shipped_proportions_loads(tmp_path: Path) -> None:
    """With the shipped story's alternates, a thousand entries still share no phrasing.

    Common words make phrasings of different entries read the same long before
    5,000 entries; the loader rejects a file where two do.
    """
    shipped = load_story(ROOT / "knowledge" / "raqa-final-assault.toml")
    counts = [len(e.alternates) for e in shipped.entries]

    generated = generate(tmp_path, 1000, questions=10, alternates=counts)
    story = load_story(generated.path)

    assert len(story.entries) == 1000
    assert {len(e.alternates) for e in story.entries} <= set(counts)
    words = sum(len(p.split()) for p in story.paragraphs) / len(story.entries)
    assert 8 <= words <= 16  # the shipped story has about 12 words of article per entry


def test_generated_vocabulary_is_zipf_like(tmp_path: Path) -> None:
    """A few words are in a large share of the entries and most in one or two, as in real text."""
    generated = generate(tmp_path, 300, questions=10)
    story = load_story(generated.path)
    entries_with: Counter[str] = Counter()
    for entry in story.entries:
        texts = [*entry.phrasings, entry.answer]
        entries_with.update({w.stem for t in texts for w in tokenize(t) if not is_stopword(w)})
    ranked = [n for _, n in entries_with.most_common()]

    assert len(ranked) > 1000
    assert ranked[0] > 100  # a third of the entries
    assert ranked[len(ranked) // 2] <= 2


def test_generation_is_reproducible(tmp_path: Path) -> None:
    """The same seed writes the same files and the same questions; vague, then unrelated, last."""
    first = generate(tmp_path / "a", 50, questions=40)
    second = generate(tmp_path / "b", 50, questions=40)

    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.questions == second.questions
    assert 0 < first.unrelated < len(first.questions)
    phrasings = {p for e in load_story(first.path).entries for p in e.phrasings}
    assert not phrasings.intersection(first.questions[-first.unrelated :])
    vague = first.questions[-first.unrelated - first.vague : -first.unrelated]
    assert len(vague) == first.vague >= 2
    assert all(len(q.split()) <= 9 for q in vague)


def test_summary_uses_nearest_rank_percentiles() -> None:
    """The p99 of 1..100 is 99, a value actually observed; the median is the usual one."""
    summary = Summary.of(list(range(100, 0, -1)), scale=10)

    assert (summary.median, summary.p99, summary.max, summary.count) == (5.05, 9.9, 10.0, 100)
    with pytest.raises(ValueError, match="no samples"):
        Summary.of([])


def test_each_questions_least_time_is_kept_beside_every_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three questions, two rounds: the interrupted round of the second question
    (9 ms) is in the samples' tail, but not in its least time (2 ms)."""
    asked: list[str] = []

    class Engine:
        def ask(self, question: str, **_: object) -> None:
            asked.append(question)

    took = {"a": [1, 1, 1], "b": [3, 9, 2], "c": [4, 4, 4]}  # ms: warm-up, round 1, round 2

    def time_ns(ask: Callable[[], object]) -> int:
        ask()
        question = asked[-1]
        return took[question][asked.count(question) - 1] * 1_000_000

    monkeypatch.setattr(latency, "time_ns", time_ns)
    times = latency.question_latency(Engine(), ["a", "b", "c"], min_timings=6)  # type: ignore[arg-type]

    assert times.rounds == 2
    assert (times.summary.max, times.summary.count) == (9.0, 6)
    assert (times.least.median, times.least.max, times.least.count) == (2.0, 4.0, 3)


def test_each_question_is_timed_as_read_for_the_first_time() -> None:
    """The kept readings of texts would make every round after the first a rerun."""
    read: list[int] = []

    class Engine:
        def ask(self, question: str, **_: object) -> None:
            read.append(normalize._kept.cache_info().currsize)
            tokenize(question)

    latency.question_latency(Engine(), ["who", "what", "when"], min_timings=6)  # type: ignore[arg-type]
    # After the warm-up pass, each timed question finds nothing kept.
    assert read[3:] == [0] * 6


def test_each_load_is_timed_as_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reload in one process would find the last load's texts kept."""
    kept: list[int] = []

    def from_path(path: Path) -> object:
        kept.append(normalize._kept.cache_info().currsize)
        tokenize(path.name)
        return object()

    monkeypatch.setattr(latency.Engine, "from_path", from_path)
    latency.load_time(Path("story.toml"), runs=3)
    assert kept == [0, 0, 0]


def test_table_aligns_columns_and_marks_targets() -> None:
    """Every row starts each column at the same place; a missed target and a failure show."""
    machine = Machine("Test CPU", 2, "CPython 3.11", "Linux", (0.0, 0.0, 0.0), "now")
    rows = [
        Row("fast", "ms", 0.2, "timed", tail=0.5, tail_kind="p99", samples=5000, limit=1.0),
        Row("a much slower measurement", "ms", 1234.5, "timed too", tail=2000, tail_kind="max"),
        Row("slow", "ms", 0.9, "timed", tail=12.0, tail_kind="p99", samples=10, limit=10.0),
        Row("broken", "", None, "", error="RuntimeError: boom"),
    ]

    lines = format_table(machine, rows).splitlines()
    table = lines[lines.index("") + 1 :]

    assert "Test CPU, 2 cores" in lines[0]
    how = table[0].index("how measured")
    assert [line[how:] for line in table[2:5]] == ["timed", "timed too", "timed"]
    unit = table[0].index("unit")
    assert [line[unit : unit + 2] for line in table[2:5]] == ["ms", "ms", "ms"]
    assert "p99 < 1.00: ok" in table[2]
    assert "p99 < 10.0: MISSED" in table[4]
    assert "FAILED" in table[5]
    assert table[5].endswith("RuntimeError: boom")


@pytest.mark.slow
def test_quick_bench_measures_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m bench --quick` prints the machine and every row, each with a figure."""
    code = main(["--quick", "--json", str(tmp_path / "bench.json")])

    table = capsys.readouterr().out
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    rows = {row["name"]: row for row in report["rows"]}
    assert code == 0, [row["error"] for row in report["rows"] if row["error"]]
    assert re.search(r"^cpu: +\S.*, \d+ cores$", table, re.MULTILINE)
    assert re.search(r"^python: +CPython 3\.\d+", table, re.MULTILINE)
    expected = [
        "question latency, shipped story",
        "follow-up latency, shipped story",
        "question latency, 100 generated entries",
        "load + build, shipped story",
        "load + build, 100 generated entries",
        "hostile inputs, shipped story",
        "hostile inputs, 100 generated entries",
        *(f"  hostile: {h.label}" for h in hostile_inputs(10)),
        "import bot.engine",
        "python -c pass",
        'python -m bot ask "how many fighters left raqqa"',
        "bot RSS once READY, shipped story",
        "bot RSS after 6 /ask, shipped story",
        "Discord /ask round trip, shipped story",
    ]
    assert [name for name in expected if name not in rows] == []
    assert [name for name in expected if name not in table] == []
    assert "FAILED" not in table
    assert all(row["median"] > 0 for row in rows.values())
    assert rows["question latency, shipped story"]["samples"] >= 300
    assert 20 < rows["bot RSS once READY, shipped story"]["median"] < 1000  # MiB, not kB or B
    assert report["details"]["import bot.engine imports discord"] is False
    assert "275" in report["details"]["cli output"]


def test_children_run_in_an_empty_folder_without_storybot_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A developer's `.env` or settings must not change what the bench measures."""
    monkeypatch.setenv("MISSES_LOG", str(tmp_path / "misses.jsonl"))
    monkeypatch.setenv("DEV_GUILD_ID", "1234")
    python = Child.in_folder(tmp_path / "bench")
    probe = "import os, bot; print(os.getcwd(), os.listdir(), 'MISSES_LOG' in os.environ)"
    _, output = wall_time([sys.executable, "-c", probe], 1, python)
    assert output.split() == [str(python.cwd), "[]", "False"]
    assert python.cwd != ROOT
    assert "DEV_GUILD_ID" not in python.env
    assert str(ROOT) in python.env["PYTHONPATH"].split(os.pathsep)
