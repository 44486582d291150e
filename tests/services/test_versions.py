"""A document in flight keeps the definition version it started with."""

from __future__ import annotations

from tests.services.conftest import make_office
from tui_office.services import queries, registry, workflow
from tui_office.services.decisions import act


def test_in_flight_document_keeps_its_version_after_the_file_changes(tmp_path):
    office = make_office(tmp_path, mode="one")
    old = workflow.submit(office, "emily", "t_modes", {"subject": "old rules"})
    assert queries.show(office, "emily", old).version == 1

    # The office changes the form: the panel becomes the general manager alone.
    path = tmp_path / "forms" / "t_modes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('assignee = { user = ["hejun", "linna", "wuhong"] }', 'assignee = { role = "gm" }'),
                    encoding="utf-8")
    registry.forget_sync()

    new = workflow.submit(office, "emily", "t_modes", {"subject": "new rules"})
    assert queries.show(office, "emily", new).version == 2
    assert [a.login for a in queries.show(office, "emily", new).current_steps[0].assignees] == ["liuwei"]

    old_view = queries.show(office, "emily", old)
    assert old_view.version == 1
    assert sorted(a.login for a in old_view.current_steps[0].assignees) == ["hejun", "linna", "wuhong"]
    act(office, "linna", "approve", old)
    assert queries.show(office, "emily", old).status == "approved"
    assert [f.version for f in queries.all_forms(office) if f.id == "t_modes"] == [2]
    office.close()


def test_unchanged_files_do_not_make_new_versions(tmp_path):
    office = make_office(tmp_path)
    workflow.submit(office, "emily", "general_request", {"subject": "a", "details": "b"})
    registry.forget_sync()
    workflow.submit(office, "emily", "general_request", {"subject": "a", "details": "b"})
    assert [f.version for f in queries.all_forms(office) if f.id == "general_request"] == [1]
    office.close()
