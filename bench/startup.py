"""Measure the app as a clerk feels it, in a real terminal, against a bare Textual app of the same shape.

    python bench/generate.py --db /tmp/bench.db       # once
    cp /tmp/bench.db /tmp/bench-copy.db                # approvals change it: measure on a copy
    python bench/startup.py --db /tmp/bench-copy.db [--user zhaolei] [--runs 5] [--launches 15] [--idle-seconds 30]

Each run starts both apps in turn (the order alternates) in a pseudo-terminal of 120x40 whose
output is fed to a terminal emulator (`pyte`), so "on screen" means what a clerk would see. Each
time is taken when the output that shows it arrives, before `pyte` parses it: pyte is written in
Python and takes about a millisecond per kilobyte, which a real terminal does not, so parsing after
the clock would charge the measuring emulator's own work to the app in proportion to what it draws.

* launch → first row: from starting the process until the list's first row shows the first task number
  (tui-office: `python -m tui_office --db … --user …`; bare: this script with `--bare`, a Textual
  app with a Header, a 50-row DataTable and a Footer); the median of the runs' launches and
  `--launches` more of each app, alternating, as single launches spread over tens of milliseconds;
* peak memory: the process's RSS high-water mark (`VmHWM` in `/proc/PID/status`) before it exits;
* cursor key → repaint: `down` until the frame it causes has been written;
* approve → repainted list (tui-office only): `a`, then `enter` in the opinion dialog, until the
  list's first row shows the next number; compared with the bare app's cursor key;
* exit: `q` until the process has ended;
* idle client: CPU time (`utime + stime` in `/proc/PID/stat`) of a started, untouched app over
  `--idle-seconds` while another process approves 2 documents a second that are none of the
  client's (another user's tasks on documents the client has no task on and did not start).

The tab counts (`services.queries.counts`) are timed in this process. Medians and ratios are
printed; exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import re
import select
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COLS, LINES = 120, 40
BARE_ROWS = 50
TARGETS = {"launch_ratio": 1.3, "peak_mib": 60.0, "counts_ms": 5.0, "exit_ms": 50.0, "cursor_ratio": 1.2,
           "cursor_ms": 30.0, "approve_ms": 100.0, "idle_percent": 2.0}


# ---- the bare app -----------------------------------------------------------------------------

def run_bare() -> None:
    """A Textual app of the inbox's shape: Header, a 50-row DataTable, Footer; `q` quits."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self):
            yield Header()
            yield DataTable(cursor_type="row")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Number", "Form", "Title", "From", "Step", "Received")
            table.add_rows([(f"BARE-{i:06d}", "General request", f"Row {i}", "Someone", "Manager", "2026-11-30 09:00")
                            for i in range(1, BARE_ROWS + 1)])
            table.focus()

    Bare().run()


# ---- a terminal ------------------------------------------------------------------------------

