"""The command line: `python -m bot ask|check|eval|misses|run|sync`.

Offline commands never import discord, so that `ask` starts fast and works
without a token. Every error a user can cause ends in one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from bot.config import ConfigError, Settings, load_dotenv_file
from bot.engine import Engine
from bot.engine_cache import load_engine
from bot.knowledge import (
    KnowledgeError,
    Speaker,
    Story,
    knowledge_files,
    load_story,
    shared_ids,
)
from bot.normalize import words
from bot.replies import (
    Ambiguous,
    Answered,
    Context,
    Declined,
    DeclineReason,
    Quoted,
    Reply,
    offered,
    only_so_many,
    quotes_counted,
    reply_to_json,
)

__all__ = ["main"]

EXIT_USAGE = 2


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        # Questions may hold anything: bytes that are not text in the terminal's
        # encoding are read and shown as replacement characters, not a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        load_dotenv_file()
        result: int = args.handler(args)
    except (ConfigError, UsageError) as error:
        print(f"storybot: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KnowledgeError as error:
        print(f"storybot: the knowledge is not usable:\n{error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        # Usage lines name the command as it was typed: the installed script or the module.
        prog="storybot" if Path(sys.argv[0]).stem == "storybot" else "python -m bot",
        description="storybot: answers readers' questions about a news story.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser(
        "ask",
        help="answer questions offline",
        description="Answer each question; with none, read questions from standard input.",
    )
    ask.add_argument("questions", nargs="*", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument(
        "--after",
        metavar="ENTRY",
        help="read each question as a reply to this entry's answer (story:entry if ids repeat)",
    )
    _knowledge_option(ask)
    ask.set_defaults(handler=_ask)

    check = sub.add_parser(
        "check",
        help="validate knowledge files",
        description="Validate knowledge files (default: every file in the knowledge folder).",
    )
    check.add_argument("files", nargs="*", type=Path, metavar="FILE_OR_FOLDER")
    _knowledge_option(check)
    check.set_defaults(handler=_check)

    evaluate = sub.add_parser(
        "eval",
        help="measure answers against a file of questions",
        description='Run every question of a JSON-lines file ({"q": ..., "expect": id or null}) '
        "and report what was answered right, wrongly answered, wrongly declined and declined "
        "right, by group, with every miss, and the questions that nearly copy a phrasing or "
        "a listed unanswered question, with the figures without them.",
    )
    evaluate.add_argument("file", type=Path, metavar="FILE.jsonl")
    evaluate.add_argument(
        "--min-accuracy",
        type=_accuracy,
        metavar="P",
        help="exit 1 when overall accuracy is below P (a fraction like 0.9, or a percentage)",
    )
    _knowledge_option(evaluate)
    evaluate.set_defaults(handler=_eval)

    misses = sub.add_parser(
        "misses",
        help="group the questions the bot declined, for curators",
        description="Group similar declined and ambiguous questions from the misses log "
        "(MISSES_LOG), most frequent first, with the entry each most resembles.",
    )
    misses.add_argument("path", nargs="?", type=Path, metavar="PATH")
    misses.add_argument(
        "--asked",
        action="store_true",
        help="print each distinct question as a line of a story's asked questions "
        "(its nearest entry, or null), to be labelled and added to the file",
    )
    misses.set_defaults(handler=_misses)

    run = sub.add_parser(
        "run",
        help="run the Discord bot (needs DISCORD_TOKEN)",
        description="Connect to Discord and answer questions until SIGTERM or Ctrl-C.",
    )
    _knowledge_option(run)
    run.set_defaults(handler=_run)

    sync = sub.add_parser(
        "sync",
        help="register the slash commands with Discord now",
        description="Register the slash commands globally, or in one server with --guild "
        "(instant, for testing; server commands cannot be used in DMs).",
    )
    sync.add_argument("--guild", type=_server_id, metavar="ID", help="a server id")
    _knowledge_option(sync)
    sync.set_defaults(handler=_sync)
    return parser


def _accuracy(text: str) -> float:
    """A fraction (0.9) or a percentage (90), as a fraction."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 100:  # NaN too
        raise argparse.ArgumentTypeError(f"expected a fraction or a percentage, got {text!r}")
    return value / 100 if value > 1 else value


def _server_id(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"expected a server id (a positive number), got {text!r}")
    return int(text)


def _knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        metavar="PATH",
        help="a knowledge file or folder (default: $KNOWLEDGE, else knowledge/)",
    )


def _engine(args: argparse.Namespace) -> Engine:
    """The engine for ask and eval, kept between runs (see bot.engine_cache)."""
    settings = _settings(args)
    return load_engine(settings.knowledge, settings.thresholds, settings.cache_dir)


