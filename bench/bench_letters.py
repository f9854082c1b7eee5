"""Letters per second from the demo sessions: building and rendering each format, and the gate.

One letter = build_letter (template, blocks) plus rendering that format. Goals: at most 5 ms
per Markdown or HTML letter, at most 300 ms per PDF letter (the demo session; also reported:
the three-goal session with a safety plan, large print, and names in Arabic, Japanese and
emoji, which add fallback fonts and text shaping). The first letter (templates compiled,
fonts read) is left out of the timings and reported on its own.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = {"md": 200, "html": 200, "docx": 20, "pdf": 20}


def _per_letter_ms(make, fmt: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        make().render(fmt)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def run() -> dict:
    from choice_assistant.appointment.session import FamilyMember, YoungPerson
    from choice_assistant.letters import build_letter, load_session, quality_gate
    from choice_assistant.register.load import load_register

    register = load_register(ROOT / "examples" / "team.yaml")
    session = load_session(ROOT / "examples" / "sessions" / "sam-rivers.yaml")
    three = load_session(ROOT / "examples" / "sessions" / "three-goals.yaml")
    world = three.model_copy(update={"young_person": YoungPerson(name="محمد الأحمد", age=15),
                                     "family": [FamilyMember(name="山田 花子", relation="mother"),
                                                FamilyMember(name="Zoë 🌈", relation="aunt")]})

    def make(s=session, **kw):
        return lambda: build_letter(s, register, "family", today=date(2026, 11, 23), **kw)

    started = time.perf_counter()
    make()().render("pdf")
    first_ms = (time.perf_counter() - started) * 1000
    out: dict = {"first_letter_pdf_ms": round(first_ms, 1)}
    for fmt, rounds in ROUNDS.items():
        ms = _per_letter_ms(make(), fmt, rounds)
        out[f"{fmt}_ms_per_letter"] = round(ms, 2)
        out[f"{fmt}_letters_per_second"] = round(1000 / ms, 1)
    out["pdf_ms_three_goals_safety_plan"] = round(_per_letter_ms(make(three), "pdf", 10), 1)
    out["pdf_ms_large_print"] = round(_per_letter_ms(make(three, large_print=True), "pdf", 10), 1)
    make(world)().render("pdf")  # the fallback fonts' character maps, read once
    out["pdf_ms_arabic_japanese_emoji_names"] = round(_per_letter_ms(make(world), "pdf", 5), 1)
    gate_times = []
    for _ in range(10):
        letter = make()()
        started = time.perf_counter()
        quality_gate(letter)
        gate_times.append(time.perf_counter() - started)
    out["gate_ms_including_pdf_page_count"] = round(statistics.median(gate_times) * 1000, 1)
    out["goal_md_html_ms"] = 5
    out["goal_pdf_ms"] = 300
    out["md_html_within_goal"] = max(out["md_ms_per_letter"], out["html_ms_per_letter"]) <= 5
    out["pdf_within_goal"] = max(out["pdf_ms_per_letter"], out["pdf_ms_three_goals_safety_plan"]) <= 300
    return out