class Terminal:
    """A child process on a pseudo-terminal, its output kept as a screen by `pyte`."""

    def __init__(self, argv: list[str]) -> None:
        import pyte

        self.screen = pyte.Screen(COLS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.environ["TERM"] = "xterm-256color"
            os.environ.pop("TEXTUAL", None)
            os.execvp(argv[0], argv)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLS, 0, 0))
        self.pid, self.fd = pid, fd
        self.exit_status: int | None = None
        self.arrived = self.started
        """When the output last read arrived (before `pyte` parsed it)."""

    def _drain(self, timeout: float) -> list[tuple[float, bytes]]:
        """Whatever arrives within `timeout` seconds, and every piece already behind it, each with
        when it was read (before the emulator parses any: its time is not the app's). A frame comes
        through the pseudo-terminal in pieces of 4 KB; reading them all first keeps the parsing of
        one from holding back reading the next."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        pieces: list[tuple[float, bytes]] = []
        while ready:
            try:
                piece = os.read(self.fd, 65536)
            except OSError:
                break
            if not piece:
                break
            pieces.append((time.perf_counter(), piece))
            ready, _, _ = select.select([self.fd], [], [], 0)
        return pieces

    def read(self, timeout: float) -> bool:
        """Feed whatever arrives within `timeout` seconds; False when nothing did."""
        pieces = self._drain(timeout)
        for arrived, piece in pieces:
            self.arrived = arrived
            self.stream.feed(piece)
        return bool(pieces)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, condition, seconds: float = 30.0) -> float:
        """When (perf_counter) the piece of output that made `condition(text)` hold arrived. The
        screen is looked at only after new output, piece by piece (reading it out of the emulator
        costs milliseconds, and the pieces read at once may hold the next frames too)."""
        end = time.perf_counter() + seconds
        self.arrived = time.perf_counter()
        if condition(self.text()):
            return self.arrived
        while time.perf_counter() < end:
            pieces = self._drain(0.05)
            for index, (arrived, piece) in enumerate(pieces):
                self.stream.feed(piece)
                if condition(self.text()):
                    for later, rest in pieces[index + 1:]:
                        self.stream.feed(rest)
                        self.arrived = later
                    return arrived
                self.arrived = arrived
        raise TimeoutError("not on screen in time:\n" + self.text())

    def settle(self, quiet: float = 0.4, seconds: float = 10.0) -> None:
        """Read until nothing has arrived for `quiet` seconds."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and self.read(quiet):
            pass

    def press(self, keys: str) -> float:
        sent = time.perf_counter()
        os.write(self.fd, keys.encode())
        return sent

    def frame_after(self, keys: str, gap: float = 0.015, seconds: float = 5.0) -> float:
        """Seconds from sending `keys` until the frame they cause has been written (output, then a gap)."""
        sent = self.press(keys)
        end = sent + seconds
        last = None
        while time.perf_counter() < end:
            if self.read(gap if last else 0.5):
                last = self.arrived
            elif last:
                return last - sent
        raise TimeoutError("no repaint")

    def peak_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self, keys: str = "q") -> float:
        """Seconds from `keys` until the process has ended."""
        sent = self.press(keys)
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                gone = time.perf_counter()
                break
            self.read(0.002)
        os.close(self.fd)
        return gone - sent

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


# ---- what is measured -----------------------------------------------------------------------

def office_argv(db: str, user: str) -> list[str]:
    return [sys.executable, "-m", "tui_office", "--db", db, "--user", user, "--lang", "en"]


def bare_argv() -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--bare"]


def first_numbers(db: str, user: str) -> list[str]:
    """The first two to-do numbers the app will show (returned documents head the list)."""
    from tui_office.config import Settings
    from tui_office.services import queries
    from tui_office.services.office import Office

    office = Office.open(Settings(), db)
    try:
        return [row.number for row in queries.inbox(office, user, "todo", limit=2).rows]
    finally:
        office.close()


def first_row(text: str) -> str:
    """The first row of the list: the line after the column headings."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        if re.search(r"\bNumber\b", line):
            return lines[i + 1]
    return ""


def shows(line: str, number: str) -> bool:
    """`line` shows `number`, whole or cut short to the column's width (`GR-2026-351…`)."""
    return number in line or any(number[:k] + "…" in line for k in range(len(number) - 1, 8, -1))


def measure_launch(argv: list[str], number: str) -> tuple[Terminal, float]:
    term = Terminal(argv)
    shown = term.wait_for(lambda text: shows(first_row(text), number))
    return term, shown - term.started


def launches(db: str, user: str, count: int) -> dict[str, list[float]]:
    """`count` more launches of each app, alternating, each quit once its first row shows: single
    launches spread over tens of milliseconds, so the launch ratio is taken over many."""
    number = first_numbers(db, user)[0]
    out: dict[str, list[float]] = {"office": [], "bare": []}
    for i in range(count):
        for kind in (("office", "bare") if i % 2 == 0 else ("bare", "office")):
            argv, shown = (office_argv(db, user), number) if kind == "office" else (bare_argv(), "BARE-000001")
            term, launch = measure_launch(argv, shown)
            try:
                term.settle(0.2)
                term.quit()
            except BaseException:
                term.kill()
                raise
            out[kind].append(launch)
    return out


