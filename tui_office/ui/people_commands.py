"""Provides the people of the command palette: type a name, login or pinyin (`wf`, `wangfang`,
`王芳`) and pick a person to list what they started in the inbox's filter.

People are read once, in a thread, when the palette opens; the search is the pickers' own
(`services/people_search`). Offered only on a screen that can filter by a person (the inbox).
"""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from tui_office.i18n import t

MAX_PEOPLE = 8
"""How many people the palette offers at most."""


class PeopleCommands(Provider):
    """Find a person by name, login, department or pinyin; show what they started."""

    people: list = []

    async def startup(self) -> None:
        if not hasattr(self.screen, "filter_by"):
            return
        from tui_office.services import directory

        app = self.app
        self.people = await asyncio.to_thread(directory.list_users, app.office)

    async def search(self, query: str) -> Hits:
        if not query.strip() or not self.people:
            return
        from tui_office.services.people_search import search

        found = search(query, self.people, lambda u: (u.name, u.login, u.department, u.name_en))
        for rank, person in enumerate(found[:MAX_PEOPLE]):
            label = f"{person.name} ({person.login}) · {person.department}"
            yield Hit(1.0 - rank / 100, label, partial(self.screen.filter_by, person.name),
                      text=label, help=t("palette.person_help", name=person.name))
