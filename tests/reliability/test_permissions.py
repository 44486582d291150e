"""Who may do what, command by command: every command that changes or reveals something, run by
every kind of person, on a real office (switching off) and on a demo office (switching on).

The expected outcome of each case is the table below (`REAL` and `DEMO`): a reader audits the
policy there, not in the code. A refused case must exit 1 or 2 with exactly one line on standard
error, no traceback, and leave the database exactly as it was (every table, row for row), apart
from the one `switch_refused` audit row that a refused `--user` leaves, and make no file.

The people, on both offices:

| actor     | real office                         | demo office                              |
|-----------|-------------------------------------|------------------------------------------|
| initiator | ivy, filed document A and a draft   | emily (sales), filed A, a draft, a leave |
| assignee  | dave, holds A's open task (the      | chenjing (vice president), holds A's     |
|           | admin boss got it and handed it on) | open task                                |
| clerk     | erin, nothing to do with A          | david (technical)                        |
| cc        | carol, A was copied to her          | linna (purchasing), A was copied to her  |
| manager   | (a real office made from the        | zhaolei, emily's department manager, who |
|           | command line has no departments)    | approved A's first step                  |
| hr        | (no such role yet)                  | wangfang (administration/HR)             |
| admin     | root, an administrator not on A     | admin, an administrator not on A         |
| unknown   | OS account that is nobody's         | the same                                 |
| owner     | OS account owning the database file | the same (not a user of the office)      |

Each known actor also filed a document of their own ("own" rows).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui_office.cli.main import main
from tui_office.resources import bundled
from tui_office.services import permissions
from tui_office.store import db as store_db
from tui_office.ui import app as ui_app

# ----------------------------------------------------------------------------- the policy

EVERYONE = "initiator assignee clerk cc manager hr admin unknown owner"
USERS = "initiator assignee clerk cc manager hr admin"
NOBODY = ""

# command id -> (arguments, who may on the real office, who may on the demo office).
# In the arguments, {A} is the other person's document, {OWN} the actor's own one, {DRAFT} the
# initiator's draft, {LEAVE} the initiator's approved leave, {DIR} a folder of the case's own,
# {FORMS} a folder with a changed general request (one that lets its initiator approve it).
# The `--user` rows name another person while running as the actor.
TABLE: dict[str, tuple[str, str, str]] = {
    # --- a document that is someone else's (for the initiator: their own A)
    "show A":                ("show {A}",                                  "initiator assignee cc admin",
                                                                           "initiator assignee cc manager admin"),
    "files check A":         ("files check {A}",                           "initiator assignee cc admin",
                                                                           "initiator assignee cc manager admin"),
    "print A":               ("print {A} -o {DIR}/history.html",           "initiator assignee cc admin",
                                                                           "initiator assignee cc manager admin"),
    "act approve A":         ("act approve {A} --comment ok",              "assignee", "assignee"),
    "act reject A":          ("act reject {A} --comment no",               "assignee", "assignee"),
    "act return A":          ("act return {A} --to initiator --comment redo", "assignee", "assignee"),
    "act delegate A":        ("act delegate {A} --to {OUTSIDER}",          "assignee", "assignee"),
    "act add-approver A":    ("act add-approver {A} --to {OUTSIDER}",      "assignee", "assignee"),
    "act withdraw A":        ("act withdraw {A}",                          "initiator", "initiator"),
    "act retract A":         ("act retract {A}",                           NOBODY, "manager"),
    "act cc A":              ("act cc {A} --to {OUTSIDER}",                "initiator assignee",
                                                                           "initiator assignee manager"),
    "act comment A":         ("act comment {A} --comment note",            "initiator assignee cc admin",
                                                                           "initiator assignee cc manager admin"),
    "act urge A":            ("act urge {A}",                              "initiator cc", "initiator cc"),
    # --- the actor's own document, waiting for someone else
    "show own":              ("show {OWN}",                                USERS, USERS),
    "act approve own":       ("act approve {OWN} --comment ok",            NOBODY, NOBODY),
    "act reject own":        ("act reject {OWN} --comment no",             NOBODY, NOBODY),
    "act return own":        ("act return {OWN} --to initiator --comment redo", NOBODY, NOBODY),
    "act delegate own":      ("act delegate {OWN} --to {OUTSIDER}",        NOBODY, NOBODY),
    "act add-approver own":  ("act add-approver {OWN} --to {OUTSIDER}",    NOBODY, NOBODY),
    "act retract own":       ("act retract {OWN}",                         NOBODY, NOBODY),
    "act withdraw own":      ("act withdraw {OWN}",                        USERS, USERS),
    "act cc own":            ("act cc {OWN} --to {OUTSIDER}",              USERS, USERS),
    "act comment own":       ("act comment {OWN} --comment note",          USERS, USERS),
    "act urge own":          ("act urge {OWN}",                            USERS, USERS),
    # --- drafts: only their author sees or sends them
    "show draft":            ("show {DRAFT}",                              "initiator", "initiator"),
    "submit draft":          ("submit general_request --number {DRAFT} --set subject=S --set details=D",
                                                                           "initiator", "initiator"),
    # --- one's own work
    "submit":                ("submit general_request --set subject=S --set details=D", USERS, USERS),
    "inbox":                 ("inbox",                                     USERS, USERS),
    "inbox --json cc":       ("inbox --json --tab cc",                     USERS, USERS),
    "away":                  ("away --to {OUTSIDER} --from 2030-01-07 --until 2030-01-11", USERS, USERS),
    # --- acting as someone else: admins always, everyone on a demo office
    "--user initiator inbox": ("--user {INITIATOR} inbox",                 "initiator admin", EVERYONE),
    "--user assignee approve A": ("--user {ASSIGNEE} act approve {A} --comment ok", "assignee admin", EVERYONE),
    # --- administration
    "users add":             ("users add newbie Newbie",                   "admin", "admin"),
    "users add admin":       ("users add evil Evil --role admin",          "admin", "admin"),
    "users deactivate":      ("users deactivate {OUTSIDER}",               "admin", "admin"),
    "users reactivate":      ("users reactivate {GONE}",                   "admin", "admin"),
    "users set-os-login":    ("users set-os-login {OUTSIDER} someone-else", "admin", "admin"),
    "settings set":          ("settings set security.allow_user_switch {FLIP}", "admin", "admin"),
    "settings set form parameter": ("settings set forms.purchase_request.leadership_threshold 50000",
                                                                           "admin", "admin"),
    "definitions load":      ("definitions load {FORMS}",                  "admin", "admin"),
    "backup":                ("backup {DIR}/copy.db",                      "admin", "admin"),
    "restore":               ("restore {BACKUP}",                          "admin", "admin"),
    "remind":                ("remind",                                    "admin owner", "admin owner"),
    # --- leave (the demo office has the roles it needs)
    "leave report-back":     ("leave report-back {LEAVE}",                 "-", "initiator hr admin"),
    "act report-back":       ("act report-back {LEAVE}",                   "-", "initiator hr admin"),
    "leave hr":              ("leave hr",                                  "-", "hr admin"),
    "leave export":          ("leave export --year 2026 {DIR}/leave.csv",  "-", "hr admin"),
    "leave calendar sales":  ("leave calendar --month 2026-11 --department sales", "-",
                                                                           "initiator manager hr admin"),
    "leave balance":         ("leave balance --year 2026",                 "-", USERS),
    "leave history":         ("leave history",                             "-", USERS),
    # --- making a database: only a new file (or a demo office) becomes a demo office
    "init":                  ("init",                                      EVERYONE, EVERYONE),
    "init --demo":           ("init --demo",                               NOBODY, EVERYONE),
    "demo":                  ("demo",                                      NOBODY, EVERYONE),
    "init --admin":          ("init --admin eve Eve",                      NOBODY, NOBODY),
    # --- what anyone who can read the database file may read (no identity needed)
    "users list":            ("users list --all",                          EVERYONE, EVERYONE),
    "settings list":         ("settings list",                             EVERYONE, EVERYONE),
    "forms list":            ("forms list",                                EVERYONE, EVERYONE),
    "audit verify":          ("audit verify",                              EVERYONE, EVERYONE),
    "audit checkpoint":      ("audit checkpoint",                          EVERYONE, EVERYONE),
    "definitions check":     ("definitions check",                         EVERYONE, EVERYONE),
}

SWITCHES = {"--user initiator inbox", "--user assignee approve A"}
"""Rows that name another user: a refusal there leaves one `switch_refused` audit row."""


@dataclass(frozen=True)
class Office:
    """A built office to copy for each case: who plays each part and the documents they hold."""

    kind: str
    template: Path
    backup: Path
    people: dict[str, str | None]   # actor -> login (None: not a user)
    accounts: dict[str, str]        # actor -> OS account
    own: dict[str, str]             # actor -> number of their own document
    values: dict[str, str]          # {A}, {DRAFT}, {LEAVE}, {INITIATOR}, … -> text
    now: str | None                 # TUI_OFFICE_NOW for the cases (demo only)


OWNER_ACCOUNT = "owner-os"
UNKNOWN_ACCOUNT = "mallory-os"

# ----------------------------------------------------------------------------- running the CLI


class Runner:
    """Runs `tui-office --db DB ARGS` in this process as an OS account, capturing its output."""

    def __init__(self, mp: pytest.MonkeyPatch, db: Path) -> None:
        self.mp, self.db = mp, db
        mp.setattr(permissions, "owns_database", lambda office: permissions.os_account() == OWNER_ACCOUNT)
        mp.setattr(ui_app, "run_app", lambda office, me: None)  # `demo` would start the app: say it started

    def __call__(self, args: list[str], account: str, now: str | None = None) -> tuple[int, str, str]:
        self.mp.setattr(permissions, "os_account", lambda: account)
        if now:
            self.mp.setenv("TUI_OFFICE_NOW", now)
        else:
            self.mp.delenv("TUI_OFFICE_NOW", raising=False)
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(["--db", str(self.db), *args])
                except SystemExit as exc:  # argparse usage errors
                    code = exc.code if isinstance(exc.code, int) else 2
        finally:
            store_db.close_database()
        return code, out.getvalue(), err.getvalue()

    def ok(self, args: str | list[str], account: str, now: str | None = None) -> str:
        argv = args.split() if isinstance(args, str) else args
        code, out, err = self(argv, account, now)
        assert code == 0, (argv, err)
        return out.strip()


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "data").mkdir(exist_ok=True)
    mp.setenv("TUI_OFFICE_CONFIG", str(home / "config" / "tui-office" / "config.toml"))
    mp.setenv("XDG_CONFIG_HOME", str(home / "config"))
    mp.setenv("XDG_DATA_HOME", str(home / "data"))
    mp.delenv("TUI_OFFICE_DB", raising=False)


def _settle(db: Path) -> None:
    """Fold the write-ahead log into the file, so a plain copy of it is the whole office."""
    with contextlib.closing(sqlite3.connect(db)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# ----------------------------------------------------------------------------- the two offices


def build_real(folder: Path) -> Office:
    """A real office made as an office would make it: `init --admin`, `users add`, no demo mark."""
    db = folder / "office.db"
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, folder / "_home")
        run = Runner(mp, db)
        run.ok(["init", "--admin", "boss", "The Boss"], "boss")
        for login in ("ivy", "dave", "erin", "carol", "frank", "gone"):
            run.ok(["users", "add", login, login.title()], "boss")
        run.ok("users deactivate gone", "boss")
        a = run.ok(["submit", "general_request", "--set", "subject=New chair", "--set", "details=Mine broke"], "ivy")
        run.ok(f"act delegate {a} --to dave --comment yours", "boss")   # the admin hands it on
        run.ok(f"act cc {a} --to carol", "ivy")
        run.ok("users add root Root --role admin", "boss")             # an admin who never saw A
        draft = run.ok(["submit", "general_request", "--draft", "--set", "subject=Half done"], "ivy")
        own = {"initiator": a}
        for actor, login in (("assignee", "dave"), ("clerk", "erin"), ("cc", "carol"), ("admin", "root")):
            own[actor] = run.ok(["submit", "general_request", "--set", f"subject={login}'s own",
                                 "--set", "details=D"], login)
        backup = folder / "backup.db"
        run.ok(["backup", str(backup)], "boss")
    _settle(db)
    people = {"initiator": "ivy", "assignee": "dave", "clerk": "erin", "cc": "carol", "manager": None, "hr": None,
              "admin": "root", "unknown": None, "owner": None}
    return Office("real", db, backup, people, _accounts(people), own,
                  {"A": a, "DRAFT": draft, "LEAVE": "-", "INITIATOR": "ivy", "ASSIGNEE": "dave", "OUTSIDER": "frank",
                   "GONE": "gone", "FLIP": "true", "FORMS": _changed_forms(folder)}, None)


def build_demo(folder: Path) -> Office:
    """The demo office (`init --demo`), with a purchase request half-way and an approved leave."""
    db = folder / "demo.db"
    then = "2026-11-23T09:00"
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, folder / "_home")
        run = Runner(mp, db)
        run.ok("init --demo", "admin", then)
        a = run.ok(["submit", "purchase_request", "--set", "item=Desk", "--set", "quantity=1", "--set", "amount=800",
                    "--set", "reason=New hire"], "emily", then)
        run.ok(f"act approve {a} --comment ok", "zhaolei", then)     # director step done: now the vice president
        run.ok(f"act cc {a} --to linna", "emily", then)
        draft = run.ok(["submit", "general_request", "--draft", "--set", "subject=Half done"], "emily", then)
        leave = run.ok(["submit", "leave", "--set", "type=personal", "--set", "start=2026-11-25", "--set",
                        "end=2026-11-25", "--set", "reason=Moving house", "--set", "handover=zhouqiang"], "emily", then)
        for login in ("zhaolei", "liuwei", "zhangli"):                # manager, general manager, HR records it
            run.ok(f"act approve {leave} --comment ok", login, then)
        run.ok("users add gone Gone", "admin", then)
        run.ok("users deactivate gone", "admin", then)
        own = {"initiator": a}
        for actor, login in (("assignee", "chenjing"), ("clerk", "david"), ("cc", "linna"), ("manager", "zhaolei"),
                             ("hr", "wangfang"), ("admin", "admin")):
            own[actor] = run.ok(["submit", "general_request", "--set", f"subject={login}'s own",
                                 "--set", "details=D"], login, then)
        backup = folder / "backup.db"
        run.ok(["backup", str(backup)], "admin", then)
    _settle(db)
    people = {"initiator": "emily", "assignee": "chenjing", "clerk": "david", "cc": "linna", "manager": "zhaolei",
              "hr": "wangfang", "admin": "admin", "unknown": None, "owner": None}
    return Office("demo", db, backup, people, _accounts(people), own,
                  {"A": a, "DRAFT": draft, "LEAVE": leave, "INITIATOR": "emily", "ASSIGNEE": "chenjing",
                   "OUTSIDER": "zhouqiang", "GONE": "gone", "FLIP": "false", "FORMS": _changed_forms(folder)},
                  "2026-11-26T10:00")


def _changed_forms(folder: Path) -> str:
    forms = folder / "forms"
    forms.mkdir()
    text = (bundled("data", "forms", "general_request.toml").read_text(encoding="utf-8")
            .replace("allow_self_approval = false", "allow_self_approval = true"))
    (forms / "general_request.toml").write_text(text, encoding="utf-8")
    return str(forms)


def _accounts(people: dict[str, str | None]) -> dict[str, str]:
    accounts = {actor: login for actor, login in people.items() if login}
    return {**accounts, "unknown": UNKNOWN_ACCOUNT, "owner": OWNER_ACCOUNT}


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Office]:
    return {"real": build_real(tmp_path_factory.mktemp("real")), "demo": build_demo(tmp_path_factory.mktemp("demo"))}


# ----------------------------------------------------------------------------- the cases


def _cases() -> list:
    out = []
    for command, (_, real, demo) in TABLE.items():
        for kind, allowed in (("real", real), ("demo", demo)):
            if allowed == "-":
                continue
            for actor in EVERYONE.split():
                if kind == "real" and actor in ("manager", "hr"):
                    continue
                if command.endswith(" own") and actor in ("unknown", "owner"):
                    continue
                verdict = "allowed" if actor in allowed.split() else "refused"
                out.append(pytest.param(kind, command, actor, verdict, id=f"{kind}-{command}-{actor}-{verdict}"))
    return out


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in order: what "nothing changed" is checked against. Full-text
    indexes (virtual tables and their own tables) are left out: the text they index is in
    `search_doc`, which is compared."""
    with contextlib.closing(sqlite3.connect(db)) as con:
        virtual = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
        tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                  if not any(name == v or name.startswith(f"{v}_") for v in virtual)]
        return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in tables}


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm", "-journal"))}


