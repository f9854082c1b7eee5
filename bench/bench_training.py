"""Speed of training mode: the family engine's reply time per turn (goal: median under 30 ms), the meaning layer's
model load time (goal under 1 s), and the scored report."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

TURNS = 600
RUNS = 3


def run() -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path
    from choice_assistant.training.family import Family
    from choice_assistant.training.intents import recognise
    from choice_assistant.training.library import bundled_scenarios
    from tests.support.trainees import play_good

    from choice_assistant.training import meaning as layer

    load_ms = []
    for _ in range(RUNS):  # a cold load each time: the model, the examples and their stored vectors
        started = time.perf_counter()
        layer.load()
        load_ms.append((time.perf_counter() - started) * 1000)
    model = layer.meaning()
    bare = []  # the baseline: the model embedding one sentence, nothing else
    for i in range(60):
        started = time.perf_counter()
        model.embed([f"What has been going on for you {i}?"])
        bare.append((time.perf_counter() - started) * 1000)
    register = load_register(demo_register_path())
    scenarios = bundled_scenarios()
    lines = ["What worries you most at the moment?", "Has anyone at home ever hit you?", "That sounds really hard.",
             "On a scale of 0 to 10, where are things now?", "Would you like to stay with me, or see a colleague?",
             "mm, hmm, right then, something else entirely %d"]
    stages = ["curiosity", "curiosity", "curiosity", "goals", "allocation", "options"]
    times = []
    for i in range(TURNS):
        family = Family(scenarios[i % len(scenarios)]) if i % 30 == 0 else family
        text = lines[i % len(lines)].replace("%d", str(i))  # new words each time: no cached recognition
        recognise.cache_clear()
        started = time.perf_counter()
        family.respond(stages[i % len(stages)], text)
        times.append((time.perf_counter() - started) * 1000)
    report_ms = []
    for n in range(RUNS):
        practice = play_good(scenarios[n % len(scenarios)], register)
        started = time.perf_counter()
        practice.report().markdown()
        report_ms.append((time.perf_counter() - started) * 1000)
    return {
        "scenarios": len(scenarios),
        "reply_ms_per_turn_median": round(statistics.median(times), 3),
        "reply_ms_per_turn_p95": round(sorted(times)[int(len(times) * 0.95)], 3),
        "reply_goal_ms": 30,
        "embed_ms_median": round(statistics.median(bare), 3),
        "reply_to_embed_ratio": round(statistics.median(times) / statistics.median(bare), 2),
        "model": layer.MODEL_NAME,
        "model_load_ms_median": round(statistics.median(load_ms), 1),
        "model_load_goal_ms": 1000,
        "feedback_report_ms_median": round(statistics.median(report_ms), 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run()))
