"""The code dataclasses generate is kept in the cache folder (`tui_office/dataclass_code.py`): a
second start compiles none of it, and the classes behave exactly as Python's own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import dataclasses
    from tui_office import dataclass_code

    dataclass_code.install()
    import tui_office.services.views  # the inbox's records

    @dataclasses.dataclass(frozen=True)
    class Row:
        number: str
        tags: list = dataclasses.field(default_factory=list, hash=False)
        total: int = 0

    row = Row("GR-1", total=2)
    assert row == Row("GR-1", [], 2) and row != Row("GR-2") and hash(row) == hash(Row("GR-1", [], 2))
    assert repr(row) == "Row(number='GR-1', tags=[], total=2)"
    assert Row("a").tags is not Row("b").tags
    try:
        row.total = 3
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a frozen record took a new value")
    print(dataclass_code.compiled())
    dataclass_code.save()
""")


def _start(cache) -> int:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip())


def test_a_second_start_compiles_no_generated_code_and_the_records_behave_the_same(tmp_path):
    assert _start(tmp_path) > 30
    assert _start(tmp_path) == 0


def test_a_damaged_table_only_costs_the_compiling(tmp_path):
    assert _start(tmp_path) > 30
    for table in (tmp_path / "tui-office").glob("dataclass-code-*"):
        table.write_bytes(b"\x80\x04not a table")
    assert _start(tmp_path) > 30
    assert _start(tmp_path) == 0


def test_released_the_table_is_kept_and_later_records_compile_as_usual(tmp_path):
    script = SCRIPT.replace("dataclass_code.save()", textwrap.dedent("""
        dataclass_code.release()
        assert "exec" not in vars(dataclasses)

        @dataclasses.dataclass
        class Later:
            name: str

        assert Later("x") == Later("x") and dataclass_code.compiled() == 0
        dataclass_code.save()
    """))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _start(tmp_path) == 0


def test_released_the_table_keeps_only_what_this_start_used(tmp_path):
    """What a command added to the table is not read by the app's next start."""
    extra = SCRIPT.replace("print(dataclass_code.compiled())", textwrap.dedent("""
        @dataclasses.dataclass
        class OnlyACommandHasThis:
            name: str

        print(dataclass_code.compiled())
    """))
    released = SCRIPT.replace("dataclass_code.save()", "dataclass_code.release()")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def size() -> int:
        return sum(table.stat().st_size for table in (tmp_path / "tui-office").glob("dataclass-code-*"))

    for script in (extra, released):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        if script is extra:
            with_extra = size()
    assert size() < with_extra, "the command's class is no longer in the table"
    assert _start(tmp_path) == 0, "and what the start used is all there"
