"""`choice-assistant team`: the report, the JSON and the screen are drawn from one set of figures."""

from __future__ import annotations

import json

import pytest
from datetime import date, datetime

from choice_assistant.cli import main
from choice_assistant.register.demo import load_demo_register
from choice_assistant.team.figures import team_figures
from tests.support.pilot import TEAM, make_app, palette


def _json(capsys, *argv) -> dict:
    assert main(["team", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_demo_diary_follows_the_date_in_the_report_as_it_does_on_the_screen(capsys, tmp_path):
    later = datetime(2027, 3, 1, 9, 0)  # months after the demo diary was written: as written, every slot is past
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    shown = team_figures(load_demo_register(later.date()), None, later).as_json()
    for argv in ([str(TEAM)], []):  # the demo file named, or no register at all
        got = _json(capsys, *argv, "--now", later.isoformat(timespec="minutes"), "--db", db)
        assert sum(got["capacity"]["all"]) > 0
        assert got["capacity"] == shown["capacity"] and got["grid"] == shown["grid"]


async def test_the_report_shows_the_figures_the_team_screen_shows(capsys, tmp_path):
    from choice_assistant.journal import open_journal
    from choice_assistant.register.later import RegisterToCheck
    from choice_assistant.team.html import render_html
    from choice_assistant.tui.team import TeamScreen

    now = datetime.now().replace(second=0, microsecond=0)
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    report = tmp_path / "team.html"
    got = _json(capsys, str(TEAM), "--now", now.isoformat(timespec="minutes"), "--db", db, "--html", str(report))
    app = make_app(RegisterToCheck(None), now=now, store=open_journal(db))  # as the assistant opens on the demo team
    async with app.run_test(size=(120, 36)) as pilot:
        await palette(pilot, "Team view")
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        on_screen = screen.figures.as_json()
    assert got["capacity"] == on_screen["capacity"] and got["weeks"] == on_screen["weeks"]
    html = report.read_text(encoding="utf-8")
    first = on_screen["weeks"][0]
    assert f"w/c {first[8:]}/{first[5:7]}: {on_screen['capacity']['all'][0]}" in html


def test_a_register_given_that_is_not_the_demo_is_used_as_written(capsys, tmp_path, demo_register_path):
    own = tmp_path / "team.yaml"
    own.write_text(demo_register_path.read_text(encoding="utf-8"), encoding="utf-8")
    later = datetime(2027, 3, 1, 9, 0)
    got = _json(capsys, str(own), "--now", later.isoformat(timespec="minutes"), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}")
    assert sum(got["capacity"]["all"]) == 0  # a team's own diary is never moved
    assert date(2027, 3, 1).isoformat() == got["weeks"][0]


# -- what if -----------------------------------------------------------------------------------------

SMALL_WHAT_IF = """weeks: 6
replications: 3
seed: 4
demand: {per_week: 4, mix: {cbt: 0.6, emdr: {share: 0.4, level: specific}}}
changes:
- {name: Fatima leaves, leaves: fatima}
"""


def _file(tmp_path, text: str):
    path = tmp_path / "what-if.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_what_if_json_follows_the_contract(capsys, tmp_path):
    path = _file(tmp_path, SMALL_WHAT_IF)
    data = _json(capsys, str(TEAM), "--what-if", str(path), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}")
    assert [(r["policy"], r["change"]) for r in data["results"]] == [
        ("skill", None), ("skill", "Fatima leaves"), ("keep_when_eligible", None), ("keep_when_eligible", "Fatima leaves")]
    first = data["results"][0]
    assert set(first) >= {"policy", "change", "by_skill", "waiting_at_end", "rare_skill_hours_spent"}
    assert set(first["by_skill"]["cbt"]) >= {"median_weeks", "p90_weeks", "median_ci"}
    assert len(first["by_skill"]["cbt"]["median_ci"]) == 2
    gone = data["results"][1]["by_skill"]["emdr"]  # nobody else offers EMDR: those families need another service
    assert gone["median_weeks"] is None and gone["another_service"] > 0


def test_what_if_text_says_its_figures_are_estimates_not_promises(capsys, tmp_path):
    path = _file(tmp_path, SMALL_WHAT_IF)
    assert main(["team", str(TEAM), "--what-if", str(path), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"]) == 0
    out = capsys.readouterr().out
    assert "not a promise" in out and "Fatima leaves" in out and "keep when eligible" in out


def test_what_if_html_has_the_charts_each_with_a_title_a_description_and_a_table(capsys, tmp_path):
    import re

    path = _file(tmp_path, SMALL_WHAT_IF)
    report = tmp_path / "what-if.html"
    assert main(["team", str(TEAM), "--what-if", str(path), "--html", str(report), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"]) == 0
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    for chart in ("chart-what-if-waits", "chart-what-if-waiting", "chart-what-if-rare"):
        svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', html, flags=re.S).group(0)
        assert 'role="img"' in svg and f'<title id="{chart}-title">' in svg and f'<desc id="{chart}-desc">' in svg
        after = html[html.index(svg) + len(svg):]
        assert after.lstrip().startswith("<figcaption>") and "<table>" in after[:3000]
    assert "not a promise" in html


BAD = {
    "unknown clinician": ("demand: {per_week: 2, mix: {cbt: 1}}\nchanges:\n- {name: x, leaves: fatma}\n",
                          "changes[0].leaves (line 3)", "did you mean 'fatima'"),
    "unknown skill": ("demand: {per_week: 2, mix: {cbtt: 1}}\n", "demand.mix.cbtt (line 1)", "did you mean 'cbt'"),
    "mix not adding up": ("demand: {per_week: 2, mix: {cbt: 0.5, systemic: 0.3}}\n", "demand.mix (line 1)", "add up to 0.8"),
    "negative rate": ("demand: {per_week: -2, mix: {cbt: 1}}\n", "demand.per_week (line 1)", "greater than 0"),
    "negative slots": ("demand: {per_week: 2, mix: {cbt: 1}}\nslots_per_week: {ayo: -1}\n", "slots_per_week.ayo (line 2)",
                       "greater than or equal to 0"),
    "unknown policy": ("demand: {per_week: 2, mix: {cbt: 1}}\npolicies: [skill, keepsies]\n", "policies[1] (line 2)",
                       "'skill' or 'keep_when_eligible'"),
    "unknown field": ("demand: {per_week: 2, mix: {cbt: 1}}\nwekes: 4\n", "wekes (line 2)", "did you mean 'weeks'"),
    "far too many runs": ("weeks: 520\nreplications: 1000\ndemand: {per_week: 6, mix: {cbt: 1}}\n", "weeks",
                          "fewer weeks, replications or changes"),
    "change of no kind": ("demand: {per_week: 2, mix: {cbt: 1}}\nchanges:\n- {name: x}\n", "changes[0] (line 3)",
                          "exactly one of leaves, trains or adds_slots"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_what_if_file_is_one_clear_message_naming_the_place(name, tmp_path, capsys):
    text, place, words = BAD[name]
    path = _file(tmp_path, text)
    assert main(["team", str(TEAM), "--what-if", str(path), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and place in err and words in err, err
    assert "Traceback" not in err


def test_demand_from_an_empty_journal_says_to_state_it(tmp_path, capsys):
    path = _file(tmp_path, "demand: journal\n")
    assert main(["team", str(TEAM), "--what-if", str(path), "--db", f"sqlite:///{tmp_path / 'j.sqlite3'}"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "demand" in err and "per_week" in err
