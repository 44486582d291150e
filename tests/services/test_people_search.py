"""People matching for the delegate picker: names, logins, departments, pinyin and initials."""

from tui_office.services.people_search import keys_for, matches, score, search

PEOPLE = [
    ("王芳", "wangfang", "General Administration", "Wang Fang"),
    ("李强", "liqiang", "Finance", "Li Qiang"),
    ("张伟", "zhangwei", "Sales", "Zhang Wei"),
    ("王伟", "wangwei", "Technical", "Wang Wei"),
    ("Alice Smith", "asmith", "Legal", ""),
]


def names(query: str) -> list[str]:
    return [p[0] for p in search(query, PEOPLE, lambda p: p)]


def test_pinyin_initials_find_wang_fang():
    assert names("wf") == ["王芳"]
    assert names("wangfang") == ["王芳"]


def test_partial_pinyin_and_syllables():
    assert names("wangf") == ["王芳"]
    assert "王芳" in names("fang")
    assert set(names("wang")) == {"王芳", "王伟"}


def test_chinese_characters_login_and_department():
    assert set(names("王")) == {"王芳", "王伟"}
    assert names("liqiang") == ["李强"]
    assert names("fin") == ["李强"]
    assert names("alice") == ["Alice Smith"]


def test_every_word_must_fit_and_empty_query_keeps_everyone():
    assert names("wang tech") == ["王伟"]
    assert names("") == [p[0] for p in PEOPLE]
    assert names("zzz") == []


def test_exact_matches_rank_first():
    assert names("zw")[0] == "张伟"
    assert score("wangwei", keys_for("王伟", "wangwei")) > score("wangwei", keys_for("王芳", "wangfang"))


def test_matches_helper():
    assert matches("wf", "王芳")
    assert not matches("wf", "李强", "liqiang")


def test_pinyin_is_loaded_only_when_a_chinese_name_is_spelled():
    import subprocess
    import sys

    code = ("import sys; import tui_office.ui.app, tui_office.ui.screens.form, tui_office.services.people_search as p;"
            " assert 'pypinyin' not in sys.modules, 'loaded at start-up';"
            " assert p.spelled('wf', '王芳') and 'pypinyin' in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