def _settings(args: argparse.Namespace, *, require_token: bool = False) -> Settings:
    """The settings, with the knowledge at --knowledge if given; it must exist."""
    settings = Settings.from_env(require_token=require_token)
    if args.knowledge is not None:
        settings = replace(settings, knowledge=args.knowledge)
    if not settings.knowledge.exists():
        raise UsageError(_no_knowledge(settings.knowledge, _knowledge_source(args)))
    return settings


def _knowledge_source(args: argparse.Namespace) -> str | None:
    """Where the knowledge path came from: an option, the environment, or the default."""
    if args.knowledge is not None:
        return "--knowledge"
    return "KNOWLEDGE" if os.environ.get("KNOWLEDGE", "").strip() else None


def _no_knowledge(path: Path, source: str | None = "") -> str:
    """Nothing at `path`, given by `source` (None: the default; "": named as an argument)."""
    where = "" if path.is_absolute() else f" (in {Path.cwd()})"
    missing = f"no knowledge file or folder at {path}{where}"
    if source is None:
        return f"{missing}: pass --knowledge PATH or set KNOWLEDGE"
    return f"{source}: {missing}" if source else missing


# --- ask ---------------------------------------------------------------------------


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    context = Context()
    if args.after is not None:
        try:
            context = engine.context_after(engine.entry_named(args.after))
        except LookupError as error:
            raise UsageError(f"--after {args.after!r}: {error}") from None
    interactive = not args.questions and sys.stdin.isatty()
    if interactive:
        _greet(engine)
    # At the prompt, as in a DM, a question may lean on the reply before it ("who is
    # he?", "the second one"); questions given at once are each read alone (or each
    # under the --after answer).
    for question in args.questions or _stdin_questions(interactive):
        reply = engine.ask(question, after=context.answer, offered=context.offered)
        if interactive:
            context = context.then(reply)
        if args.json:
            print(json.dumps(reply_to_json(reply), ensure_ascii=False), flush=True)
        else:
            print(format_reply(reply, engine), end="\n\n", flush=True)
    return 0


def _stdin_questions(interactive: bool) -> Iterator[str]:
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history at the prompt)
    while True:
        try:
            line = input("? ") if interactive else sys.stdin.readline()
        except EOFError:
            if interactive:
                print()
            return
        if not interactive and not line:
            return
        line = line.strip()
        if line:
            yield line


def _greet(engine: Engine) -> None:
    for story in engine.stories:
        print(f"{story.headline} ({story.byline})")
    examples = [e.question for e in engine.featured_entries(3)]
    print("Ask a question about the story; Ctrl-D to leave. For example:")
    for question in examples:
        print(f"  {question}")
    print()


def format_reply(reply: Reply, engine: Engine) -> str:
    """A reply as plain text for a terminal."""
    lines: list[str] = []
    if isinstance(reply, Answered):
        entry = reply.entry
        lines.append(entry.answer)
        for quote in entry.quotes:
            if quote.signs_off:
                lines.append(f"  {quote.shown} (¶{quote.paragraph})")
                continue
            lines.append(f"  {quote.shown}")
            lines.append(f"    — {quote.credit} (¶{quote.paragraph})")
        lines.append(f"[{entry.id}: {entry.question} · score {reply.score:.0f}]")
        if reply.related:
            # As the buttons under an answer: what "2" picks from at the prompt.
            lines.append("Also ask: " + " | ".join(e.question for e in offered(reply)))
    elif isinstance(reply, Ambiguous):
        lines.append("Did you mean:")
        lines.extend(
            f"  {c.entry.question}  [{c.entry.id} · {c.score:.0f}]" for c in reply.candidates
        )
    elif isinstance(reply, Quoted):
        lines.append("Quoted in the story:")
        lines.extend(
            f"  {s.speaker.attribution} ({quotes_counted(s.quotes)})" for s in reply.speakers
        )
        if buttons := offered(reply):
            lines.append("Ask: " + " | ".join(e.question for e in buttons))
    else:
        lines.append(_decline_text(reply, engine))
        if reply.suggestions:
            lines.append("You could ask:")
            lines.extend(f"  {c.entry.question}" for c in reply.suggestions)
    return "\n".join(lines)


