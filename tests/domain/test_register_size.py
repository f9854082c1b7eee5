"""A big honest register loads, aliases and all; only a file whose aliases really multiply is refused."""

from __future__ import annotations

import pytest

from choice_assistant.errors import InputError
from choice_assistant.register.load import load_register
from tests.conftest import EXAMPLES


def _big_register(path, clinicians: int = 20_000) -> None:
    """A register of `clinicians` people who share their skills and languages through YAML aliases."""
    head = (EXAMPLES / "team.yaml").read_text().split("clinicians:")[0]
    lines = [head + "clinicians:"]
    for i in range(clinicians):
        shared = ("skills: &nurse {assessment: core, cbt: core, systemic: core, behavioural: core}\n  languages: &en [en, pl]"
                  if i == 0 else "skills: *nurse\n  languages: *en")
        lines.append(f"- id: c{i}\n  name: Clinician {i}\n  role: CAMHS nurse\n  {shared}\n"
                     f"  partnership_slots: ['2026-11-30T10:00', '2026-12-21T09:30']")
    path.write_text("\n".join(lines) + "\n")


def test_a_twenty_thousand_clinician_register_that_shares_values_through_aliases_loads(tmp_path):
    path = tmp_path / "team.yaml"
    _big_register(path)
    register = load_register(path)
    assert len(register.clinicians) == 20_000
    assert register.clinicians[-1].skills == register.clinicians[0].skills and register.clinicians[-1].languages == ["en", "pl"]


def test_a_small_file_whose_aliases_multiply_is_refused_with_the_real_count(tmp_path):
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(10))}]" for n in range(1, 7)]
    path = tmp_path / "team.yaml"
    path.write_text("\n".join(rows) + "\nteam: T\nskills: []\nclinicians: []\n")
    with pytest.raises(InputError) as exc:
        load_register(path)
    text = str(exc.value)
    assert "aliases (*name) in this register would repeat 12,345,660 values" in text and "line 6" in text
