"""The one template environment a team edits: limits on what a template may cost, no reading outside
prompts/, HTML escaped in letters only, and help texts the team can change."""

from __future__ import annotations

import os
from datetime import date

import pytest

from choice_assistant.errors import InputError
from choice_assistant.wording.templates import Limits, environment, render

FAST = Limits(seconds=0.3)


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HOSTILE = {
    "nested loops": "ok\n{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
    "endless recursion": "ok\n{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n",
    "doubling recursion": "ok\n{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}\n",
    "huge padding": "ok\n{{ '%2000000000d' % 1 }}\n",
    "huge format": "ok\n{{ '{:>2000000000}'.format(1) }}\n",
    "huge centre": "ok\n{{ 'x'|center(2000000000) }}\n",
    "huge repeat": "ok\n{% set n = 2000000000 %}{{ 'x' * n }}\n",
    "huge output": "ok\n{% for i in range(10000) %}{{ 'x' * 300 }}{% endfor %}\n",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_template_that_loops_recurses_or_pads_is_stopped_with_its_file_and_line(tmp_path, kind):
    write(tmp_path, "stages/goals.j2", HOSTILE[kind])
    with pytest.raises(InputError) as err:  # stopped by the render limits (a hang would never get here)
        render("stages/goals.j2", {}, tmp_path, limits=FAST)
    message = str(err.value)
    assert str(tmp_path / "stages" / "goals.j2") in message and "line 2" in message
    assert "the template was stopped" in message


def test_ordinary_formatting_still_works(tmp_path):
    write(tmp_path, "stages/goals.j2", "x{{ '%5d' % 3 }}|{{ '{:>4}'.format(1) }}|{{ 'x'|center(5) }}|{% for i in range(3) %}{{ i }}{% endfor %}")
    assert render("stages/goals.j2", {}, tmp_path) == "x    3|   1|  x  |012\n"


def test_a_looping_letter_template_is_a_message_not_a_hang(tmp_path, demo_register, demo_session_path):
    import shutil

    from choice_assistant.letters import build_letter, load_session
    from choice_assistant.resources import prompts_dir

    folder = tmp_path / "letters"
    shutil.copytree(prompts_dir() / "letters", folder)
    path = folder / "family.html.j2"
    path.write_text(path.read_text().replace("{% block letter %}", "{% block letter %}\n{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}", 1))
    with pytest.raises(InputError) as err:  # stopped by the render limits, not left to loop 10**12 times
        build_letter(load_session(demo_session_path), demo_register, "family", today=date(2026, 11, 23), templates=folder)
    assert "family.html.j2" in str(err.value) and "stopped" in str(err.value)


def test_a_symlink_inside_prompts_cannot_read_another_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("NHS-SECRET-4411")
    prompts = tmp_path / "prompts"
    (prompts / "stages").mkdir(parents=True)
    os.symlink(secret, prompts / "stages" / "goals.j2")
    with pytest.raises(InputError) as err:
        render("stages/goals.j2", {}, prompts)
    assert "leads outside the prompts folder" in str(err.value) and "NHS-SECRET" not in str(err.value)
    write(prompts, "stages/options.j2", "{% include 'stages/link.j2' %}")
    os.symlink(secret, prompts / "stages" / "link.j2")
    with pytest.raises(InputError) as err:
        render("stages/options.j2", {}, prompts)
    assert "outside the prompts folder" in str(err.value) and "NHS-SECRET" not in str(err.value)


def test_a_symlinked_folder_inside_prompts_is_refused_too(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "goals.j2", "NHS-SECRET-4411")
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    os.symlink(elsewhere, prompts / "stages")
    with pytest.raises(InputError, match="outside the prompts folder"):
        render("stages/goals.j2", {}, prompts)


def test_letters_are_html_escaped_and_stage_prompts_are_not(tmp_path):
    write(tmp_path, "letters/x.html.j2", "{{ name }}")
    write(tmp_path, "stages/x.j2", "{{ name }}")
    assert render("letters/x.html.j2", {"name": "<b>O'Neil & Co</b>"}, tmp_path) == "&lt;b&gt;O&#39;Neil &amp; Co&lt;/b&gt;\n"
    assert render("stages/x.j2", {"name": "<b>O'Neil</b>"}, tmp_path) == "<b>O'Neil</b>\n"
    assert environment(tmp_path) is environment(tmp_path)  # one environment per folder, kept


def test_help_texts_live_in_prompts_and_a_team_may_edit_them(tmp_path):
    from choice_assistant.resources import prompts_dir
    from choice_assistant.wording.stage_prompts import help_text

    assert "own words" in (prompts_dir() / "help" / "goals.md").read_text()
    assert help_text("goals") == " ".join((prompts_dir() / "help" / "goals.md").read_text().split())
    write(tmp_path, "help/goals.md", "Ask for goals\nin their words.\n\nThen a rating.\n")
    assert help_text("goals", tmp_path) == "Ask for goals in their words.\n\nThen a rating."
    assert "add" in help_text("booking", tmp_path) and "booking.md" in help_text("booking", tmp_path)
