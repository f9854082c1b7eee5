"""Practice appointments driven through the domain: every scenario plays to a report, and good and poor runs differ."""

from __future__ import annotations

from datetime import datetime

import pytest

from choice_assistant.training.coach import COULD_BE_BETTER, FAMILY, GOOD, MISSED, NOT_APPLICABLE, TRAINEE
from choice_assistant.training.scenario import bundled_scenarios
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.training.practice import TrainingRun, briefing, play, save_report, training_store_path

SCENARIOS = {s.id: s for s in bundled_scenarios()}
IDS = sorted(SCENARIOS)


@pytest.fixture
def store(tmp_path):
    s = SqliteStore.open(tmp_path / "practice.sqlite3")
    yield s
    s.close()


@pytest.mark.parametrize("sid", IDS)
def test_a_good_trainee_plays_each_scenario_to_the_end_and_every_point_is_good(sid, demo_register, store):
    run = play(SCENARIOS[sid], demo_register, store, "good")
    assert run.stage == "closed"
    report = run.report()
    assert len(report.points) == 8
    assert {p.verdict for p in report.points} <= {GOOD, NOT_APPLICABLE}, [(p.key, p.seen) for p in report.points if p.verdict != GOOD]
    assert report.point("outcome").verdict == GOOD


@pytest.mark.parametrize("sid", IDS)
def test_a_poor_trainee_is_told_about_the_introduction_goals_risk_and_tone(sid, demo_register, store):
    run = play(SCENARIOS[sid], demo_register, store, "poor")
    assert run.stage == "closed"
    report = run.report()
    assert report.point("introduction").verdict == MISSED
    assert report.point("goals").verdict == MISSED
    assert report.point("risk").verdict == MISSED
    assert report.point("tone").verdict == MISSED
    assert report.point("choices").verdict in (COULD_BE_BETTER, MISSED)
    assert "I'm sorry, I have to transfer" in report.point("tone").seen


def test_a_poor_run_assumes_a_disclosing_young_person_wants_to_move(demo_register, store):
    report = play(SCENARIOS["disclosure-keep"], demo_register, store, "poor").report()
    choices = report.point("choices")
    assert choices.verdict == MISSED
    assert "assumed" in choices.seen and "did not offer" in choices.seen
    assert report.point("outcome").verdict == MISSED


def test_a_poor_run_that_never_asks_about_language_chooses_someone_who_cannot_speak_it(demo_register, store):
    skill = play(SCENARIOS["language-need"], demo_register, store, "poor").report().point("skill")
    assert skill.verdict == MISSED
    assert "Polish" in skill.seen and "was not recorded" in skill.seen


def test_a_poor_run_ignores_that_nobody_holds_the_skill(demo_register, store):
    skill = play(SCENARIOS["no-one-skilled"], demo_register, store, "poor").report().point("skill")
    assert skill.verdict == MISSED and "Nobody in the team holds" in skill.seen


def test_a_poor_run_never_raises_the_scarcity_of_a_rare_skill(demo_register, store):
    good = play(SCENARIOS["rare-skill-keep"], demo_register, store, "good").report().point("scarcity")
    poor = play(SCENARIOS["rare-skill-keep"], demo_register, SqliteStore.open(training_store_path()), "poor").report().point("scarcity")
    assert good.verdict == GOOD and "EMDR" in good.seen
    assert poor.verdict == MISSED


def test_a_poor_run_books_partnership_work_a_family_did_not_need(demo_register, store):
    outcome = play(SCENARIOS["no-partnership"], demo_register, store, "poor").report().point("outcome")
    assert outcome.verdict == MISSED and "no Partnership work" in outcome.good_looks_like


def test_the_family_answers_in_the_transcript_as_the_trainee_speaks(demo_register, store):
    run = TrainingRun.start(SCENARIOS["clear-transfer"], demo_register, store)
    assert run.open_stage() is None  # the introduction has no opening words
    run.appointment.tick_phrase("skills_match")
    run.appointment.tick_phrase("your_preference")
    assert run.appointment.next()
    opening = run.open_stage()
    assert opening.startswith("Nadia:")
    assert run.open_stage() is None  # said once per stage
    answer = run.say("Do you feel safe at home?")
    assert "safe at home" in answer
    assert run.say("   ") is None
    assert run.transcript[-2:] == [(TRAINEE, "Do you feel safe at home?", "curiosity"), (FAMILY, answer, "curiosity")]
    assert run.transcript[0] == (FAMILY, opening, "curiosity")


def test_why_this_matters_follows_the_stage(demo_register, store):
    run = TrainingRun.start(SCENARIOS["clear-transfer"], demo_register, store)
    assert "introduction" in run.why().lower() or "skills" in run.why()
    run.appointment.tick_phrase("skills_match")
    run.appointment.tick_phrase("your_preference")
    run.appointment.next()
    assert "safety" in run.why().lower()


def test_a_report_part_way_through_says_what_is_missing_without_failing(demo_register, store):
    run = TrainingRun.start(SCENARIOS["disclosure-keep"], demo_register, store)
    run.say("Hello, I'm Chloe.")
    report = run.report()
    assert run.recommendation() is None
    assert report.point("goals").verdict == MISSED
    assert report.point("outcome").verdict == MISSED
    assert report.point("skill").verdict == MISSED


def test_practice_uses_its_own_journal_so_real_sessions_and_slots_are_untouched(demo_register, data_dir):
    path = training_store_path()
    assert data_dir not in path.parents
    with SqliteStore.open(path) as practice:
        play(SCENARIOS["clear-transfer"], demo_register, practice, "good")
        assert practice.booked_slots("chloe")
    with SqliteStore.open() as real:  # the journal a real appointment uses
        assert real.list_sessions() == []
        assert real.booked_slots("chloe") == set()
    assert training_store_path() != path


def test_the_report_is_saved_as_markdown_and_never_overwritten(demo_register, store, data_dir):
    report = play(SCENARIOS["clear-transfer"], demo_register, store, "good").report()
    when = datetime(2026, 11, 23, 11, 0)
    first = save_report(report, now=when)
    second = save_report(report, now=when)
    assert first != second and first.parent == data_dir / "training"
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# Training feedback: Ella's panic in lessons")
    assert text == second.read_text(encoding="utf-8")


def test_play_rejects_an_unknown_style(demo_register, store):
    with pytest.raises(ValueError):
        play(SCENARIOS["clear-transfer"], demo_register, store, "average")


def test_the_briefing_says_who_is_coming_but_not_what_the_family_will_tell(demo_register):
    s = SCENARIOS["disclosure-keep"]
    text = briefing(s, demo_register)
    assert "Mia Lewis (15)" in text and "Owen Lewis, father" in text and "Chloe Martin" in text
    assert "Ms K Doyle" in text
    for told in (s.concerns, s.background, s.strengths, s.risk, *(g.text for g in s.goals)):
        assert told[:40] not in text
