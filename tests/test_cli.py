"""The command line end to end, as a subprocess, the way people run it."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import format_reply
from bot.engine import Engine
from bot.knowledge import Quote, Speaker, Story
from bot.replies import Answered
from tests.conftest import ARTICLE, FAKE_TOKEN, MINI, WriteStory, clean_env
from tests.conftest import run_cli as run


def test_no_subcommand_prints_help() -> None:
    result = run()
    assert result.returncode == 0
    assert "ask" in result.stdout
    assert "check" in result.stdout


def test_ask_answers_with_attributed_quote(write_story: WriteStory) -> None:
    path = write_story()
    result = run("ask", "--knowledge", str(path), "when does the port open again")
    assert result.returncode == 0, result.stderr
    assert "Ann Reyes expects it to reopen on Friday." in result.stdout
    assert "“We expect the harbour to reopen on Friday”" in result.stdout
    assert "— Ann Reyes, harbour master (¶2)" in result.stdout
    reported = run("ask", "--knowledge", str(path), "how many boats were moved")
    assert "\n  About 40 fishing boats were moved to the river mooring\n" in reported.stdout
    assert "— the council, as reported (¶3)" in reported.stdout


def test_ask_json_one_object_per_question(write_story: WriteStory) -> None:
    path = write_story()
    result = run(
        "ask", "--json", "--knowledge", str(path), "reopening date", "pizza recipe", "qui est Reyes"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["status"], d["id"], d["reason"]) for d in lines] == [
        ("answered", "reopening", None),
        ("declined", None, "off_topic"),
        ("declined", None, "not_english"),
    ]


def test_ask_who_is_quoted_lists_them_with_what_to_ask(write_story: WriteStory) -> None:
    path = write_story()
    result = run("ask", "--knowledge", str(path), "who is quoted")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Quoted in the story:",
        "  Ann Reyes, harbour master (2 quotes)",
        "  the council (1 quote)",
    ]
    assert lines[3].startswith("Ask: ")
    assert "How many boats were moved?" in lines[3]
    listed = run("ask", "--json", "--knowledge", str(path), "who is quoted")
    data = json.loads(listed.stdout)
    assert data["status"] == "quoted"
    assert [s["name"] for s in data["speakers"]] == ["Ann Reyes", "the council"]


def test_ask_after_an_entry_reads_follow_ups(write_story: WriteStory) -> None:
    path = write_story()
    result = run(
        "ask", "--json", "--knowledge", str(path), "--after", "reopening", "who is she", "2"
    )
    assert result.returncode == 0, result.stderr
    # "2": the second of the buttons under the reopening's answer.
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["reyes", "closure"]
    past = run("ask", "--knowledge", str(path), "--after", "reopening", "7")
    assert past.stdout.startswith("There are only 2 to choose from.\nYou could ask:\n"), past
    unknown = run("ask", "--knowledge", str(path), "--after", "reopned", "who is she")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "storybot: --after 'reopned': no entry has that id"
    elsewhere = run("ask", "--knowledge", str(path), "--after", "port:reopening", "who is she")
    assert elsewhere.stderr.strip() == "storybot: --after 'port:reopening': no story has id 'port'"


def test_at_the_prompt_a_question_leans_on_the_reply_before(
    write_story: WriteStory, tmp_path: Path
) -> None:
    """As in a DM: "who is she?" after the reopening asks about Ann Reyes, and "2"
    under a decline's suggestions asks the second. The prompt needs a terminal."""
    path = write_story()
    terminal, child_end = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--knowledge", str(path)],
        stdin=child_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=clean_env(),
    )
    os.close(child_end)
    try:
        os.write(terminal, b"when will the harbour reopen\nwho is she\nbest pizza\n2\n\x04")
        out, err = child.communicate(timeout=60)
    finally:
        os.close(terminal)
    assert child.returncode == 0, err
    replies = out.decode().split("\n\n")
    ids = [
        line.split(":")[0].strip("[? ")
        for r in replies
        for line in r.splitlines()
        if " · score " in line
    ]
    assert ids == ["reopening", "reyes", "reopening"]
    assert "I only answer questions about" in out.decode()


def test_ask_reads_questions_from_stdin(write_story: WriteStory) -> None:
    path = write_story()
    result = run(
        "ask", "--json", "--knowledge", str(path), stdin="how many ships moved\n\nwho is reyes\n"
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["boats", "reyes"]


def test_ask_declines_and_suggests(write_story: WriteStory) -> None:
    path = write_story()
    result = run("ask", "--knowledge", str(path), "how old is ann reyes")
    assert "The story doesn't say: it never mentions “old”." in result.stdout
    assert "You could ask:" in result.stdout
    # As in Discord: thanks are owed a "you're welcome".
    thanks = run("ask", "--knowledge", str(path), "thanks!")
    assert thanks.stdout.startswith("You're welcome. Ask me anything else about")
    french = run("ask", "--knowledge", str(path), "qui est Ann Reyes")
    assert french.stdout.startswith(
        "I can only read questions in English, about “Storm closes the harbour”.\nYou could ask:"
    )


def test_ask_with_broken_knowledge_is_one_clear_error(write_story: WriteStory) -> None:
    path = write_story(MINI.replace('"at least two weeks"', '"at least ten weeks"'))
    result = run("ask", "--knowledge", str(path), "hi")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}, entry 'repairs', quotes[0].text: not verbatim" in result.stderr


