"""Random and mutated registers never crash the CLI: each gives exit 2 and one clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from choice_assistant.cli import main
from tests.conftest import EXAMPLES
from tests.support.hostile import paths_in

BASE = yaml.safe_load((EXAMPLES / "team.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["core", "specific", "expert", "2026-02-30T10:00", "2026-12-01T10:00", "cbt", ""]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


ALL_PATHS = list(paths_in(BASE))


@st.composite
def mutated_registers(draw):
    import copy

    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if action == "replace":
                parent[path[-1]] = draw(values)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, list):
                parent.append(parent[path[-1]])
            else:
                parent[str(path[-1]) + "x"] = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return yaml.safe_dump(data, sort_keys=False).encode()


def run_check(tmp_path, content: bytes, capsys):
    p = tmp_path / "team.yaml"
    p.write_bytes(content)
    code = main(["register", "check", str(p)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_clear_failure_or_success(code, out, err, path_text):
    assert "Traceback" not in err and "Traceback" not in out
    if code == 0:
        assert out.count("\n") == 1 and "clinicians" in out
    else:
        assert code == 2, err
        assert err.startswith("choice-assistant: ") and path_text in err
        assert err.strip(), "an error must say something"


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(content=st.binary(max_size=300))
def test_random_bytes_give_exit_2_and_a_message(tmp_path, capsys, content):
    code, out, err = run_check(tmp_path, content, capsys)
    assert_clear_failure_or_success(code, out, err, "team.yaml")


@FUZZ
@given(content=st.text(alphabet=st.sampled_from(list("abc: -[]{}\n\t'\"#&*!|>%@`0123456789")), max_size=200))
def test_random_yaml_like_text_gives_exit_2_and_a_message(tmp_path, capsys, content):
    code, out, err = run_check(tmp_path, content.encode(), capsys)
    assert_clear_failure_or_success(code, out, err, "team.yaml")


@FUZZ
@given(content=mutated_registers())
def test_mutated_demo_registers_give_exit_2_and_a_message(tmp_path, capsys, content):
    code, out, err = run_check(tmp_path, content, capsys)
    assert_clear_failure_or_success(code, out, err, "team.yaml")


def test_the_real_command_prints_no_traceback_and_exits_2(tmp_path):
    bad = tmp_path / "team.yaml"
    bad.write_text("team: X\nskills: [{id: cbt, name: CBT}]\nclinicians:\n  - {id: a, name: A, role: R, skills: {dbt: core}}\n")
    proc = subprocess.run([sys.executable, "-m", "choice_assistant", "register", "check", str(bad)],
                          capture_output=True, text=True, env=os.environ.copy())
    assert proc.returncode == 2
    assert "clinicians[0].skills.dbt" in proc.stderr and "unknown skill" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
