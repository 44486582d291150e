"""`tui-office` imports a command's module only when that command runs: starting the app loads
none of them, and every command's help and options are the same as with all of them loaded."""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap

from tests.factories import demo_office
from tui_office.cli import main as cli_main

SCRIPT = textwrap.dedent("""
    import sys
    import tui_office.ui.app

    started = []
    tui_office.ui.app.run_app = lambda office, me: started.append(me.login)
    from tui_office.cli.main import main

    code = main(["--db", sys.argv[1], "--user", "liuwei"])
    loaded = sorted(name for name in sys.modules if name.startswith("tui_office.cli.commands_"))
    print(code, started, loaded)
""")


def test_starting_the_app_imports_no_command_module(tmp_path):
    office = demo_office(tmp_path)
    office.close()
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(office.target)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0 ['liuwei'] []"


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path of `parser` with its parser: `("users",)`, `("users", "add")`, …"""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def _find(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    for name in path:
        parser = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
    return parser


def test_each_command_has_the_same_help_and_options_when_only_its_module_is_loaded():
    everything = cli_main.build_parser()
    paths = dict(_commands(everything))
    assert len(paths) > 40
    for path, full in paths.items():
        assert _find(cli_main.build_parser(list(path)), path).format_help() == full.format_help(), path


def test_the_list_of_commands_names_every_command_its_modules_register():
    listed = [name for names in cli_main.COMMANDS.values() for name in names]
    registered = []
    for module in cli_main.COMMANDS:
        sub = argparse.ArgumentParser().add_subparsers()
        cli_main._command_module(module).register(sub)
        registered.extend(sub.choices)
    assert listed == registered
