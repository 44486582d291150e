"""Provides `FormTitles`: what a list shows of a stored form version — its title and the titles
of its steps and follow-ups, in both languages — without the version's rules.

A list of tasks names each row's form and step. Reading a whole definition for that means loading
the code of every rule a form can hold (fields, expressions, checks, triggers) before the first
row is on screen; a version's titles are kept on their own (`parsed_forms.titles`), so the list is
labelled first and the rules load when a document is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_office.i18n import pick

if TYPE_CHECKING:
    from tui_office.domain.definitions import FormDef

Pair = tuple[str, str]
"""A title in English and in Chinese (either may be empty)."""


@dataclass(frozen=True)
class FormTitles:
    """The titles of one stored form version."""

    form: Pair
    steps: dict[str, Pair]
    """Each step's title by step id."""
    followups: dict[str, Pair]
    """Each follow-up the version declares, by id (empty: it declares none, and a follow-up task
    takes its title from the form's newest version)."""

    @classmethod
    def of(cls, form: FormDef) -> FormTitles:
        return cls((form.title_en, form.title_zh), {step.id: (step.title_en, step.title_zh) for step in form.steps},
                   {followup.id: (followup.title_en, followup.title_zh) for followup in form.followups})

    @property
    def title(self) -> str:
        """The form's title in the current language (as `FormDef.title`)."""
        return pick(*self.form)

    def step_title(self, step_id: str) -> str | None:
        """The title of step `step_id` (as `StepDef.title`), else of the follow-up of that id the
        version declares (as `FollowupDef.title`); None when it has neither (a follow-up of a
        tracked row, or one the version leaves to the newest: the whole definition tells)."""
        pair = self.steps.get(step_id)
        if pair is not None:
            return pick(*pair) or step_id
        pair = self.followups.get(step_id)
        return pick(*pair) if pair is not None else None
