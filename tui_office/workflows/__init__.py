"""Business-area packages (leave, and the areas to come), one package each.

Each exports `WORKFLOW = Workflow(...)` (see `tui_office.extensions`). The core never imports this
package: it reads the module names in `registry.INSTALLED` and imports them by name.
"""
