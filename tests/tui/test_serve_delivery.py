"""Files the assistant writes are handed to the browser when it is served, and only then."""

from __future__ import annotations

import io
import zipfile

import pytest

from choice_assistant.tui import ChoiceAssistantApp
from tests.support.pilot import make_app, palette, settle


@pytest.fixture
def deliveries(monkeypatch) -> list[tuple[bytes, str]]:
    """What the app hands to its browser (content, file name), as textual-serve would receive it."""
    handed: list[tuple[bytes, str]] = []

    def deliver_binary(self, path_or_file, *, save_filename=None, **kwargs):
        data = path_or_file.read_bytes() if hasattr(path_or_file, "read_bytes") else path_or_file.read()
        handed.append((data, save_filename))
        return "key"

    monkeypatch.setattr(ChoiceAssistantApp, "deliver_binary", deliver_binary)
    return handed


def served(monkeypatch) -> None:
    monkeypatch.setattr(ChoiceAssistantApp, "is_web", property(lambda self: True))


async def test_a_session_export_made_in_the_browser_is_downloaded_by_it(deliveries, monkeypatch, data_dir):
    served(monkeypatch)
    app = make_app(stage="goals")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await palette(pilot, "Export this session")
    (written,) = (data_dir / "exports").iterdir()
    assert deliveries == [(written.read_bytes(), written.name)]
    assert b"Sam Rivers" in written.read_bytes()


async def test_letters_saved_in_the_browser_come_as_one_download(deliveries, monkeypatch, data_dir):
    served(monkeypatch)
    app = make_app(stage="letters")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
    ((data, name),) = deliveries  # one download: a browser stops a second one started by the same key as a pop-up
    saved = {p.name: p.read_bytes() for p in (data_dir / "letters").iterdir()}
    assert name == "sam-rivers-2026-11-23-family-letters.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {n: z.read(n) for n in z.namelist()} == saved


async def test_in_a_terminal_nothing_is_handed_on_the_files_are_on_disk(deliveries, data_dir):
    app = make_app(stage="letters")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        await palette(pilot, "Export this session")
    assert deliveries == []
    assert len(list((data_dir / "letters").iterdir())) == 4 and len(list((data_dir / "exports").iterdir())) == 1


def test_downloads_are_named_in_plain_letters_whatever_the_young_persons_name():
    from choice_assistant.tui.served.delivery import download_name

    assert download_name("zoë-o'neill-2026-11-23-family.pdf") == "zo-o-neill-2026-11-23-family.pdf"
    assert download_name("سارة-2026-11-23-family.docx") == "2026-11-23-family.docx"
    assert download_name("سارة.md") == "file.md"
