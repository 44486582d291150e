"""Who the user is and who may administer a real (non-demo) office, through the services.

A real office knows each user by their OS account; acting as someone else needs an admin or the
office's `security.allow_user_switch`; user administration and settings are admin only, audited;
the last admin stays; reminders run as the database's owner or an admin.
"""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path

import pytest

from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import away, directory, identity, office_settings, permissions
from tui_office.services.office import Office
from tui_office.store.models import Action

from tests.services.conftest import START


@pytest.fixture
def real_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    """A non-demo office: `boss` (the first user, so its admin, OS account `boss-os`), clerks
    `clara` (OS account `clara`, by name) and `dave` (OS account `d.smith`)."""
    monkeypatch.setattr(permissions, "os_account", lambda: "boss-os")
    office = Office.open(Settings(), tmp_path / "office.db", clock=FixedClock(START))
    directory.add_user(office, "boss", "The Boss")
    directory.add_user(office, "clara", "Clara", by="boss")
    directory.add_user(office, "dave", "Dave", os_login="d.smith", by="boss")
    yield office
    office.close()


def actions(name: str) -> list[Action]:
    return list(Action.select().where(Action.action == name).order_by(Action.id))


def test_the_first_user_becomes_an_admin_bound_to_the_os_account(real_office: Office) -> None:
    boss = identity.identify(real_office, None, account="boss-os")
    assert boss.login == "boss" and "admin" in boss.roles
    assert permissions.is_admin("boss") and not permissions.is_admin("clara")
    assert [a.changes["login"] for a in actions("user_add")] == ["boss", "clara", "dave"]


def test_each_user_is_known_by_their_os_account(real_office: Office) -> None:
    assert identity.identify(real_office, None, account="clara").login == "clara"
    assert identity.identify(real_office, "clara", account="clara").login == "clara"
    assert identity.identify(real_office, None, account="d.smith").login == "dave"
    with pytest.raises(OfficeError) as caught:
        identity.identify(real_office, None, account="dave")  # dave's account is d.smith, not dave
    assert caught.value.code == "unknown_os_user"


def test_a_clerk_cannot_act_as_someone_else_and_the_attempt_is_recorded(real_office: Office) -> None:
    with pytest.raises(PermissionDenied) as caught:
        identity.identify(real_office, "boss", account="clara")
    assert caught.value.code == "user_switch_refused"
    assert "\n" not in str(caught.value)
    [row] = actions("switch_refused")
    assert row.actor.login == "clara"
    assert row.changes == {"os_account": "clara", "requested": "boss"}
    with pytest.raises(PermissionDenied):  # an unknown account may not name anyone either
        identity.identify(real_office, "clara", account="stranger")
    assert len(actions("switch_refused")) == 2


def test_the_config_user_is_held_to_the_same_rule(real_office: Office) -> None:
    real_office.settings.user = "boss"
    with pytest.raises(PermissionDenied):
        identity.identify(real_office, None, account="clara")
    real_office.settings.user = "clara"
    assert identity.identify(real_office, None, account="clara").login == "clara"


def test_an_admin_may_act_as_anyone_and_the_office_may_allow_everyone(real_office: Office) -> None:
    assert identity.identify(real_office, "clara", account="boss-os").login == "clara"
    with pytest.raises(PermissionDenied):
        office_settings.set_setting(real_office, "clara", "security.allow_user_switch", "true")
    assert office_settings.get(real_office, "security.allow_user_switch") is False
    assert office_settings.set_setting(real_office, "boss", "security.allow_user_switch", "yes") is True
    [row] = actions("setting_set")
    assert row.actor.login == "boss"
    assert row.changes == {"key": "security.allow_user_switch", "from": "false", "to": "true"}
    assert identity.identify(real_office, "dave", account="clara").login == "dave"


def test_settings_are_typed_and_known(real_office: Office) -> None:
    for key, value, code in [("security.allow_user_switch", "maybe", "bad_setting_value"),
                             ("security.no_such_thing", "true", "unknown_setting"),
                             ("office.demo", "true", "setting_read_only"),
                             ("workday.morning_start", None, "bad_setting_time"),
                             ("workday.morning_start", "9:00", "bad_setting_time"),
                             ("workday.afternoon_start", "07:00", "setting_not_after")]:
        with pytest.raises(OfficeError) as caught:
            office_settings.set_setting(real_office, "boss", key, value)
        assert caught.value.code == code
    fixed = {s.key: s.value for s in office_settings.list_settings(real_office) if not s.key.startswith("forms.")}
    assert fixed == {"files.store": False, "office.demo": False, "security.allow_user_switch": False,
                     "security.require_pin": False, "security.pin_min_length": 6, "security.pin_max_tries": 5,
                     "security.pin_lock_minutes": 15, "security.inactive_days": 90,
                     "workday.morning_start": time(9, 0), "workday.afternoon_start": time(13, 0)}
    assert actions("setting_set") == []


