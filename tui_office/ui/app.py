"""Provides the Textual app: the inbox mode, theme, keymap, language and the live-refresh poll.

`run_app(office, me)` is what the CLI calls. The app holds `office` (the open database and
settings) and `me` (the signed-in `UserInfo`) for every screen; screens reach the database only
through services, in thread workers.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from functools import partial

from textual import work
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from tui_office import collector, dataclass_code, extensions
from tui_office.domain.errors import OfficeError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.services.directory import UserInfo
from tui_office.services.identity import Who
from tui_office.services.office import Office
from tui_office.services.views import InboxPage, NotificationInfo
from tui_office.ui import kept_styles, keymap
from tui_office.ui.focus_keys import SteadyFocus
from tui_office.ui.messages import DataChanged
from tui_office.ui.themes import THEMES, style_sheets, theme_name, THEME_VARIABLE_DEFAULTS

POLL_SECONDS = 1.0
"""How often the app asks the database whether another process changed it."""


class OfficeApp(SteadyFocus, keymap.LocalisedBindings, App):
    """tui-office: approvals and office paperwork by keyboard."""

    BINDINGS = keymap.bindings("app.")
    COMMANDS = App.COMMANDS | {partial(extensions.load, f"tui_office.ui.{path}")
                               for path in ("commands:OfficeCommands", "people_commands:PeopleCommands",
                                            "admin_commands:AdminCommands")}
    """Palette providers, each imported when the palette first opens (Textual calls a provider that
    is not a class to get the class)."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal")]
    """Width classes set on every screen: `-narrow` below 100 columns (80x24 SSH windows) stacks and
    drops what does not fit."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Height classes: `-short` below 32 rows gives the lists more room than the previews."""

    def __init__(self, office: Office, me: UserInfo, *, live: bool = True, morning: bool = False,
                 sign_in: Who | None = None) -> None:
        super().__init__(css_path=style_sheets(office.settings.theme))
        self.office = office
        """The open office (database, settings, clock); pass it to every service call."""
        self.me = me
        """The signed-in user."""
        self.sign_in = sign_in
        """Who still has to give a PIN before anything else (an office that requires PINs)."""
        self.live = live
        """Poll the database for changes made elsewhere (tests of still pictures turn it off)."""
        self.data_version: int | None = None
        """The last `queries.data_version()` seen; a change means someone wrote."""
        self.list_changes: int | None = None
        """The last `queries.list_changes()` seen; a change means something of mine may have changed."""
        self.first_page: tuple[InboxPage, dict[str, int], int] | None = None
        """The to-do tab's first rows, the tab counts and how many rows were asked for, read before
        the app starts (`run_app`), so the first frame shows them; the inbox takes them once and
        loads in workers from then on."""
        self.last_notification_id: int | None = None
        """Newest notification already announced (None: not yet known)."""
        self.morning = morning
        """Show the morning summary on start, once a day (the real app; tests of other things leave it off)."""
        self.COMMANDS = self.COMMANDS | {partial(extensions.load, path) for w in extensions.installed() for path in w.palette}
        """The palette: ours and the installed workflows' providers (`Workflow.palette`), imported
        when it first opens."""
        for theme in THEMES.values():
            self.register_theme(theme)
        self._start_with_theme(theme_name(office.settings.theme))
        self.title = t("ui.title")
        self.sub_title = t("inbox.title")

    def get_default_screen(self) -> Screen:
        """The inbox, as the first screen. (As a mode's screen it would make Textual read every
        style sheet again, with the variables it already has, before the first frame.)"""
        from tui_office.ui.screens.inbox import InboxScreen

        return InboxScreen()

    def _start_with_theme(self, name: str) -> None:
        """Choose the theme before the style sheets are first read. Setting `theme` would run its
        watcher, which reads every sheet again, twice, before the first frame; this does what the
        watcher does to the app itself (classes, the ANSI colour filter) and lets the first reading
        use the theme's variables."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        self.update_classes({**classes, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark},
                            update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        variables = self.get_css_variables()
        self.stylesheet.set_variables(variables)  # the sheets are first read with these
        kept_styles.restore(self.stylesheet, variables)
        self._kept_styles = (self.stylesheet, variables)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, from any screen, shows stored text with control characters escaped."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=markup)

    def get_driver_class(self):  # noqa: ANN201 - Textual's own signature
        """Textual's driver; on Linux and macOS one that leaves without waiting for the input poll."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":
            from tui_office.ui.driver import QuickExitDriver

            return QuickExitDriver
        return driver

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands (Theme, Quit, Keys …) in the user's language."""
        for command in super().get_system_commands(screen):
            key = "palette.system." + command.title.lower()
            title, help_text = t(key), t(key + "_help")
            if title != key:
                command = command._replace(title=title, help=help_text)
            yield command

    def action_command_palette(self) -> None:
        """`ctrl+p`: the command palette, its search prompt in the user's language."""
        if self.use_command_palette and not CommandPalette.is_open(self) and self.sign_in is None:
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """The palette's theme list, its search prompt in the user's language."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder")))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our extra `$variables`, so any theme (even Textual's own) can draw our screens."""
        return {**super().get_theme_variable_defaults(), **THEME_VARIABLE_DEFAULTS}

    def on_mount(self) -> None:
        if self.sign_in is not None:
            self._ask_pin(self.sign_in)
        known, unknown = keymap.overrides(self.office.settings.keymap)
        if known:
            self.set_keymap(known)
        if unknown:
            self.notify(t("ui.unknown_keymap", ids=", ".join(unknown)), severity="warning", timeout=8, markup=False)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait until the list is on screen: the live poll and the morning summary (their
        threads would otherwise compete with drawing the first frame); the garbage collector,
        paused while the program started (`collector`); keeping what starting worked out for the
        next start (`kept_styles`, `dataclass_code`)."""
        collector.resume()
        kept_styles.remember(*self._kept_styles)
        dataclass_code.release()
        self.set_timer(0.5, self._load_dialogs)
        if self.live:
            self.poll()
        if self.morning and self.sign_in is None:
            self._morning_digest()

    def on_unmount(self) -> None:
        """Keep the style sheets this session used (`kept_styles`): the next start reads those."""
        kept_styles.remember(*self._kept_styles)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _load_dialogs(self) -> None:
        """Load the dialogs the first approval opens while the clerk reads the list: they are not
        needed for the first frame, and the first `a` should not wait for them."""
        import importlib

        for name in ("tui_office.ui.dialogs.opinion", "tui_office.ui.dialogs.confirm", "tui_office.ui.dialogs.choice",
                     "tui_office.ui.dialogs.user_picker"):
            importlib.import_module(name)

    @work(thread=True, group="digest", exit_on_error=False)
    def _morning_digest(self) -> None:
        """Today's summary, if not shown yet today: a dialog over the inbox."""
        from tui_office.services import digest
        from tui_office.ui.dialogs.digest import DigestDialog

        try:
            found = digest.morning(self.office, self.me.login)
        except OfficeError:
            return  # a read-only database or a busy one: no summary this time
        if found is not None:
            self.call_from_thread(self.push_screen, DigestDialog(found))

    def _ask_pin(self, who: Who) -> None:
        from tui_office.domain.office_settings import PIN_MIN_LENGTH
        from tui_office.services import office_settings, pins
        from tui_office.ui.screens.sign_in import SignInScreen

        least = office_settings.get(self.office, PIN_MIN_LENGTH)
        self.push_screen(SignInScreen(who, has_pin=pins.has_pin(who.signer), least=least))

    def signed_in(self) -> None:
        """The PIN was right: show the office."""
        self.sign_in = None
        self.pop_screen()
        self.data_changed()
        if self.morning:
            self._morning_digest()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the PIN is given, only leaving works (not help, not the palette)."""
        if self.sign_in is not None and action not in {"quit", "leave"}:
            return False
        return super().check_action(action, parameters)

    def read_first_page(self, lines: int | None = None) -> None:
        """Read the to-do tab's first rows and the counts now, before the app runs: the inbox's
        first frame then shows them, without waiting for a worker and a second frame. As many rows
        as a terminal `lines` high can show (default: this terminal's height); the rest load as
        the cursor goes down."""
        from tui_office.services import queries
        from tui_office.ui.screens.inbox import first_page_size

        limit = first_page_size(lines or shutil.get_terminal_size().lines)
        try:
            self.first_page = (queries.inbox(self.office, self.me.login, "todo", limit=limit),
                               queries.counts(self.office, self.me.login), limit)
        except OfficeError:
            self.first_page = None  # the inbox loads it in a worker and says what went wrong

    # ---- live refresh -------------------------------------------------------------------

    def poll(self) -> None:
        """Start the poll loop: one thread (one connection) asks about once a second."""
        self._poll_loop()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_loop(self) -> None:
        from tui_office.services import queries

        worker = get_current_worker()
        office, login = self.office, self.me.login
        try:
            self.last_notification_id = queries.last_notification_id(office, login)
            version, mine = queries.data_version(office), queries.list_changes(office, login)
        except OfficeError:
            return
        self.call_from_thread(self._after_poll, version, mine, [])
        while not worker.is_cancelled:
            slept = 0.0
            while slept < POLL_SECONDS and not worker.is_cancelled:
                time.sleep(0.05)
                slept += 0.05
            if worker.is_cancelled:
                return
            try:
                version, mine = queries.data_version(office), queries.list_changes(office, login)
                concerns_me = mine != self.list_changes if mine is not None else version != self.data_version
                fresh: list[NotificationInfo] = []
                if concerns_me:
                    fresh = queries.notifications_since(office, login, self.last_notification_id or 0)
                    if fresh:
                        self.last_notification_id = max(n.id for n in fresh)
            except Exception:  # noqa: BLE001 - a busy or briefly locked database: try again next second
                continue
            if version != self.data_version or concerns_me:
                try:
                    self.call_from_thread(self._after_poll, version, mine, fresh)
                except RuntimeError:  # the app is closing
                    return

    def _after_poll(self, version: int, mine: int | None, fresh: list[NotificationInfo]) -> None:
        if self.sign_in is not None:  # nothing of the office shows before the PIN
            return
        known = self.data_version is not None
        changed = known and version != self.data_version
        concerns_me = known and (mine != self.list_changes if mine is not None else changed)
        self.data_version, self.list_changes = version, mine
        fresh = [note for note in fresh if note.kind != "digest"]  # the morning summary is shown as a dialog
        if fresh:
            self.bell()
            for note in fresh:
                heading = t("ui.notice." + note.kind) if note.kind else t("ui.notice.default")
                if heading.startswith("ui.notice."):
                    heading = t("ui.notice.default")
                self.notify(note.message or (note.number or ""), title=heading, timeout=8, markup=False)
        if changed or concerns_me:
            self.data_changed(mine=concerns_me)

    def data_changed(self, *, mine: bool = True) -> None:
        """Tell every screen that shows data to reload in place (after our own writes too); `mine`
        False: only others' lists changed, which screens showing only mine may ignore."""
        for screen in self.screen_stack:
            screen.post_message(DataChanged(mine))

    # ---- navigation ------------------------------------------------------------------------

    def action_back_or_quit(self) -> None:
        """`q`: close the current screen, or leave the app from the main screen."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.exit()

    def action_help(self) -> None:
        """`?` (or `F1`, which works in forms too, where `?` is text): every key of the current screen
        with what it does."""
        from tui_office.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_search(self) -> None:
        """`s`: the search screen, over whatever is shown (escape comes back to it)."""
        from tui_office.ui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_archive(self) -> None:
        """`H`: the archive browser, over whatever is shown."""
        from tui_office.ui.screens.archive import ArchiveScreen

        if not isinstance(self.screen, ArchiveScreen):
            self.push_screen(ArchiveScreen())

    def action_stats(self) -> None:
        """`T`: process statistics, over whatever is shown."""
        from tui_office.ui.screens.statistics import StatisticsScreen

        if not isinstance(self.screen, StatisticsScreen):
            self.push_screen(StatisticsScreen())

    def open_admin(self, name: str, *, replace: bool = False) -> None:
        """Open administration screen `name` (users, departments, roles, deputies); `replace`: in
        place of the one shown (going from one to another)."""
        from tui_office.ui.screens.admin_screens import admin_screen

        (self.switch_screen if replace else self.push_screen)(admin_screen(name))

    def open_document(self, number: str) -> None:
        """Show one document read-only, with its timeline and the actions open to me."""
        from tui_office.ui.screens.document import DocumentScreen

        self.push_screen(DocumentScreen(number))

    def new_document(self, form_id: str) -> None:
        """Open the form screen for a new document of `form_id`."""
        from tui_office.ui.screens.form import FormScreen

        self.push_screen(FormScreen(form_id))

    def edit_document(self, form_id: str, number: str) -> None:
        """Open a draft or a returned document in the form screen for editing and (re)submitting."""
        from tui_office.ui.screens.form import FormScreen

        self.push_screen(FormScreen(form_id, number=number))

    def show_error(self, error: Exception) -> None:
        """One clear line for a refused or failed action (the service's own message)."""
        self.notify(str(error), title=t("ui.action_failed"), severity="error", timeout=8, markup=False)


def run_app(office: Office, me: UserInfo, sign_in: Who | None = None) -> None:
    """Start the TUI for `me` on `office` (blocks until the user quits); with `sign_in`, it first
    asks for that PIN and shows nothing of the office before."""
    app = OfficeApp(office, me, morning=True, sign_in=sign_in)
    if sign_in is None:
        app.read_first_page()
    app.run()