def _decline_text(reply: Declined, engine: Engine) -> str:
    headlines = " / ".join(f"“{s.headline}”" for s in engine.stories)
    if reply.thanks:
        return f"You're welcome. Ask me anything else about {headlines}."
    if reply.reason is DeclineReason.EMPTY:
        return f"Ask me a question about {headlines}."
    if reply.reason is DeclineReason.OFF_TOPIC:
        return f"I only answer questions about {headlines}."
    if reply.reason is DeclineReason.NOT_ENGLISH:
        return f"I can only read questions in English, about {headlines}."
    if reply.reason is DeclineReason.NO_SUCH_CHOICE:
        return f"{only_so_many(len(reply.suggestions))}."
    if reply.missing:
        return (
            "The story doesn't say: it never mentions "
            + ", ".join(f"“{w}”" for w in reply.missing[:3])
            + "."
        )
    return "The story doesn't say."


# --- eval and misses ----------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from bot.evaluation import NEAR_COPY, EvalError, Verdict, copied, describe, evaluate, read_cases

    engine = _engine(args)
    path: Path = args.file
    try:
        with path.open(encoding="utf-8") as file:
            cases = list(read_cases(file, str(path)))
    except OSError as error:
        raise UsageError(f"cannot read {path} ({error.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"cannot read {path} (not UTF-8 text)") from None
    except EvalError as error:
        raise UsageError(str(error)) from None
    if not cases:
        raise UsageError(f"{path} holds no questions")
    # A misspelt id would only count as a wrong answer, and pass unnoticed; an id two
    # stories share would count either story's entry as right.
    for case in cases:
        for wanted in (case.expect, *case.accept, case.after):
            if wanted is None:
                continue
            try:
                engine.entry_named(wanted)
            except LookupError as error:
                raise UsageError(f"{path}: {case.question!r} names {wanted!r}: {error}") from None
    report = evaluate(engine, cases)
    print(f"{path}: {len(cases)} questions")
    for verdict in Verdict:
        print(f"  {verdict.value:<18} {report.count(verdict):>5}")
    print("by group:")
    for group in report.groups():
        line = f"  {group.name:<12} {group.right:>4}/{group.total:<4} {group.accuracy:7.1%}"
        if group.name == "not_covered":
            line += f"   (with “the story doesn't say”: {group.reason_right}/{group.total})"
        elif group.name == "answerable":
            within = (group.right + group.offered_right) / group.total
            line += f"   (+{group.offered_right} offered as a button: {within:.1%})"
        print(line)
    right = sum(g.right for g in report.groups())
    print(f"  {'overall':<12} {right:>4}/{len(cases):<4} {report.accuracy:7.1%}")
    # A question the knowledge file nearly holds tests the curation, not the reading:
    # the figures without them say what a reader's own words would get.
    copies, rest = copied(report, engine)
    if copies:
        are = "question is" if len(copies) == 1 else "questions are"
        print(
            f"near copies: {len(copies)} {are} {NEAR_COPY:.0f}+ alike to a phrasing"
            " or a listed unanswered question"
        )
        if rest.outcomes:
            figures = [f"{g.name} {g.right}/{g.total} ({g.accuracy:.1%})" for g in rest.groups()]
            figures.append(f"overall {sum(o.right for o in rest.outcomes)}/{len(rest.outcomes)}")
            print(f"  without them: {', '.join(figures)} ({rest.accuracy:.1%})")
        else:
            print("  without them: no question is left to measure")
    if report.misses():
        print("misses:")
    for outcome in report.misses():
        expected = outcome.case.expect or f"decline ({outcome.case.group})"
        print(f"  ✗ {outcome.case.question!r}: expected {expected}, {describe(outcome.reply)}")
    if copies:
        print("near copies:")
    for outcome, text in copies:
        mark = "✓" if outcome.right else "✗"
        print(f"  {mark} {outcome.case.question!r} ≈ {text!r}")
    minimum = args.min_accuracy
    if minimum is not None and report.accuracy < minimum:
        print(f"accuracy {report.accuracy:.1%} is below the minimum {minimum:.1%}")
        return 1
    return 0


def _misses(args: argparse.Namespace) -> int:
    from bot.misses import asked_drafts, group_misses, read_misses

    path: Path | None = args.path or Settings.from_env().misses_log
    if path is None:
        raise UsageError("give the misses log's path, or set MISSES_LOG")
    try:
        # A torn last write may end inside a character: that line is skipped, not fatal.
        with path.open(encoding="utf-8", errors="replace") as file:
            misses = list(read_misses(file))
    except OSError as error:
        raise UsageError(f"cannot read {path} ({error.strerror})") from None
    # With several stories, an entry id alone may be any of theirs ("sdf").
    several = len({m.best_story for m in misses if m.best_id}) > 1
    if args.asked:
        for line in asked_drafts(misses, several=several):
            print(line)
        return 0
    groups = group_misses(misses)
    if not groups:
        print(f"{path}: no misses")
        return 0
    total = sum(g.count for g in groups)
    print(f"{path}: {total} misses in {len(groups)} groups, most frequent first")
    for group in groups:
        entry = f"{group.best_story}:{group.best_id}" if several else group.best_id
        nearest = f"{entry} ({group.best_score:.0f})" if group.best_id else "none"
        print(
            f"{group.count:>5} x {group.example!r}  [{', '.join(group.reasons)}; nearest {nearest}]"
        )
        for other in group.questions[1:4]:
            print(f"        {other!r}")
        if len(group.questions) > 4:
            print(f"        …and {len(group.questions) - 4} more")
        if group.after:
            print(f"        replying to: {', '.join(group.after)}")
    return 0


# --- run and sync: the only commands that import discord ---------------------------


def _run(args: argparse.Namespace) -> int:
    from bot.runner import run_bot

    return run_bot(_settings(args, require_token=True))


def _sync(args: argparse.Namespace) -> int:
    import aiohttp
    import discord

    from bot.runner import sync_commands

    try:
        names = sync_commands(_settings(args, require_token=True), args.guild)
    except (aiohttp.ClientError, OSError) as error:
        print(f"storybot: cannot reach Discord ({type(error).__name__})", file=sys.stderr)
        return 1
    except discord.HTTPException as error:
        # Discord's text lists a refused payload field by field: kept to one line.
        text = " ".join(error.text.split())
        print(f"storybot: Discord answered {error.status}: {text}", file=sys.stderr)
        return 1
    where = "globally" if args.guild is None else f"in server {args.guild}"
    print(f"registered {len(names)} commands {where}: {', '.join('/' + n for n in names)}")
    return 0


# --- check -------------------------------------------------------------------------


def _unintroduced(story: Story) -> list[Speaker]:
    """The speakers a reader cannot ask about: "who is …?" finds no entry (of a
    person, none that asks who they are, naming them, which "who is he?" under
    their quotes leans on). The knowledge file holds their name and role, but
    only an entry answers."""
    engine = Engine([story])

    def introduced(speaker: Speaker) -> bool:
        reply = engine.ask(f"who is {speaker.name}")
        if not isinstance(reply, Answered):
            return False
        if not speaker.is_person:
            return True  # a group, or a name of one word: an entry about them answered
        asks = words(reply.entry.question.casefold())[:2]
        return asks in (["who", "is"], ["who", "was"]) and speaker.name in reply.entry.people

    return [s for s in story.speakers.values() if not introduced(s)]


def _check(args: argparse.Namespace) -> int:
    roots: list[Path] = list(args.files) or [args.knowledge or Settings.from_env().knowledge]
    files: list[Path] = []
    for root in roots:
        if not root.exists():
            raise UsageError(_no_knowledge(root, "" if args.files else _knowledge_source(args)))
        found = knowledge_files(root)
        if not found:
            raise UsageError(f"no knowledge files (*.toml) in {root}")
        # A file named twice (in its folder and on its own) is checked once.
        files += [f for f in found if f.resolve() not in {g.resolve() for g in files}]
    failed = False
    stories = []
    for file in files:
        try:
            story = load_story(file)
        except KnowledgeError as error:
            failed = True
            print(f"✗ {file}: {len(error.problems)} problem(s)", file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            continue
        stories.append(story)
        quotes = sum(len(e.quotes) for e in story.entries)
        vouched = sum(bool(q.vouched) for e in story.entries for q in e.quotes)
        # Attributions the check took on a curator's word stay in sight.
        by_hand = f" ({vouched} of them vouched for by a curator)" if vouched else ""
        phrasings = sum(len(e.phrasings) for e in story.entries)
        unanswered = f"; unanswered questions: {len(story.unanswered)}" if story.unanswered else ""
        asked = f"; asked questions: {len(story.asked)}" if story.asked else ""
        print(
            f"✓ {file}: {story.id}: {len(story.entries)} entries, {phrasings} phrasings, "
            f"{quotes} quotes verified{by_hand}, {len(story.speakers)} speakers{unanswered}{asked}"
        )
        for speaker in _unintroduced(story):
            leaning = " or “who is he?” under their quotes" if speaker.is_person else ""
            print(
                f"  note: no entry says who {speaker.name} is, for “who is {speaker.name}?”"
                f"{leaning}: add one"
            )
    # Files checked together are served together: each must be sound on its own,
    # and no two may share a story id.
    for problem in shared_ids(stories):
        failed = True
        print(f"✗ {problem}", file=sys.stderr)
    return EXIT_USAGE if failed else 0
