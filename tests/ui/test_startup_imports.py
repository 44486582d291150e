"""Starting the app loads only what the inbox needs: the pinyin dictionaries (tens of MiB, a
tenth of a second) wait until someone is looked up by name."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tui_office.workflows.registry import INSTALLED

HEAVY = ("pypinyin",)
"""Modules the inbox never needs on start."""

SCRIPT = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path

    import tui_office.cli.main  # what `tui-office` imports before it opens the office
    from tests.ui.conftest import SIZE, make_app, make_office

    async def main():
        office, numbers = make_office(Path(sys.argv[1]))
        app = make_app(office, "liuwei", live=True)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            for _ in range(200):
                await pilot.pause(0.02)
                if screen.table.rows_loaded and screen.verdicts is not None:
                    break
            assert numbers["desks"] in [r.number for r in screen.table.rows_loaded]
            await pilot.press("j")
            await pilot.pause(0.2)
        print(" ".join(name for name in sys.argv[2:] if name in sys.modules))

    asyncio.run(main())
""")


def test_starting_the_app_and_showing_the_inbox_does_not_load_pinyin(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), *HEAVY], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"loaded on start: {done.stdout.strip()}"


def test_looking_someone_up_by_pinyin_still_works_after_the_late_import():
    from tui_office.services.people_search import keys_for

    assert keys_for("王芳").initials == "wf"


async def test_the_first_frame_shows_the_rows_read_before_the_app_started(tmp_path):
    from tests.ui.conftest import SIZE, make_app, make_office

    office, numbers = make_office(tmp_path)
    app = make_app(office, "liuwei")
    app.read_first_page()
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert numbers["desks"] in [row.number for row in screen.table.rows_loaded]
        assert not [w for w in app.workers if w.group == "page"], "no worker needed for the first page"
        tabs = {tab.id: str(tab.label) for tab in screen.query("Tab")}
        assert tabs["tab-todo"].endswith(f"({screen.total})") and screen.total >= 5
        assert app.first_page is None, "taken once: later loads read the database again"


AREA_CODE = tuple(f"{package}.{part}" for package in INSTALLED
                  for part in ("rules", "service", "cli"))
"""Every shipped area's rules, services and commands: named by its `WORKFLOW`, imported when used."""

OPENING_ONLY = ("tui_office.store.migrations", "playhouse.migrate", "playhouse.db_url")
"""The schema's upgrade steps and the server drivers' address parsing: a current SQLite office
needs neither."""

LATER = ("tomllib", "tomli_w", "textual.widgets._progress_bar", "tui_office.workflows.sales.report")
"""What only later work needs: reading or writing TOML (a config file, or a catalogue or form the
cache folder does not hold yet), an export's progress bar, the sales report's sums."""


def test_starting_the_app_imports_neither_the_areas_code_nor_the_schema_upgrades_nor_what_comes_later(tmp_path):
    from tests.ui.conftest import make_office

    office, _ = make_office(tmp_path)
    office.close()
    seen = _at_first_frame(tmp_path / "office.db", *AREA_CODE, *OPENING_ONLY, *LATER)
    started = [name for name in seen["started"] if name in AREA_CODE + OPENING_ONLY]
    assert started == [], f"imported on start: {' '.join(started)}"
    assert seen["loaded"] == [], f"imported before the first frame: {' '.join(seen['loaded'])}"


def _at_first_frame(db, *names: str) -> dict:
    """What a real start (the command line, headless) had loaded of `names` when the inbox's first
    frame was drawn (`loaded`), and the rows it showed; what it had loaded by the time it left, two
    frames later (`started`: what the first frame set going in the background may have loaded
    more). From the second start on (the first fills the cache folder: the catalogue, the forms)."""
    import json

    for start in ("first", "next"):
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(db), *names],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


FIRST_FRAME = textwrap.dedent("""
    import json, sys
    from textual.app import App
    from textual.screen import Screen

    seen = {}
    drawn = Screen._compositor_refresh

    def first_frame(self):  # what was loaded when the inbox's first frame was drawn
        if not seen and type(self).__name__ == "InboxScreen":
            seen["loaded"] = [name for name in sys.argv[2:] if name in sys.modules]
            seen["rows"] = [(row.number, row.form_title, row.step_title) for row in self.table.rows_loaded]
        return drawn(self)

    def run(self, *args, **kwargs):
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))
        return App.__dict__["_real_run"](self, headless=True)

    Screen._compositor_refresh = first_frame
    App._real_run = App.run
    App.run = run
    from tui_office.cli import main
    main.main(["--db", sys.argv[1], "--user", "liuwei"])
    seen["started"] = [name for name in sys.argv[2:] if name in sys.modules]
    print(json.dumps(seen))
""")

RULES = ("tui_office.domain.definitions", "tui_office.domain.expressions", "tui_office.domain.checks")
"""The code of a form's rules: opening a document needs it, labelling the list's rows does not."""


def test_the_first_frame_names_each_rows_form_and_step_before_the_rules_code_is_loaded(tmp_path):
    from tests.ui.conftest import make_office
    from tui_office.services import queries

    office, _ = make_office(tmp_path)
    try:
        seen = _at_first_frame(tmp_path / "office.db", *RULES)
        assert seen["loaded"] == [], f"loaded before the first frame: {seen['loaded']}"
        assert seen["rows"], "the first frame shows rows"
        for number, form_title, step_title in seen["rows"]:
            view = queries.show(office, "liuwei", number)  # the whole definition's titles
            assert form_title == view.form_title
            assert step_title == view.current_steps[0].title
    finally:
        office.close()