def run_once(kind: str, db: str, user: str) -> dict:
    numbers = first_numbers(db, user) if kind == "office" else ["BARE-000001"]
    number = numbers[0]
    term, launch = measure_launch(office_argv(db, user) if kind == "office" else bare_argv(), number)
    out = {"launch": launch}
    try:
        term.settle()
        cursor = []
        for _ in range(5):
            cursor.append(term.frame_after("\x1b[B"))
            term.settle(0.3)
        out["cursor"] = statistics.median(cursor)
        if kind == "office":
            term.press("g")
            term.settle()
            term.press("a")
            term.wait_for(lambda text: "escape cancels" in text)
            term.settle(0.3)
            sent = term.press("\r")
            gone = term.wait_for(lambda text: shows(first_row(text), numbers[1]), seconds=10)
            out["approve"] = gone - sent
            term.settle()
        out["peak"] = term.peak_mib()
        out["exit"] = term.quit()
    except BaseException:
        term.kill()
        raise
    return out


# ---- idle client under others' writes ---------------------------------------------------------

def others_tasks(db: str, user: str, count: int) -> list[tuple[str, str]]:
    """(login, number) of open tasks the client has nothing to do with: another user's task, on a
    document the client did not start and has no task on."""
    con = sqlite3.connect(db)
    try:
        me = con.execute('SELECT id FROM "user" WHERE login = ?', (user,)).fetchone()[0]
        rows = con.execute(
            'SELECT u.login, d.number FROM task t JOIN document d ON d.id = t.document_id JOIN "user" u ON u.id = t.assignee_id '
            "WHERE t.status = 'open' AND t.assignee_id != ? AND d.initiator_id != ? AND d.status = 'in_progress' "
            "AND NOT EXISTS (SELECT 1 FROM task m WHERE m.document_id = d.id AND (m.assignee_id = ? OR m.acted_by_id = ?)) "
            "ORDER BY t.due_at LIMIT ?", (me, me, me, me, count * 3)).fetchall()
    finally:
        con.close()
    seen, out = set(), []
    for login, number in rows:
        if number not in seen:
            seen.add(number)
            out.append((login, number))
    return out[:count]


def writer(db: str, user: str, seconds: float, rate: float) -> subprocess.Popen:
    """Another process approving `rate` documents a second that are not `user`'s, for `seconds`."""
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from bench.startup import others_tasks\n"
        "from tui_office.domain.errors import OfficeError\n"
        "from tui_office.services import decisions\n"
        "from tui_office.services.office import Office\n"
        f"db, user, seconds, rate = {db!r}, {user!r}, {seconds!r}, {rate!r}\n"
        "from tui_office.config import Settings\n"
        "office = Office.open(Settings(), db)\n"
        "todo = others_tasks(db, user, int(seconds * rate) + 10)\n"
        "print('ready', flush=True)\n"
        "start = time.perf_counter(); done = 0\n"
        "for i, (login, number) in enumerate(todo):\n"
        "    wait = start + i / rate - time.perf_counter()\n"
        "    if wait > 0: time.sleep(wait)\n"
        "    if time.perf_counter() - start >= seconds: break\n"
        "    try:\n"
        "        decisions.act(office, login, 'approve', number); done += 1\n"
        "    except OfficeError:\n"
        "        pass\n"
        "print(done, flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def measure_idle(kind: str, db: str, user: str, seconds: float) -> tuple[float, int]:
    """Percent of a core the untouched app used while another process approved 2 documents a second."""
    number = first_numbers(db, user)[0] if kind == "office" else "BARE-000001"
    term, _ = measure_launch(office_argv(db, user) if kind == "office" else bare_argv(), number)
    try:
        term.settle(1.0)
        proc = writer(db, user, seconds, 2.0)
        before, t0 = term.cpu_seconds(), time.perf_counter()
        while proc.poll() is None:
            term.read(0.05)
        used, elapsed = term.cpu_seconds() - before, time.perf_counter() - t0
        approved = int(proc.stdout.read().strip() or 0)
        term.settle(0.3)
        term.quit()
    except BaseException:
        term.kill()
        raise
    return 100 * used / elapsed, approved


def time_counts(db: str, user: str, runs: int = 50) -> float:
    from tui_office.services import queries
    from tui_office.config import Settings
    from tui_office.services.office import Office

    office = Office.open(Settings(), db)
    try:
        queries.counts(office, user)
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            queries.counts(office, user)
            samples.append(time.perf_counter() - t0)
        return statistics.median(samples) * 1000
    finally:
        office.close()


