"""PINs as the services hold them: the lock after wrong tries and its end, the hash-only storage,
an administrator's reset, and who signs in when an administrator acts as someone else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_office.domain.errors import OfficeError
from tui_office.services import identity, office_settings, pins, signing
from tui_office.services.office import Office
from tui_office.store.models import Action, User

from tests.factories import demo_office


@pytest.fixture
def office(tmp_path: Path) -> Office:
    """The demo office requiring PINs; xuhao has the PIN `xu-12345`."""
    office = demo_office(tmp_path)
    office_settings.set_setting(office, "admin", "security.require_pin", "true")
    pins.set_pin(office, "xuhao", "xu-12345")
    yield office
    signing.forget()
    office.close()


def refusal(office: Office, pin: str) -> str:
    with pytest.raises(OfficeError) as caught:
        pins.sign_in(office, "xuhao", pin)
    return caught.value.code


def test_five_wrong_pins_lock_the_account_and_the_lock_runs_out(office: Office) -> None:
    assert [refusal(office, "wrong-pin") for _ in range(5)] == ["pin_wrong"] * 4 + ["pin_locked"]
    assert refusal(office, "xu-12345") == "pin_locked", "the right PIN does not open a locked account"
    rows = [a.action for a in Action.select().where(Action.action.in_(["pin_failed", "pin_locked"]))]
    assert rows == ["pin_failed"] * 4 + ["pin_locked"]
    office.clock.advance(minutes=14)
    assert refusal(office, "xu-12345") == "pin_locked"
    office.clock.advance(minutes=2)
    pins.sign_in(office, "xuhao", "xu-12345")
    assert refusal(office, "wrong-pin") == "pin_wrong", "a fresh start: one wrong try does not lock again"


def test_the_lock_follows_the_office_settings(office: Office) -> None:
    office_settings.set_setting(office, "admin", "security.pin_max_tries", "2")
    office_settings.set_setting(office, "admin", "security.pin_lock_minutes", "60")
    assert [refusal(office, "nope-nope") for _ in range(2)] == ["pin_wrong", "pin_locked"]
    office.clock.advance(minutes=59)
    assert refusal(office, "xu-12345") == "pin_locked"
    with pytest.raises(OfficeError) as caught:
        office_settings.set_setting(office, "admin", "security.pin_max_tries", "0")
    assert caught.value.code == "bad_setting_number"


def test_only_a_hash_of_the_pin_is_stored(office: Office) -> None:
    stored = User.get(User.login == "xuhao").pin_hash
    assert stored.startswith("$argon2id$") and "xu-12345" not in stored
    office.close()
    for path in Path(office.target).parent.glob("office.db*"):
        assert b"xu-12345" not in path.read_bytes(), path


@pytest.mark.parametrize("pin", ["12345", "abc\x1bdef", " spaced-pin", "x" * 129, 123456])
def test_a_bad_new_pin_is_refused_and_changes_nothing(office: Office, pin: object) -> None:
    before = Action.select().count()
    with pytest.raises(OfficeError) as caught:
        pins.set_pin(office, "wangfang", pin)
    assert caught.value.code in {"pin_too_short", "pin_invalid"}
    assert not pins.has_pin("wangfang") and Action.select().count() == before


def test_changing_a_pin_needs_the_old_one(office: Office) -> None:
    with pytest.raises(OfficeError) as caught:
        pins.set_pin(office, "xuhao", "new-pin-99", "not-the-pin")
    assert caught.value.code == "pin_wrong"
    pins.set_pin(office, "xuhao", "new-pin-99", "xu-12345")
    assert refusal(office, "xu-12345") == "pin_wrong"
    pins.sign_in(office, "xuhao", "new-pin-99")


def test_an_admin_reset_makes_the_user_choose_a_new_pin(office: Office) -> None:
    with pytest.raises(OfficeError) as caught:
        pins.reset_pin(office, "wangfang", "xuhao")
    assert caught.value.code == "admin_only"
    [refusal(office, "wrong-pin") for _ in range(5)]
    pins.reset_pin(office, "admin", "xuhao")
    assert refusal(office, "xu-12345") == "pin_not_set"
    pins.set_pin(office, "xuhao", "fresh-pin-1")
    pins.sign_in(office, "xuhao", "fresh-pin-1")
    assert [a.action for a in Action.select().where(Action.subject_user == User.get(User.login == "xuhao").id)
            .order_by(Action.id)][-3:] == ["pin_set", "pin_reset", "pin_set"]


def test_an_admin_acting_as_someone_else_signs_in_with_their_own_pin(tmp_path: Path, monkeypatch) -> None:
    office = demo_office(tmp_path)
    office_settings.set_setting(office, "admin", "security.allow_user_switch", "false")
    office_settings.set_setting(office, "admin", "security.require_pin", "true")
    pins.set_pin(office, "admin", "admin-pin-1")
    who = identity.resolve(office, "xuhao", account="admin")
    assert (who.user.login, who.signer, who.own) == ("xuhao", "admin", False)
    asked = []
    assert identity.sign_in(office, "xuhao", lambda: asked.append(1) or "admin-pin-1", account="admin").user.login == "xuhao"
    assert asked == [1]
    with pytest.raises(OfficeError) as caught:
        identity.sign_in(office, "xuhao", lambda: "xu-12345", account="admin")
    assert caught.value.code == "pin_wrong"
    signing.forget()
    office.close()
