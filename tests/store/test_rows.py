"""`store/rows.fetch`: model instances from fixed SQL, the same as Peewee's own queries give."""

from __future__ import annotations

from tests.factories import demo_office
from tui_office.store.models import Department, User
from tui_office.store.rows import fetch


def test_fetched_rows_are_the_rows_a_select_gives_and_unchanged(tmp_path):
    office = demo_office(tmp_path)
    try:
        fetched = fetch(User, 'SELECT * FROM "user" ORDER BY id')
        selected = list(User.select().order_by(User.id))
        assert [u.__data__ for u in fetched] == [u.__data__ for u in selected]
        assert all(not u._dirty for u in fetched), "nothing to write back"
        someone = next(u for u in fetched if u.department_id is not None)
        assert someone.department == Department.get_by_id(someone.department_id), "a foreign key still loads"
    finally:
        office.close()


def test_other_columns_are_attributes_and_a_second_id_does_not_replace_the_first(tmp_path):
    office = demo_office(tmp_path)
    try:
        (row,) = fetch(User, 'SELECT u.*, d.id, COUNT(*) AS n FROM "user" u JOIN department d ON d.id = u.department_id '
                             "WHERE u.login = ? GROUP BY u.id, d.id", "liuwei")
        user = User.get(User.login == "liuwei")
        assert row.id == user.id and row.id_2 == user.department_id and row.n == 1
        assert row.login == "liuwei" and row.department_id == user.department_id
    finally:
        office.close()
