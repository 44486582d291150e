"""A list labels its rows from a stored version's titles, kept apart from the whole definition
(`parsed_forms.titles`): they must name every form, step and follow-up exactly as the definition
does, in both languages, and a follow-up they do not name must still be titled."""

from __future__ import annotations

import pytest

from tests.factories import demo_office
from tui_office import parsed_forms
from tui_office.i18n import set_language
from tui_office.services import registry


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_titles_name_every_form_step_and_follow_up_as_the_definition_does(tmp_path, lang):
    office = demo_office(tmp_path)
    try:
        set_language(lang)
        forms = registry.all_latest(office)
        assert any(form.followups for _, form in forms), "the demo has a form with follow-ups"
        for row, form in forms:
            parsed_forms.titles.cache_clear()  # read back from the cache folder, not this process
            titles = registry.titles_by_definition_id(office, row.id)
            assert titles.title == form.title
            for step in form.steps:
                assert titles.step_title(step.id) == step.title
            for followup in form.followups:
                assert titles.step_title(followup.id) == followup.title
            assert titles.step_title("no-such-step") is None
    finally:
        set_language("en")
        office.close()
