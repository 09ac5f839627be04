"""python -m bench [--quick] [--json FILE] [--profile]: measure storybot and print one table."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from bench.discord_rss import measure_bot
from bench.generate import Generated, generate
from bench.hostile import hostile_inputs
from bench.latency import (
    hostile_latency,
    load_time,
    question_latency,
    read_follow_ups,
    read_questions,
)
from bench.process import (
    CLI_QUESTION,
    ROOT,
    Child,
    cli_wall_time,
    engine_import_time,
    startup_time,
)
from bench.report import Machine, Row, format_table, to_json
from bot.engine import Engine
from bot.knowledge import load_story

__all__ = ["FULL", "QUICK", "Plan", "main"]

T = TypeVar("T")

SHIPPED = ROOT / "knowledge"
SHIPPED_FILE = SHIPPED / "raqa-final-assault.toml"
EVAL_FILES = (
    ROOT / "tests" / "data" / "eval_dev.jsonl",
    ROOT / "tests" / "data" / "eval_test.jsonl",
)
FOLLOW_UP_FILES = (
    ROOT / "tests" / "data" / "followups_dev.jsonl",
    ROOT / "tests" / "data" / "followups_test.jsonl",
)


@dataclass(frozen=True, slots=True)
class Plan:
    """How much to measure: enough samples for a stable p99, or just enough to run."""

    min_timings: int  # engine.ask samples per knowledge base
    large_entries: int
    large_questions: int
    load_runs: int  # Engine.from_path runs on the shipped story
    large_load_runs: int
    process_runs: int  # fresh processes per process timing, after one warm-up
    hostile_chars: int
    hostile_repeats: int
    asks: int  # /ask round trips measured, after `warmup_asks`
    warmup_asks: int
    bot_on_large: bool


FULL = Plan(
    min_timings=5000,
    large_entries=5000,
    large_questions=2000,
    load_runs=10,
    large_load_runs=3,
    process_runs=5,
    hostile_chars=100_000,
    hostile_repeats=5,
    asks=200,
    warmup_asks=10,
    bot_on_large=True,
)
QUICK = Plan(
    min_timings=300,
    large_entries=100,
    large_questions=60,
    load_runs=2,
    large_load_runs=1,
    process_runs=1,
    hostile_chars=5_000,
    hostile_repeats=1,
    asks=5,
    warmup_asks=1,
    bot_on_large=False,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a fast, rough run (for tests)")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the figures, with details, as JSON"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print, on stderr, a cProfile of the questions on the generated knowledge",
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    machine = Machine.here()
    # The generated knowledge and the children's bytecode live here, never in the tree.
    with tempfile.TemporaryDirectory(prefix="storybot-bench-") as folder:
        bench = _Bench(plan, Path(folder), profile=args.profile)
        bench.run()
    print(format_table(machine, bench.rows))
    if args.json is not None:
        report = to_json(machine, bench.rows, bench.details, quick=args.quick)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if any(row.error for row in bench.rows) else 0


class _Bench:
    """Runs every measurement in turn and keeps the rows, grouped for the table."""

    def __init__(self, plan: Plan, folder: Path, *, profile: bool) -> None:
        self.plan = plan
        self.folder = folder
        self.python = Child.in_folder(folder)
        self.profile = profile
        self.sections: dict[str, list[Row]] = {
            name: [] for name in ("questions", "load", "hostile", "process", "discord", "failed")
        }
        self.details: dict[str, Any] = {}

    @property
    def rows(self) -> list[Row]:
        return [row for rows in self.sections.values() for row in rows]

    def run(self) -> None:
        plan = self.plan
        questions = read_questions(EVAL_FILES)
        shipped = "shipped story"
        self._attempt(
            shipped, lambda: self._engine_rows(SHIPPED, shipped, questions, plan.load_runs)
        )
        large = f"{plan.large_entries:,} generated entries"
        generated = self._attempt(large, lambda: self._generate(self.folder / "generated"))
        self.large = large
        if generated is not None:
            self._attempt(
                large,
                lambda: self._engine_rows(
                    generated.path,
                    large,
                    generated.questions,
                    plan.large_load_runs,
                    per_input=True,
                ),
            )
        self._attempt("fresh processes", self._process_rows)
        self._attempt(f"bot, {shipped}", lambda: self._bot_rows(SHIPPED, shipped, questions))
        if plan.bot_on_large and generated is not None:
            self._attempt(
                f"bot, {large}",
                lambda: self._bot_rows(generated.path, large, generated.questions),
            )

    def _attempt(self, what: str, step: Callable[[], T]) -> T | None:
        """Run one step; a failure becomes a FAILED row, and the other steps still run."""
        try:
            return step()
        except Exception as error:
            traceback.print_exc()
            self.sections["failed"].append(
                Row(what, "", None, "", error=f"{type(error).__name__}: {error}")
            )
            return None

    def _generate(self, folder: Path) -> Generated:
        plan = self.plan
        _progress(f"generating {plan.large_entries:,} entries")
        # As many alternates per entry as the curator writes for the shipped story.
        shipped = load_story(SHIPPED_FILE)
        generated = generate(
            folder,
            plan.large_entries,
            questions=plan.large_questions,
            alternates=[len(e.alternates) for e in shipped.entries],
        )
        self.details["generated"] = {
            "entries": generated.entries,
            "words": generated.words,
            "speakers": generated.speakers,
            "alternates per entry (median)": statistics.median(
                len(e.alternates) for e in load_story(generated.path).entries
            ),
            "questions": len(generated.questions),
            "vague": generated.vague,
            "unrelated": generated.unrelated,
            "knowledge bytes": generated.path.stat().st_size,
            "article bytes": generated.path.with_suffix(".txt").stat().st_size,
        }
        return generated

    def _follow_up_row(self, engine: Engine, label: str) -> None:
        """A reply read with the answer it replies to: up to three readings."""
        pairs = read_follow_ups(FOLLOW_UP_FILES)
        contexts = [engine.context_after(engine.entry_named(entry)) for _, entry in pairs]
        questions = [question for question, _ in pairs]
        _progress(f"asking {label} {self.plan.min_timings:,}+ follow-ups")
        times = question_latency(engine, questions, self.plan.min_timings, contexts=contexts)
        latency, rounds = times.summary, times.rounds
        self.sections["questions"].append(
            Row(
                f"follow-up latency, {label}",
                "ms",
                latency.median,
                f"engine.ask(after=entry, offered=its buttons), {len(pairs)} follow-ups x "
                f"{rounds} shuffled rounds "
                f"after a warm-up pass; max {latency.max:.1f} ms",
                tail=latency.p99,
                tail_kind="p99",
                samples=latency.count,
            )
        )

    def _engine_rows(
        self,
        path: Path,
        label: str,
        questions: Sequence[str],
        load_runs: int,
        *,
        per_input: bool = False,
    ) -> None:
        """Load time, question latency and hostile inputs on one knowledge base.

        `per_input`: a row for each hostile input, not only their summary.
        """
        plan = self.plan
        _progress(f"loading {label} ({load_runs} runs)")
        loaded, engine = load_time(path, load_runs)
        self.sections["load"].append(
            Row(
                f"load + build, {label}",
                "ms",
                loaded.median,
                f"Engine.from_path, median of {loaded.count} runs in this process",
                tail=loaded.max,
                tail_kind="max",
                samples=loaded.count,
            )
        )
        _progress(f"asking {label} {plan.min_timings:,}+ questions")
        limit = 1.0 if path == SHIPPED else 10.0
        times = question_latency(engine, questions, plan.min_timings)
        latency, rounds = times.summary, times.rounds
        if self.profile and path != SHIPPED:
            # A pass of its own: the profiler's overhead must not reach the timings.
            _print_profile(engine, questions, label)
        self.sections["questions"].append(
            Row(
                f"question latency, {label}",
                "ms",
                latency.median,
                f"engine.ask, {len(questions)} questions x {rounds} shuffled rounds after a "
                f"warm-up pass, perf_counter_ns each, GC on; max {latency.max:.1f} ms",
                tail=latency.p99,
                tail_kind="p99",
                samples=latency.count,
                limit=limit,
            )
        )
        if rounds > 1:
            self.sections["questions"].append(
                Row(
                    f"  least of {rounds} per question, {label}",
                    "ms",
                    times.least.median,
                    "each question's fastest round: the code's cost without the machine's "
                    "interruptions (the target is on the row above)",
                    tail=times.least.p99,
                    tail_kind="p99",
                    samples=times.least.count,
                )
            )
        if path == SHIPPED:
            self._follow_up_row(engine, label)
        _progress(f"hostile inputs on {label}")
        inputs = hostile_inputs(plan.hostile_chars)
        hostile = hostile_latency(engine, inputs, plan.hostile_repeats)
        self.details[f"hostile, {label}"] = {k: asdict(v) for k, v in hostile.per_input.items()}
        how = f"engine.ask, median of {plan.hostile_repeats} after a warm-up call"
        self.sections["hostile"].append(
            Row(
                f"hostile inputs, {label}",
                "ms",
                hostile.summary.median,
                f"{how}, for each of {len(inputs)} inputs (floods of {plan.hostile_chars:,} "
                f"chars and tricks): median and max over them; slowest: {hostile.slowest}",
                tail=hostile.summary.max,
                tail_kind="max",
                samples=hostile.summary.count,
            )
        )
        if per_input:
            self.sections["hostile"] += [
                Row(
                    f"  hostile: {name}",
                    "ms",
                    times.median,
                    f"{label}, median of {times.count}",
                    tail=times.max,
                    tail_kind="max",
                    samples=times.count,
                )
                for name, times in hostile.per_input.items()
            ]
        self._check_engine(engine)

    def _check_engine(self, engine: Engine) -> None:
        # A bench of an engine that answers nothing would be fast and worthless.
        if all(engine.ask(e.question).status != "answered" for e in engine.stories[0].entries):
            raise RuntimeError("the engine answers none of its own questions")

    def _process_rows(self) -> None:
        runs = self.plan.process_runs
        _progress("timing fresh processes")
        imported = engine_import_time(runs, self.python)
        self.details["import bot.engine imports discord"] = imported.imports_discord
        self.sections["process"].append(
            Row(
                "import bot.engine",
                "ms",
                imported.summary.median,
                f"perf_counter_ns around the import in a fresh python, median of {runs} after "
                "a warm-up" + ("; WARNING: it imports discord" if imported.imports_discord else ""),
                tail=imported.summary.max,
                tail_kind="max",
                samples=runs,
            )
        )
        started = startup_time(runs, self.python)
        self.sections["process"].append(
            Row(
                "python -c pass",
                "ms",
                started.median,
                f"the interpreter alone, start to exit, median of {runs} after a warm-up",
                tail=started.max,
                tail_kind="max",
                samples=runs,
            )
        )
        wall, output = cli_wall_time(SHIPPED, runs, self.python)
        self.details["cli output"] = output.strip()
        built, built_output = cli_wall_time(SHIPPED, runs, self.python, kept=False)
        if built_output != output:
            raise RuntimeError("ask answered otherwise with the engine it kept than with one built")
        self.sections["process"].append(
            Row(
                f'python -m bot ask "{CLI_QUESTION}"',
                "ms",
                wall.median,
                f"process start to exit, median of {runs} after a warm-up that keeps the "
                "built engine for them to read back",
                tail=wall.max,
                tail_kind="max",
                samples=runs,
                limit=300.0,
                target_of="median",
            )
        )
        self.sections["process"].append(
            Row(
                "  the same, building the engine (CACHE_DIR=off)",
                "ms",
                built.median,
                f"as a first run, or a run after the knowledge or code changed; median of {runs}",
                tail=built.max,
                tail_kind="max",
                samples=runs,
            )
        )

    def _bot_rows(self, knowledge: Path, label: str, questions: Sequence[str]) -> None:
        plan = self.plan
        _progress(f"running the bot on {label} against the stand-in")
        loads = [r for r in self.sections["load"] if r.name.endswith(label)]
        ready_within = 60.0 + 3 * (loads[0].median or 0) / 1000 if loads else 120.0
        run = measure_bot(
            knowledge,
            questions,
            self.python,
            asks=plan.asks,
            warmup=plan.warmup_asks,
            ready_within=ready_within,
        )
        self.details[f"bot, {label}"] = asdict(run)
        how = "python -m tests.standin.launch -- run; VmRSS from /proc/<pid>/status"
        self.sections["discord"] += [
            Row(
                f"bot RSS once READY, {label}",
                "MiB",
                run.rss_ready_mib,
                f"{how}, once READY and commands synced ({run.ready_seconds:.1f} s after start)",
            ),
            Row(
                f"bot RSS after {plan.warmup_asks + run.asks} /ask, {label}",
                "MiB",
                run.rss_after_mib,
                f"{how}; peak (VmHWM) {run.peak_mib:.1f} MiB",
            ),
            Row(
                f"Discord /ask round trip, {label}",
                "ms",
                run.round_trip.median,
                f"{run.asks} sequential /ask after {plan.warmup_asks} warm-up, stand-in's "
                "dispatch to callback received",
                tail=run.round_trip.p99,
                tail_kind="p99",
                samples=run.asks,
            ),
        ]


def _print_profile(engine: Engine, questions: Sequence[str], label: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for question in questions:
        engine.ask(question)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    print(f"--- cProfile of the questions on {label} ---\n{out.getvalue()}", file=sys.stderr)


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
