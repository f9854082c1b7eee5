"""Shared fixtures: every test gets its own empty data directory and can load the demo team."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(data))
    return data


@pytest.fixture
def data_dir(_private_data_dir) -> Path:
    return _private_data_dir


@pytest.fixture
def demo_register_path() -> Path:
    return EXAMPLES / "team.yaml"


@pytest.fixture
def demo_register(demo_register_path):
    from choice_assistant import load_register

    return load_register(demo_register_path)


@pytest.fixture
def demo_session_path() -> Path:
    return EXAMPLES / "sessions" / "sam-rivers.yaml"
