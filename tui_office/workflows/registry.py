"""Provides `INSTALLED`: the workflow packages shipped with tui-office, by module name.

An office adds its own with `TUI_OFFICE_WORKFLOWS=package.one,package.two`; tests add theirs with
`tui_office.extensions.install()`.
"""

INSTALLED: tuple[str, ...] = ("tui_office.workflows.leave", "tui_office.workflows.meetings",
                              "tui_office.workflows.contracts", "tui_office.workflows.sales",
                              "tui_office.workflows.seal")
