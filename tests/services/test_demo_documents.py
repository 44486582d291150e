"""The demo office opens on live documents in every state, and loading twice adds nothing."""

from __future__ import annotations

from tui_office.services import archive, audit, demo_documents, queries, submit_for_choices


def test_demo_documents_cover_every_state(office):
    assert demo_documents.load_documents(office) > 0
    assert demo_documents.load_documents(office) == 0
    statuses = {queries.show(office, "admin", f"GR-2026-{n:04d}").status for n in range(1, 9)}
    assert {"approved", "rejected", "returned", "withdrawn", "in_progress"} <= statuses
    counts = queries.counts(office, "wangfang")
    assert counts["todo"] >= 3 and counts["cc"] == 1 and counts["drafts"] == 2 and counts["submitted"] == 1
    [for_sunyan] = [row.number for row in queries.inbox(office, "wangfang", "drafts").rows if row.form_id == "leave"]
    assert submit_for_choices.recorded(office, "wangfang", for_sunyan) == "sunyan"  # a sick leave HR fills in for her
    assert any(row.overdue for row in queries.inbox(office, "wangfang").rows)
    assert audit.verify().ok
    assert [(o.login, o.number, o.grant) for o in archive.openings(office, "zhangli") if o.login != "admin"] == [
        ("zhangli", "GR-2026-0001", ""), ("mayu", "GR-2026-0001", "DA-2026-0002"),
        ("luoping", "GR-2026-0002", "DA-2026-0001")]
    # the access requests: one over, one in force (mayu may read GR-2026-0001 today), one waiting
    assert queries.show(office, "mayu", "GR-2026-0001").archived
    assert queries.show(office, "zhangli", "DA-2026-0003").current_steps[0].step == "keeper"
    # a supplies slip left with the sales manager went up to the general manager by its timeout
    [escalated] = [row for row in queries.inbox(office, "liuwei").rows if row.escalated]
    assert escalated.form_id == "office_supplies" and escalated.from_name == "Emily Carter"
    # the phone forms: a line moved, one waiting for the sales manager, a register at finance's bill check
    assert [queries.show(office, "admin", f"PL-2026-{n:04d}").status for n in (1, 2)] == ["approved", "in_progress"]
    register = queries.show(office, "wuhong", "PU-2026-0001")
    assert register.current_steps[0].step == "bill_check" and register.fields["total_minutes"] == 45
    # the sales manager's waiting general requests went to 王芳 when his trade-fair stand-in began
    handed = [row for row in queries.inbox(office, "wangfang").rows if row.title == "展会名片加印"]
    assert len(handed) == 1
    [entry] = [h for h in queries.show(office, "wangfang", handed[0].number).history if h.action == "hand-over"]
    assert entry.detail.startswith("handed over to 王芳, standing in for 赵磊 (")
