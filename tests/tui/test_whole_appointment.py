"""One whole appointment in the real program, typed key by key in a pseudo-terminal as a clinician would, from the
first word to letters a practice can post: every identifier typed on screen, and what the letters then carry."""

from __future__ import annotations

from datetime import datetime

from tests.support.letter_readback import letter_text, squash
from tests.support.terminal import assistant_in_a_terminal

TAB, ENTER, DOWN, SPACE = "\t", "\r", "\x1b[B", " "
NEXT, DETAILS, QUIT, ESC = "\x0e", "\x12", "\x11", "\x1b"
NEW_GOAL, SAVE_LETTERS = "\x1bOQ", "\x1b[15~"
FORMATS = ("md", "html", "docx", "pdf")


def keys(run, *parts: str, pause: float = 0.35) -> None:
    """Type each part, then let the screen catch up (a clinician's pace between fields, not between letters)."""
    for part in parts:
        run.type(part)
        run.read_for(pause)


def next_stage(run, title: str) -> None:
    mark = len(run.seen)
    run.type(NEXT)
    run.wait_for_text(f"Maya Okafor - {title}", since=mark)
    run.read_for(0.5)


def venue_slot_index(now: datetime) -> int:
    """Where Chloe Martin's first free slot held away from the service's address is in the Booking list."""
    from choice_assistant.register.demo import load_demo_register

    chloe = load_demo_register().clinician("chloe")
    free = sorted(s for s in chloe.partnership_slots if s > now)
    return next(i for i, s in enumerate(free) if chloe.venue_of(s))


def test_a_whole_appointment_typed_on_screen_ends_in_letters_a_practice_can_post_and_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with assistant_in_a_terminal(data) as run:
        run.wait_for_text("Young person's name", limit=60)
        run.read_for(1.0)
        # Introduction: who came, who is running it (Chloe Martin, third in the list), the phrases said.
        keys(run, "Maya Okafor", TAB, "14", TAB, "Ngozi Okafor, mother", TAB, ENTER, DOWN, DOWN, DOWN, ENTER, TAB)
        keys(run, SPACE, DOWN, SPACE, DOWN, SPACE, DOWN, SPACE)
        next_stage(run, "Curiosity")
        keys(run, "Maya feels sick most mornings before school and has missed three weeks.", TAB,
             "Moved to a new secondary school in September.", TAB, "Funny; loves drawing; close to her gran.", TAB,
             "Form tutor; school nurse.", TAB,
             "Asked Maya and Ngozi about self-harm and safety at home and school: no thoughts of harm; feels safe.",
             TAB, ENTER, DOWN, ENTER)
        next_stage(run, "Goals")
        keys(run, "Go to school every day without feeling sick", TAB, ENTER, DOWN, ENTER, TAB, "3", ENTER)
        keys(run, NEW_GOAL, "Fewer rows at home in the mornings", TAB, ENTER, DOWN, DOWN, ENTER, TAB, "4", ENTER)
        next_stage(run, "Shared understanding")
        keys(run, "Worry about the new school has grown; staying home eases it but makes going back harder.")
        next_stage(run, "Options")
        keys(run, DOWN, DOWN, SPACE, TAB, DOWN, DOWN, DOWN, DOWN, SPACE)  # goal 1: CBT; goal 2: family work
        next_stage(run, "Choice Point")
        keys(run, "Maya: breathing exercise each evening", TAB, ENTER, DOWN, ENTER, TAB, TAB, ENTER, DOWN, ENTER)
        next_stage(run, "Who they will see")
        keys(run, DOWN, ENTER, TAB, ENTER)  # the family would like to stay; the list starts there: Enter records it
        next_stage(run, "Booking")
        keys(run, *[DOWN] * venue_slot_index(datetime.now()), ENTER)
        run.wait_for_text("Hill Clinic, room 2", since=0)
        next_stage(run, "Letters")
        # Details: every identifier and address typed on screen.
        mark = len(run.seen)
        run.type(DETAILS)
        run.wait_for_text("Details for letters and the record", since=mark)
        run.read_for(0.5)
        keys(run, "09/12/2011", TAB, "943 476 5919", TAB, "she/her", TAB, "14 Quay Street, Riverside RV1 5ST", TAB,
             TAB, "Ms K Lowe", TAB, "School nurse", TAB, "Riverside Academy", TAB,
             "Riverside Academy, Park Road, Riverside RV4 1AA", TAB,
             "Not attending school since October; panic attacks in class.", TAB,
             "Dr E Hughes", TAB, "Quayside Surgery", TAB, "2 Quay Street, Riverside RV1 5SU", TAB)
        keys(run, ESC, pause=1.0)
        keys(run, SPACE, TAB, SPACE)  # the family agree to copies for the referrer and their GP
        mark = len(run.seen)
        keys(run, SAVE_LETTERS)
        run.wait_for_text("letter files in", since=mark, limit=60)
        run.type(QUIT)
        run.read_for(2.0)
    folder = data / "letters"
    written = {p.name for p in folder.iterdir()}
    for to in ("family", "referrer", "gp"):
        for fmt in FORMATS:
            name = f"maya-okafor-{datetime.now():%Y-%m-%d}-{to}.{fmt}"
            assert name in written, sorted(written)
            text = squash(letter_text((folder / name).read_bytes(), fmt))
            assert "943 476 5919" in text and "9 December 2011" in text, (to, fmt, text[:600])
            assert "14 Quay Street" in text and "RV1 5ST" in text, (to, fmt)  # the young person's address
            assert "Hill Clinic, room 2" in text, (to, fmt)  # the venue of the booked slot
            if to == "family":
                assert "Maya Okafor" in text and "Ngozi" in text
            else:
                addressee = {"referrer": "RV4 1AA", "gp": "RV1 5SU"}[to]
                assert addressee in text and "Not attending school since October" in text, (to, fmt)
    gp = squash(letter_text((folder / f"maya-okafor-{datetime.now():%Y-%m-%d}-gp.md").read_bytes(), "md"))
    gp = gp.replace("Yours sincerely", "")  # the sign-off is to the GP, who reads it
    outside_quotes = " ".join(part for i, part in enumerate(gp.replace("“", '"').replace("”", '"').split('"')) if i % 2 == 0)
    assert not any(w in outside_quotes.lower().split() for w in ("you", "your", "you're", "yours")), outside_quotes
