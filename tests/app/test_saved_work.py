"""The planner's kept work outlives the app server: written to a file when it changes, read back (validated)
when the server's memory no longer has it; a broken or stale file is ignored, and a failed write is said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app_pages import saved_work
from wuzhen_geo.model import TODAY, AddLink, SetSpeed, apply_edit, read_work_and_draft, working_copy
from wuzhen_geo.model.editing import EditHistory


@pytest.fixture()
def work(mini_data):
    start = working_copy(TODAY, year=2030)
    one = apply_edit(start, AddLink(id="rl_custom_1", mode="rail", cls="intercity",
                                    stops=("city_wuzhen", "stn_tongxiang"), speed_kmh=160, headway_min=30,
                                    name_en="Mine *bold* <b>"), mini_data)
    two = apply_edit(one, SetSpeed("rd_expressway", 100), mini_data)
    history = EditHistory().push(("__today__", start)).push(("__today__", one))
    history, (start_name, shown) = history.undo(("__today__", two))  # one step undone: a redo waits
    return start_name, history, shown


@pytest.fixture(autouse=True)
def empty_memory():
    saved_work._store.clear()
    saved_work._drafts.clear()
    yield
    saved_work._store.clear()
    saved_work._drafts.clear()


DRAFT = {"_draft_pl_pf_name_en": "Half-done <b>link</b>", "_draft_pl_pf_speed_hsr": 185.0,
         "_keep_pl_a": "stn_tongxiang"}


def test_the_forms_draft_is_found_again_after_a_restart(tmp_path, work, mini_data, monkeypatch):
    """What was typed before "Add" was kept only by the browser session: a reload lost it. The work and its
    draft come from one reading of the file."""
    token = saved_work.new_token()
    saved_work.save(token, work, folder=tmp_path)
    saved_work.save_draft(token, DRAFT, folder=tmp_path)
    saved_work._store.clear()
    saved_work._drafts.clear()  # the server restarted
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))
    kept, draft = saved_work.load_with_draft(token, mini_data, folder=tmp_path)
    assert draft == DRAFT and kept[2] == work[2]  # the work beside it
    assert reads == [tmp_path / f"{token}.json"]


def test_an_edit_after_the_draft_keeps_it_in_the_file(tmp_path, work, mini_data):
    token = saved_work.new_token()
    saved_work.save(token, work, folder=tmp_path)
    saved_work.save_draft(token, DRAFT, folder=tmp_path)
    saved_work.save(token, (work[0], work[1], working_copy(TODAY)), folder=tmp_path)
    assert read_work_and_draft(tmp_path / f"{token}.json", mini_data)[1] == DRAFT
    path = tmp_path / f"{token}.json"
    path.write_text("{}", encoding="utf-8")
    saved_work.save_draft(token, dict(DRAFT), folder=tmp_path)  # unchanged: no write
    assert path.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("draft", ['{"x": [1, 2]}', '{"x": NaN}', '"text"', '{"x": "%s"}' % ("a" * 201)])
def test_a_draft_that_is_not_a_few_texts_and_numbers_is_left_out_and_the_work_stands(tmp_path, work, mini_data,
                                                                                     draft):
    token = saved_work.new_token()
    saved_work.save(token, work, folder=tmp_path)
    path = tmp_path / f"{token}.json"
    doc = path.read_text(encoding="utf-8")
    path.write_text(doc[:-1] + ', "draft": ' + draft + "}", encoding="utf-8")
    saved_work._store.clear()
    kept, kept_draft = saved_work.load_with_draft(token, mini_data, folder=tmp_path)
    assert kept_draft == {} and kept[2] == work[2]


def test_work_is_found_again_after_a_restart(tmp_path, work, mini_data):
    token = saved_work.new_token()
    saved_work.save(token, work, folder=tmp_path)
    assert (tmp_path / f"{token}.json").is_file()
    saved_work._store.clear()  # the server restarted: its memory is gone
    start, history, scenario = saved_work.load(token, mini_data, folder=tmp_path)
    assert (start, scenario) == (work[0], work[2])
    assert history.past == work[1].past and history.future == work[1].future
    assert history.limit == work[1].limit and history.can_redo


def test_an_unchanged_save_does_not_write_again(tmp_path, work):
    token = saved_work.new_token()
    saved_work.save(token, work, folder=tmp_path)
    path = tmp_path / f"{token}.json"
    path.write_text("{}", encoding="utf-8")
    saved_work.save(token, work, folder=tmp_path)  # the same objects: nothing changed, no write
    assert path.read_text(encoding="utf-8") == "{}"
    saved_work.save(token, (work[0], work[1], working_copy(TODAY)), folder=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1


@pytest.mark.parametrize("content", [
    "not json", "{}", '{"format": 99}', "[1, 2]",
    '{"format": 1, "start": "x", "scenario": "name: a\\nedits: [{type: set_speed, link: nowhere, speed_kmh: 50}]\\n",'
    ' "past": [], "future": [], "limit": 50}',  # a link the data no longer has
    '{"format": 1, "start": "x", "scenario": 5, "past": [], "future": [], "limit": 50}',
])
def test_a_broken_or_stale_file_is_not_restored_and_the_page_says_so(tmp_path, mini_data, content, monkeypatch):
    said = []
    monkeypatch.setattr(saved_work.st, "warning", lambda text, **kw: said.append(text))
    token = saved_work.new_token()
    (tmp_path / f"{token}.json").write_text(content, encoding="utf-8")
    assert saved_work.load(token, mini_data, folder=tmp_path) is None
    assert len(said) == 1 and "could not be restored" in said[0] and "无法恢复" in said[0]
    if "nowhere" in content:  # the reason names what no longer fits
        assert "nowhere" in said[0]


def test_no_file_under_a_token_is_not_an_error_but_is_said(tmp_path, mini_data, monkeypatch):
    """A shared address whose work is gone silently started an empty plan under a new token."""
    said, told = [], []
    monkeypatch.setattr(saved_work.st, "warning", lambda text, **kw: said.append(text))
    monkeypatch.setattr(saved_work.st, "info", lambda text, **kw: told.append(text))
    assert saved_work.load(saved_work.new_token(), mini_data, folder=tmp_path) is None and said == []
    assert len(told) == 1 and "a new plan starts" in told[0] and "已开始新的方案" in told[0]
    assert saved_work.load(None, mini_data, folder=tmp_path) is None and len(told) == 1  # no address: nothing to say


def test_a_token_that_is_not_one_reads_no_file(tmp_path, mini_data):
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    assert saved_work.load("../x", mini_data, folder=tmp_path) is None
    assert saved_work.load("x", mini_data, folder=tmp_path) is None


def test_a_failed_write_is_said_and_the_work_stays_in_memory(tmp_path, work, mini_data, monkeypatch):
    said = []
    monkeypatch.setattr(saved_work.st, "warning", lambda text, **kw: said.append(text))
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    token = saved_work.new_token()
    saved_work.save(token, work, folder=blocked / "work")
    assert len(said) == 1 and "could not be saved" in said[0] and "无法" in said[0]
    assert saved_work.load(token, mini_data, folder=blocked / "work") is work


def test_only_the_latest_files_are_kept(tmp_path, work, monkeypatch):
    monkeypatch.setattr(saved_work, "_KEEP", 3)
    tokens = [saved_work.new_token() for _ in range(5)]
    for i, token in enumerate(tokens):
        saved_work.save(token, (work[0], work[1], working_copy(TODAY, year=2030 + i)), folder=tmp_path)
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(tokens[-3:])


def _link_form_page():
    import streamlit as st

    from app_pages import planner_forms
    st.session_state["shown"] = planner_forms.link_form("pl_pf", "en")


def test_a_kept_draft_of_the_wrong_kind_or_out_of_range_is_not_shown_as_is():
    """A work file is the user's own, but may be old or edited: a name kept as a number, a speed as text or a
    headway beyond the form's range must not break the planner."""
    from streamlit.testing.v1 import AppTest

    from wuzhen_geo.vocabulary import HEADWAY_RANGE, SPEED_RANGE_BY_CLASS
    at = AppTest.from_function(_link_form_page, default_timeout=60)
    at.session_state["_keep_pl_pf_mode"] = "rail"
    at.session_state["_keep_pl_pf_class"] = "hsr"
    at.session_state["_draft_pl_pf_name_en"] = 5
    at.session_state["_draft_pl_pf_name_zh"] = "未完成的线路" * 20
    at.session_state["_draft_pl_pf_speed_hsr"] = "fast"
    at.session_state["_draft_pl_pf_headway"] = 10_000.0
    at.run()
    assert not at.exception
    shown = at.session_state["shown"]
    assert shown["name_en"] == "" and shown["name_zh"] == ("未完成的线路" * 20)[:80]
    assert SPEED_RANGE_BY_CLASS["hsr"][0] <= shown["speed_kmh"] <= SPEED_RANGE_BY_CLASS["hsr"][1]
    assert shown["headway_min"] == HEADWAY_RANGE[1]