def test_missing_knowledge_is_blamed_on_where_its_path_came_from(tmp_path: Path) -> None:
    nope = tmp_path / "nope.toml"
    result = run("ask", "--knowledge", str(nope), "hi")
    assert result.returncode == 2
    assert result.stderr.strip() == f"storybot: --knowledge: no knowledge file or folder at {nope}"
    assert run("check", "nope", cwd=tmp_path).stderr.strip() == (
        f"storybot: no knowledge file or folder at nope (in {tmp_path})"
    )
    # Set, but wrong: advice to set it would not help.
    assert run("ask", "hi", env={"KNOWLEDGE": str(nope)}).stderr.strip() == (
        f"storybot: KNOWLEDGE: no knowledge file or folder at {nope}"
    )
    # run and sync take --knowledge too.
    for command in ("run", "sync"):
        refused = run(command, "--knowledge", str(nope), env={"DISCORD_TOKEN": FAKE_TOKEN})
        assert (refused.returncode, refused.stderr.strip()) == (
            2,
            f"storybot: --knowledge: no knowledge file or folder at {nope}",
        ), command


def test_input_that_is_not_utf8_is_read_not_a_traceback(
    write_story: WriteStory, tmp_path: Path
) -> None:
    path = write_story()
    # As a desktop's UTF-8 locale reads standard input: strictly.
    strict = {"PYTHONIOENCODING": "utf-8"}
    asked = run(
        "ask", "--json", "--knowledge", str(path), stdin=b"who is reyes\n\xff\xfe\n", env=strict
    )
    assert asked.returncode == 0, asked.stderr
    assert [json.loads(line)["status"] for line in asked.stdout.splitlines()] == [
        "answered",
        "declined",
    ]
    (tmp_path / ".env").write_bytes(b"# caf\xe9\nLOG_LEVEL=INFO\n")
    dotenv = run("ask", "--knowledge", str(path), "who is reyes", cwd=tmp_path)
    assert dotenv.returncode == 2
    assert dotenv.stderr == ".env: not UTF-8 text; save it as UTF-8\n".join(("storybot: ", ""))


@pytest.mark.parametrize("value", ["-5", "nan", "150", "most"])
def test_a_minimum_accuracy_out_of_range_is_refused(value: str, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"q": "pizza", "expect": null}\n')
    result = run("eval", str(cases), "--min-accuracy", value)
    assert result.returncode == 2
    assert f"expected a fraction or a percentage, got {value!r}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0", "-3", "abc"])
def test_sync_needs_a_real_server_id(value: str) -> None:
    result = run("sync", "--guild", value, env={"DISCORD_TOKEN": FAKE_TOKEN})
    assert result.returncode == 2
    assert f"expected a server id (a positive number), got {value!r}" in result.stderr


def test_a_malformed_token_does_not_stop_the_offline_commands() -> None:
    env = {"DISCORD_TOKEN": "notatoken"}
    assert run("ask", "who is talal selo", env=env).returncode == 0
    assert run("check", env=env).returncode == 0
    refused = run("run", env=env)
    assert refused.returncode == 2
    assert "DISCORD_TOKEN" in refused.stderr
    assert "notatoken" not in refused.stderr


def test_knowledge_from_environment(write_story: WriteStory) -> None:
    path = write_story()
    result = run("ask", "--json", "reyes", env={"KNOWLEDGE": str(path)})
    assert json.loads(result.stdout)["id"] == "reyes"


def test_check_passes_a_sound_file(write_story: WriteStory) -> None:
    path = write_story()
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "harbour-storm: 5 entries" in result.stdout
    assert "quotes verified" in result.stdout
    assert "unanswered" not in result.stdout
    assert "vouched" not in result.stdout


def test_check_counts_the_attributions_vouched_for(write_story: WriteStory) -> None:
    # Reyes is named in paragraph 2 only: too far back for the check to credit her.
    path = write_story(
        MINI.replace(
            '{ text = "at least two weeks", speaker = "reyes" }',
            '{ text = "Boats will be back", speaker = "reyes", vouched = "her office" }',
        ),
        article=ARTICLE.replace("Reyes said", "A report said")
        + "“Boats will be back by Friday,” a spokesman said.\n",
    )
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "5 quotes verified (1 of them vouched for by a curator), 2 speakers" in result.stdout