def test_only_admins_administer_users(real_office: Office) -> None:
    for call in (lambda: directory.add_user(real_office, "eve", "Eve", roles=["admin"], by="clara"),
                 lambda: directory.add_user(real_office, "eve", "Eve"),
                 lambda: directory.deactivate_user(real_office, "boss", by="clara"),
                 lambda: directory.deactivate_user(real_office, "clara", by="clara"),
                 lambda: directory.reactivate_user(real_office, "clara", by="dave"),
                 lambda: directory.set_os_login(real_office, "clara", "boss-os", by="clara")):
        with pytest.raises(PermissionDenied) as caught:
            call()
        assert caught.value.code == "admin_only"
    assert [u.login for u in directory.list_users(real_office)] == ["boss", "clara", "dave"]
    assert permissions.require_admin("boss").login == "boss"


def test_the_last_admin_cannot_be_deactivated(real_office: Office) -> None:
    with pytest.raises(PermissionDenied) as caught:
        directory.deactivate_user(real_office, "boss", by="boss")
    assert caught.value.code == "last_admin"
    directory.add_user(real_office, "second", "Second admin", roles=["admin"], by="boss")
    directory.deactivate_user(real_office, "boss", by="boss")  # now another admin remains
    assert not permissions.is_admin("boss")
    with pytest.raises(PermissionDenied):
        directory.deactivate_user(real_office, "second", by="second")
    directory.reactivate_user(real_office, "boss", by="second")
    assert permissions.is_admin("boss")
    assert [a.changes["login"] for a in actions("user_deactivate")] == ["boss"]
    assert [a.changes["login"] for a in actions("user_reactivate")] == ["boss"]


def test_a_deactivated_user_cannot_sign_in_until_reactivated(real_office: Office) -> None:
    directory.deactivate_user(real_office, "clara", by="boss")
    with pytest.raises(OfficeError) as caught:
        identity.identify(real_office, None, account="clara")
    assert caught.value.code == "unknown_os_user"
    directory.reactivate_user(real_office, "clara", by="boss")
    assert identity.identify(real_office, None, account="clara").login == "clara"


def test_an_admin_binds_a_user_to_another_os_account(real_office: Office) -> None:
    directory.set_os_login(real_office, "clara", "c.jones", by="boss")
    assert identity.identify(real_office, None, account="c.jones").login == "clara"
    with pytest.raises(OfficeError):
        identity.identify(real_office, None, account="clara")
    with pytest.raises(OfficeError) as caught:
        directory.set_os_login(real_office, "dave", "c.jones", by="boss")
    assert caught.value.code == "duplicate"
    directory.set_os_login(real_office, "clara", "", by="boss")
    assert identity.identify(real_office, None, account="clara").login == "clara"
    assert [a.changes for a in actions("user_set_os_login")] == [
        {"login": "clara", "from": "", "to": "c.jones"}, {"login": "clara", "from": "c.jones", "to": ""}]


def test_reminders_run_as_the_database_owner_or_an_admin(real_office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    assert permissions.owns_database(real_office)
    assert away.remind(real_office) == []
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)  # someone else's account
    with pytest.raises(PermissionDenied) as caught:
        away.remind(real_office)
    assert caught.value.code == "remind_not_allowed"
    with pytest.raises(PermissionDenied):
        away.remind(real_office, by="clara")
    assert away.remind(real_office, by="boss") == []


def test_the_demo_office_is_marked_and_lets_anyone_switch(office: Office) -> None:
    assert office_settings.is_demo(office)
    assert office_settings.get(office, "security.allow_user_switch") is True
    assert identity.identify(office, "zhaolei", account="whoever").login == "zhaolei"
    office_settings.set_setting(office, "admin", "security.allow_user_switch", "false")
    with pytest.raises(PermissionDenied):
        identity.identify(office, "zhaolei", account="wangfang")
    from tui_office.services import demo

    demo.load_office(office)  # loading the demo again keeps the admin's choice
    assert office_settings.get(office, "security.allow_user_switch") is False
