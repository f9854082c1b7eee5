"""The team view's figures on a small journal built here: coverage, capacity, kept versus transferred, and no family data."""

from __future__ import annotations

from datetime import datetime

import pytest

from choice_assistant.journal import open_journal
from choice_assistant.team.figures import team_figures

NOW = datetime(2026, 11, 25, 9, 0)
FAMILY_NAME = "Samira Quentinworth"
PRIVATE = "Mum mentioned the court case"


def add_session(store, sid, *, clinician, goals, decision=None, to=None, slot=None, wants="undecided", reasons=(),
                prefs=None, date="2026-11-02"):
    """A saved session written as the appointment writes it (its journal entries)."""
    store.create_session(sid, datetime.fromisoformat(date), clinician, "Riverside")
    store.append(sid, "start", {"session": sid, "date": date, "choice_clinician": clinician, "team": "Riverside"})
    store.append(sid, "text", {"field": "young_person", "value": FAMILY_NAME}, summary={"young_person": FAMILY_NAME})
    store.append(sid, "text", {"field": "private_note", "value": PRIVATE, "stage": "curiosity"})
    for approach, level in goals:
        store.append(sid, "goal_add", {"text": "a goal", "approach": approach, "level": level, "owner": "young_person", "rating": 3})
    if prefs:
        store.append(sid, "set", {"field": "preferences", "value": prefs})
    store.append(sid, "set", {"field": "keep_reasons", "value": list(reasons)})
    store.append(sid, "set", {"field": "client_wants", "value": wants})
    if decision:
        store.append(sid, "choose", {"decision": decision, "clinician": to})
    if slot:
        store.book(sid, to, datetime.fromisoformat(slot))


@pytest.fixture
def journal(tmp_path):
    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    # Ayo (CBT specific, DBT specific: rare) keeps two CBT-core families and transfers one.
    add_session(store, "s1", clinician="ayo", goals=[("cbt", "core")], decision="keep", to="ayo", slot="2026-11-30T14:00",
                wants="keep", reasons=["disclosure"])
    add_session(store, "s2", clinician="ayo", goals=[("cbt", "core")], decision="keep", to="ayo", slot="2026-12-04T09:30",
                wants="undecided", reasons=["network_work", "disclosure"])
    add_session(store, "s3", clinician="ayo", goals=[("systemic", "core")], decision="transfer", to="ben", slot="2026-12-08T13:30",
                wants="transfer")
    add_session(store, "s4", clinician="ben", goals=[("self_help", "core")])
    yield store
    store.close()


def test_kept_and_transferred_by_clinician_and_keep_reasons(demo_register, journal):
    f = team_figures(demo_register, journal, NOW)
    rows = {r.clinician: r for r in f.journal.clinicians}
    assert (rows["ayo"].choice, rows["ayo"].keep, rows["ayo"].transfer) == (3, 2, 1)
    assert (rows["ben"].choice, rows["ben"].open, rows["ben"].received) == (1, 1, 1)
    assert f.journal.sessions == 4
    assert f.journal.keep_reasons == {"disclosure": 2, "network_work": 1, "client_preference": 0}


def test_rare_skills_spent_on_work_that_did_not_need_them(demo_register, journal):
    j = team_figures(demo_register, journal, NOW).journal
    spent = {r.what: (r.kept, r.transferred) for r in j.rare_spent}
    # Ayo kept two CBT-core families: her specific CBT, DBT skills and Yoruba went unused twice.
    assert spent["DBT skills at specific level"] == (2, 0)
    assert spent["Yoruba"] == (2, 0)
    # Ben took a systemic-core family: his rare specific systemic work went unused once.
    assert spent["Systemic family work at specific level"] == (0, 1)


def test_time_to_first_partnership_and_how_often_the_choice_was_recorded(demo_register, journal):
    j = team_figures(demo_register, journal, NOW).journal
    assert j.booked == 3
    # 2 Nov to 30 Nov 14:00, 4 Dec 09:30, 8 Dec 13:30
    assert j.median_days_to_partnership == 32.4
    assert (j.within_warn, j.past_warn, j.past_strong_warn) == (0, 3, 0)  # all more than 4 weeks (28 days) on
    # Ayo could have kept all three (she holds CBT and systemic); the family's wish was recorded in two.
    assert (j.keep_was_option, j.choice_offered) == (3, 2)


def test_coverage_marks_rare_skills_and_counts_only_future_free_slots(demo_register, journal):
    f = team_figures(demo_register, journal, NOW)
    skills = {s.skill: s for s in f.skills}
    assert f.rare_limit == 2 and f.team_size == 14
    assert skills["emdr"].specific == ["fatima"] and skills["emdr"].rare_specific
    assert not skills["systemic"].rare_core
    ayo_free = next(g["free_slots"] for g in f.grid if g["clinician"] == "ayo")
    # Ayo's slots after now within six weeks: 30 Nov 14:00/16:00, 4 Dec, 15 Dec, 21 Dec; two are booked.
    assert ayo_free == 3
    languages = {r.value: r for r in f.attributes["language"]}
    assert languages["Polish"].rare and not languages["English"].rare
    assert sum(f.capacity["all"]) == sum(g["free_slots"] for g in f.grid)


def test_past_slots_never_count_as_free(demo_register):
    late = team_figures(demo_register, None, datetime(2027, 6, 1))
    assert sum(late.capacity["all"]) == 0 and all(s.free_slots == 0 for s in late.skills)


def test_no_family_name_session_id_or_private_note_in_any_figure(demo_register, journal):
    import json

    from choice_assistant.team.html import render_html
    from choice_assistant.team.text import text_lines

    f = team_figures(demo_register, journal, NOW)
    for out in (json.dumps(f.as_json()), render_html(f), "\n".join(text_lines(f))):
        assert FAMILY_NAME not in out and "Samira" not in out
        assert PRIVATE not in out and "court" not in out
        assert '"s1"' not in out


CHAR_PX = 7.5  # a generous width of one character of the report's 12px labels, bold included


def test_skill_labels_of_the_heat_map_are_whole_or_end_in_an_ellipsis_and_fit_the_chart(demo_register):
    import re
    from html import unescape

    from choice_assistant.team.html import render_html

    html = render_html(team_figures(demo_register, None, NOW))
    chart = html[html.index('id="chart-skills"'):html.index("</svg>", html.index('id="chart-skills"'))]
    labels = re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>(?:<title>[^<]*</title>)?([^<]+)</text>', chart)
    assert len(labels) == len(demo_register.skills)
    for (x, text), skill in zip(labels, demo_register.skills):
        label = unescape(text).removesuffix(" (rare)")
        assert label == skill.name or (label.endswith("…") and skill.name.startswith(label[:-1])), (label, skill.name)
        assert float(x) - len(unescape(text)) * CHAR_PX >= 0, f"'{text}' runs off the left of the chart"
        assert f"<th scope=\"row\">{skill.name}" in unescape(html)  # the whole name is in the table


def test_counts_of_one_are_said_in_the_singular(demo_register, tmp_path):
    from choice_assistant.team.html import render_html
    from choice_assistant.team.text import text_lines

    store = open_journal(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    try:
        add_session(store, "s1", clinician="chloe", goals=[("cbt", "core")], decision="keep", to="chloe", wants="keep")
        f = team_figures(demo_register, store, NOW)
    finally:
        store.close()
    for out in (render_html(f), "\n".join(text_lines(f))):
        assert "1 Choice appointments" not in out and "1 times" not in out
        assert "1 Choice appointment" in out