@pytest.mark.parametrize(("kind", "command", "actor", "verdict"), _cases())
def test_permission(offices: dict[str, Office], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    kind: str, command: str, actor: str, verdict: str) -> None:
    office = offices[kind]
    case = tmp_path / "case"
    case.mkdir()
    db = case / office.template.name
    shutil.copyfile(office.template, db)
    backup = case / "backup.db"
    shutil.copyfile(office.backup, backup)
    values = {**office.values, "OWN": office.own.get(actor, office.values["A"]), "DIR": str(case),
              "BACKUP": str(backup)}
    argv = [part.format(**values) for part in TABLE[command][0].split()]
    before, files_before = snapshot(db), files(case)

    run = Runner(monkeypatch, db)
    code, out, err = run(argv, office.accounts[actor], office.now)

    assert "Traceback" not in err, err
    if verdict == "allowed":
        assert code == 0, f"{kind} office: {actor} ({office.people[actor]}) was refused `{' '.join(argv)}`: {err}"
        return
    assert code in (1, 2), f"{kind} office: {actor} ({office.people[actor]}) may not `{' '.join(argv)}`, got: {out}"
    assert len(err.strip().splitlines()) == 1, err
    after = snapshot(db)
    audit_before, audit_after = before.pop("action"), after.pop("action")
    assert after == before, f"{command}: a refused command changed the database"
    assert audit_after[:len(audit_before)] == audit_before
    added = [row for row in audit_after[len(audit_before):]]
    if command in SWITCHES and not (kind == "demo"):
        assert len(added) == 1 and "switch_refused" in added[0], added
    else:
        assert added == [], f"{command}: a refused command left audit rows"
    assert files(case) == files_before, "a refused command made or removed a file"


def test_the_table_names_every_actor_it_allows() -> None:
    """A typo in the table would quietly turn an "allowed" into a "refused"."""
    actors = set(EVERYONE.split())
    for command, (_, real, demo) in TABLE.items():
        for allowed in (real, demo):
            if allowed != "-":
                assert set(allowed.split()) <= actors, command