def test_check_counts_the_unanswered_questions(write_story: WriteStory) -> None:
    path = write_story(MINI + '\n[unanswered]\nquestions = ["who owns the harbour"]\n')
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("; unanswered questions: 1")


def test_check_counts_the_asked_questions(write_story: WriteStory) -> None:
    path = write_story(
        MINI.replace('article = "harbour.txt"', 'article = "harbour.txt"\nasked = "a.jsonl"')
    )
    (path.parent / "a.jsonl").write_text(
        '{"q": "is the port shut", "expect": "closure"}\n{"q": "who pays", "expect": null}\n',
        encoding="utf-8",
    )
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("2 speakers; asked questions: 2")
    assert "asked questions" not in run("check", str(write_story())).stdout


def test_check_notes_the_speakers_a_reader_cannot_ask_about(write_story: WriteStory) -> None:
    """Without "Who is Ann Reyes?", "who is she?" under her quotes finds nothing;
    nor does "who is the council?" without an entry about it."""
    council = "  note: no entry says who the council is, for “who is the council?”: add one"
    assert run("check", str(write_story())).stdout.splitlines()[1:] == [council]
    without_reyes = MINI[: MINI.index('[[entries]]\nid = "reyes"')]
    result = run("check", str(write_story(without_reyes)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  note: no entry says who Ann Reyes is, for “who is Ann Reyes?” or “who is he?” "
        "under their quotes: add one",
        council,
    ]


def test_check_names_the_problem(write_story: WriteStory) -> None:
    path = write_story(
        MINI.replace('speaker = "reyes" }]\nrelated', 'speaker = "nobody" }]\nrelated')
    )
    result = run("check", str(path))
    assert result.returncode == 2
    assert (
        f"{path}, entry 'reopening', quotes[0].speaker: unknown speaker 'nobody'" in result.stderr
    )


def test_check_defaults_to_the_knowledge_folder() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "raqa-final-assault" in result.stdout


def test_check_reads_every_file_of_a_folder_given_to_it(
    write_story: WriteStory, tmp_path: Path
) -> None:
    write_story()
    write_story(MINI.replace('id = "harbour-storm"', 'id = "harbour-two"'), name="two.toml")
    result = run("check", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "harbour-storm: 5 entries" in result.stdout
    assert "harbour-two: 5 entries" in result.stdout


def test_check_refuses_two_files_with_one_story_id(write_story: WriteStory, tmp_path: Path) -> None:
    """Each is sound alone, but the bot serves them together and would refuse to start."""
    first = write_story(name="a.toml")
    second = write_story(name="b.toml")
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert f"✗ {second}: story id 'harbour-storm' is also used by {first}" in result.stderr


def test_check_of_a_file_also_in_a_folder_given_checks_it_once(
    write_story: WriteStory, tmp_path: Path
) -> None:
    path = write_story()
    result = run("check", str(tmp_path), str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("harbour-storm: 5 entries") == 1


def test_check_accepts_a_file_with_a_byte_order_mark(write_story: WriteStory) -> None:
    path = write_story()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr


def test_check_of_a_folder_without_knowledge_says_so(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"storybot: no knowledge files (*.toml) in {tmp_path}"


def test_the_installed_command_names_itself() -> None:
    script = Path(sys.executable).with_name("storybot")
    done = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("usage: storybot ")
    assert run("--help").stdout.startswith("usage: python -m bot ")


def test_unknown_option_is_a_usage_error() -> None:
    result = run("ask", "--nope")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_ask_into_a_closed_pipe_stops_quietly(write_story: WriteStory) -> None:
    """`ask ... | head -1` must not end in a BrokenPipeError traceback."""
    path = write_story()
    questions = ["who is reyes"] * 200
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--knowledge", str(path), *questions],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=path.parent,  # no .env there
        env=clean_env(),
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 141
    assert "Traceback" not in stderr


def test_an_answer_lists_the_follow_ups_a_number_can_pick(mini_engine: Engine) -> None:
    """As the three buttons under an answer in Discord: "4" would pick nothing."""
    closure, reopening, boats, repairs, reyes = mini_engine.stories[0].entries
    reply = Answered("why is it closed", closure, 100.0, (reopening, boats, repairs, reyes))
    also = [line for line in format_reply(reply, mini_engine).splitlines() if "Also ask" in line]
    assert also == [f"Also ask: {reopening.question} | {boats.question} | {repairs.question}"]


def test_the_articles_credit_line_is_not_credited_again(
    mini_engine: Engine, mini_story: Story
) -> None:
    sign_off = Quote("— Staff", Speaker("", mini_story.byline), 5, direct=False)
    entry = replace(mini_story.entries[0], quotes=(sign_off,))
    lines = format_reply(Answered("q", entry, 99, ()), mini_engine).splitlines()
    assert lines[1] == "  — Staff (¶5)"
    assert not any("— Staff," in line or line.strip() == "— Staff" for line in lines)
