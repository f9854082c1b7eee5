"""Speed of training mode: the family's reply to one line, loading the scenarios, and the feedback report."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

REPLIES = 2000
RUNS = 5


def run() -> dict:
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path
    from choice_assistant.training.scenario import bundled_scenarios
    from choice_assistant.training.family import reply
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.training.practice import play

    register = load_register(demo_register_path())
    started = time.perf_counter()
    scenarios = bundled_scenarios()
    load_ms = (time.perf_counter() - started) * 1000

    lines = ["What worries you most at the moment?", "Does anyone feel unsafe at home?",
             "On a scale of 0 to 10, where are things now?", "Would you like to stay with me, or see a colleague?"]
    stages = ["curiosity", "curiosity", "goals", "allocation"]
    started = time.perf_counter()
    for i in range(REPLIES):
        s = scenarios[i % len(scenarios)]
        reply(s, stages[i % 4], lines[i % 4])
    reply_us = (time.perf_counter() - started) * 1e6 / REPLIES

    report_ms = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(RUNS):
            with SqliteStore.open(Path(folder) / f"{n}.sqlite3") as store:
                practice = play(scenarios[n % len(scenarios)], register, store, "good")
                started = time.perf_counter()
                practice.report().markdown()
                report_ms.append((time.perf_counter() - started) * 1000)
    return {
        "scenarios": len(scenarios),
        "load_all_scenarios_ms": round(load_ms, 1),
        "family_reply_us": round(reply_us, 1),
        "feedback_report_ms_median": round(statistics.median(report_ms), 1),
    }