# ---- report ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/tui-office-bench.db")
    parser.add_argument("--user", default="zhaolei")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launches", type=int, default=15,
                        help="launches of each app measured on their own, besides one per run (default 15)")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        run_bare()
        return 0
    if not Path(args.db).exists():
        parser.error(f"{args.db} does not exist (python bench/generate.py --db {args.db})")

    # An installed package has its bytecode compiled at install time (Textual's has): compile ours
    # too, or every start would compile a hundred modules first (PYTHONDONTWRITEBYTECODE, a fresh checkout).
    compileall.compile_dir(str(ROOT / "tui_office"), quiet=1)
    runs: dict[str, list[dict]] = {"office": [], "bare": []}
    for i in range(args.runs):
        for kind in (("office", "bare") if i % 2 == 0 else ("bare", "office")):
            runs[kind].append(run_once(kind, args.db, args.user))
        o, b = runs["office"][-1], runs["bare"][-1]
        print(f"run {i + 1}: launch {o['launch'] * 1000:.0f} / {b['launch'] * 1000:.0f} ms, "
              f"peak {o['peak']:.0f} / {b['peak']:.0f} MiB, cursor {o['cursor'] * 1000:.1f} / {b['cursor'] * 1000:.1f} ms, "
              f"approve {o['approve'] * 1000:.0f} ms, exit {o['exit'] * 1000:.0f} / {b['exit'] * 1000:.0f} ms", flush=True)

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    started = launches(args.db, args.user, args.launches)
    for kind in started:
        started[kind] += [r["launch"] for r in runs[kind]]

    def launch(kind: str) -> float:
        return statistics.median(started[kind])

    def quartiles(kind: str) -> str:
        q = statistics.quantiles(started[kind], n=4) if len(started[kind]) > 1 else started[kind] * 3
        return f"{q[0] * 1000:.0f}-{q[2] * 1000:.0f}"

    counts_ms = time_counts(args.db, args.user)
    idle = {}
    if args.idle_seconds > 0:
        for kind in ("office", "bare"):
            idle[kind] = measure_idle(kind, args.db, args.user, args.idle_seconds)

    got = {
        "launch_ratio": launch("office") / launch("bare"),
        "peak_mib": med("office", "peak"),
        "counts_ms": counts_ms,
        "exit_ms": med("office", "exit") * 1000,
        "cursor_ratio": med("office", "cursor") / med("bare", "cursor"),
        "cursor_ms": med("office", "cursor") * 1000,
        "approve_ratio": med("office", "approve") / med("bare", "cursor"),
        "approve_ms": med("office", "approve") * 1000,
    }
    print()
    print(f"{'':28} {'tui-office':>12} {'bare':>10} {'ratio':>8}")
    print(f"{'launch -> first row (ms)':28} {launch('office') * 1000:12.0f} {launch('bare') * 1000:10.0f} {got['launch_ratio']:7.2f}x"
          f"   ({len(started['office'])} launches each; middle half {quartiles('office')} / {quartiles('bare')} ms)")
    print(f"{'peak memory (MiB)':28} {med('office', 'peak'):12.1f} {med('bare', 'peak'):10.1f}")
    print(f"{'cursor key -> repaint (ms)':28} {med('office', 'cursor') * 1000:12.1f} {med('bare', 'cursor') * 1000:10.1f} {got['cursor_ratio']:7.2f}x")
    print(f"{'approve -> repainted (ms)':28} {med('office', 'approve') * 1000:12.1f} {'(cursor)':>10} {got['approve_ratio']:7.2f}x")
    print(f"{'exit (ms)':28} {med('office', 'exit') * 1000:12.1f} {med('bare', 'exit') * 1000:10.1f}")
    print(f"{'tab counts (ms)':28} {counts_ms:12.2f}")
    if idle:
        got["idle_percent"] = idle["office"][0]
        print(f"{'idle CPU, others writing (%)':28} {idle['office'][0]:12.2f} {idle['bare'][0]:10.2f}"
              f"   ({idle['office'][1]} and {idle['bare'][1]} approvals in {args.idle_seconds:.0f} s)")
    missed = [f"{key} {got[key]:.2f} > {limit}" for key, limit in TARGETS.items() if key in got and got[key] > limit]
    print()
    print("targets missed: " + ", ".join(missed) if missed else "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
