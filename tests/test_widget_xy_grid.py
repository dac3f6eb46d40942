"""XYGrid driven from Python as a learner would, the XY grid view, and the widget foundation."""

from __future__ import annotations

import html
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from helpers import saved

from kamlib import grid  # noqa: E402
from kamlib.validation import KamValueError  # noqa: E402
from kamlib.views import plot_xy_grid  # noqa: E402
from kamlib.views.style import CLASS_MARKS, IMPOSSIBLE_COLOR  # noqa: E402
from kamlib.widgets import XYGrid  # noqa: E402
from kamlib.widgets._base import KamWidget  # noqa: E402
from kamlib.workbook import Workbook, WorkbookRecoveryWarning  # noqa: E402


@pytest.fixture
def accounts() -> pd.DataFrame:
    """Six accounts: two in cell (2, 3), one A, one C, one VIP, one prospect."""
    return pd.DataFrame(
        {
            "account_id": ["AC1", "AC2", "AC3", "AC4", "AC5", "AC6"],
            "name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
            "name_zh": ["甲", "乙", "丙", "丁", "戊", "己"],
            "x": [2, 2, 4, 1, 0, 0],
            "y": [3, 3, 4, 1, 2, 0],
            "vip": [False, False, False, False, True, False],
        }
    )



def test_board_shows_counts_and_classes_per_cell(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    assert w.counts.loc[3, 2] == 2 and w.counts.loc[4, 4] == 1 and w.counts.to_numpy().sum() == 6
    assert w.cell_buttons[(2, 3)].description == "B · 2"
    assert w.cell_buttons[(4, 4)].description == "A · 1"
    assert w.cell_buttons[(1, 1)].style.button_color == CLASS_MARKS["C"].color
    assert w.cell_buttons[(4, 4)].style.button_color == CLASS_MARKS["A"].color
    impossible = w.cell_buttons[(3, 1)]
    assert impossible.disabled and impossible.style.button_color == IMPOSSIBLE_COLOR
    assert "(1 VIP)" in w.cell_buttons[(0, 2)].tooltip
    assert "Class A: current X >= 3 and capacity Y >= 3" in html.unescape(w.rules_text.value)


def test_clicking_a_cell_lists_its_accounts(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    w.cell_buttons[(2, 3)].click()
    assert w.selected_cell == (2, 3)
    assert "Alpha" in w.cell_table.value and "Beta" in w.cell_table.value
    assert "Gamma" not in w.cell_table.value
    assert w.account_picker.value == "AC1"
    assert (w.x_slider.value, w.y_slider.value) == (2, 3)
    w.select_cell(3, 3)
    assert "No accounts in this cell" in w.cell_table.value


def test_changing_scores_reclassifies_at_once_and_saves(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    w.select_cell(2, 3)
    assert w.class_of("AC1") == "B" and ">B</span>" in w.class_label.value
    w.x_slider.value = 3
    assert w.class_of("AC1") == "A" and ">A</span>" in w.class_label.value
    assert w.counts.loc[3, 2] == 1 and w.counts.loc[3, 3] == 1
    assert w.cell_buttons[(3, 3)].description == "A · 1"
    assert w.value["scores"] == {"AC1": {"x": 3, "y": 3, "vip": False}}
    assert saved(workbook_path)["xy_grid"]["scores"] == {"AC1": {"x": 3, "y": 3, "vip": False}}


def test_x_above_y_shows_a_message_not_a_crash(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    w.account_picker.value = "AC4"  # X=1, Y=1
    w.x_slider.value = 3
    assert "current (X) of account 'AC4': got 3" in w.error
    assert "cannot buy more from us than it buys in all" in w.error
    assert w.class_of("AC4") == "C" and w.counts.loc[1, 1] == 1  # model unchanged
    assert not workbook_path.exists()  # nothing invalid saved
    w.y_slider.value = 4  # now X=3 <= Y=4: the pair is valid and applied
    assert w.error == "" and w.class_of("AC4") == "A"
    assert saved(workbook_path)["xy_grid"]["scores"]["AC4"] == {"x": 3, "y": 4, "vip": False}


def test_vip_flag_overrides_the_grid_class(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    w.account_picker.value = "AC4"
    w.vip_checkbox.value = True
    assert w.class_of("AC4") == "VIP" and "(grid class C)" in w.class_label.value
    w.account_picker.value = "AC5"
    assert w.vip_checkbox.value is True  # the picker loads the account's own flag
    w.vip_checkbox.value = False
    assert w.class_of("AC5") == "B"
    assert w.value["scores"] == {
        "AC4": {"x": 1, "y": 1, "vip": True},
        "AC5": {"x": 0, "y": 2, "vip": False},
    }


def test_instructor_edits_the_rules(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    assert w.rule_controls.layout.display == "none"
    w.instructor_toggle.value = True
    assert w.rule_controls.layout.display == "flex"
    w.a_min_x_slider.value = 2
    assert w.class_of("AC1") == "A" and w.cell_buttons[(2, 3)].description == "A · 2"
    assert "current X >= 2" in html.unescape(w.rules_text.value)
    w.vip_overrides_checkbox.value = False
    assert w.class_of("AC5") == "B"
    assert saved(workbook_path)["xy_grid"]["rules"] == {
        "a_min_x": 2, "a_min_y": 3, "c_max_y": 1, "vip_overrides": False
    }
    w.c_max_y_slider.value = 3  # C would overlap A: refused with a message
    assert "c_max_y: got 3" in w.error and w.rules.c_max_y == 1


def test_a_new_widget_shows_the_saved_work(workbook_path: Path, accounts) -> None:
    first = XYGrid(accounts)
    first.account_picker.value = "AC3"
    first.y_slider.value = 4
    first.x_slider.value = 2
    first.instructor_toggle.value = True
    first.c_max_y_slider.value = 0
    again = XYGrid(accounts)  # as after a kernel restart
    assert again.class_of("AC3") == "B" and again.counts.loc[4, 2] == 1
    assert again.rules.c_max_y == 0 and again.c_max_y_slider.value == 0
    assert again.class_of("AC4") == "B"  # Y=1 is no longer C with c_max_y=0
    assert again.value == first.value
    explicit = XYGrid(accounts, rules=grid.ClassificationRules(a_min_x=4))
    assert explicit.rules.a_min_x == 4  # rules given in code win over saved ones


def test_saved_work_for_unknown_accounts_is_skipped(workbook_path: Path, accounts) -> None:
    Workbook(workbook_path).set(
        "xy_grid", {"scores": {"AC2": {"x": 3, "y": 4, "vip": False},
                               "GONE": {"x": 1, "y": 1, "vip": False}}}
    )
    w = XYGrid(accounts)
    assert w.class_of("AC2") == "A" and w.error == ""


def test_bad_saved_work_is_reported_and_ignored(workbook_path: Path, accounts) -> None:
    Workbook(workbook_path).set("xy_grid", {"scores": {"AC2": {"x": 4, "y": 1, "vip": False}}})
    w = XYGrid(accounts)
    assert "saved work in section 'xy_grid' ignored" in w.error
    assert w.class_of("AC2") == "B"


def test_damaged_workbook_is_kept_aside(workbook_path: Path, accounts) -> None:
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_text('{"xy_grid": {"scores": ', encoding="utf-8")
    with pytest.warns(WorkbookRecoveryWarning, match="moved to"):
        w = XYGrid(accounts)
    assert w.value["scores"] == {}
    aside = list(workbook_path.parent.glob("learner.json.damaged-*"))
    assert [p.read_text(encoding="utf-8") for p in aside] == ['{"xy_grid": {"scores": ']


def test_separate_sections_do_not_mix(workbook_path: Path, accounts) -> None:
    one = XYGrid(accounts, section="grid_team_a")
    other = XYGrid(accounts, section="grid_team_b")
    one.account_picker.value = "AC6"
    one.y_slider.value = 2
    other.account_picker.value = "AC6"
    other.vip_checkbox.value = True
    book = saved(workbook_path)
    assert book["grid_team_a"]["scores"] == {"AC6": {"x": 0, "y": 2, "vip": False}}
    assert book["grid_team_b"]["scores"] == {"AC6": {"x": 0, "y": 0, "vip": True}}


def test_chinese_labels(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts, language="zh")
    assert w.account_picker.description == "客户"
    assert ("AC1 · 甲", "AC1") in w.account_picker.options
    assert "重量级客户VIP" in w.vip_checkbox.description


def test_default_accounts_are_the_case_company(workbook_path: Path) -> None:
    w = XYGrid()
    assert w.counts.to_numpy().sum() == len(w.accounts) == 200
    assert w.account_picker.value == "AC001"
    assert set(w.accounts["account_class"].astype(str)) <= {"A", "B", "C", "VIP"}


def test_the_studied_account_is_shown_first_without_saving(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts, account_id="AC2")
    assert w.account_picker.value == "AC2" and w.selected_cell == (2, 3)
    assert (w.x_slider.value, w.y_slider.value) == (2, 3)
    assert "Beta" in w.cell_table.value and "AC2: class" in w.class_label.value
    assert w.cell_buttons[(2, 3)].layout.border.startswith("3px solid #")
    assert not workbook_path.exists()
    w.show_account("AC3")
    assert w.selected_cell == (4, 4) and "Gamma" in w.cell_table.value
    with pytest.raises(KamValueError, match="account_id: got 'AC9'; expected an account id"):
        XYGrid(accounts, account_id="AC9")


def test_display_delegates_to_the_box(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    bundle = w._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == w.widget.model_id


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"accounts": [1, 2]}, "accounts: got 'list'; expected a pandas DataFrame"),
        ({"accounts": pd.DataFrame({"account_id": ["A"], "x": [1]})}, "missing column.*'y'"),
        ({"accounts": pd.DataFrame(columns=["account_id", "x", "y"])}, "at least one account"),
        ({"accounts": pd.DataFrame({"account_id": ["A", "A"], "x": [1, 1], "y": [2, 2]})},
         "expected each id once"),
        ({"accounts": pd.DataFrame({"account_id": ["A"], "x": [3], "y": [2]})},
         "current .X. of account 'A': got 3"),
        ({"accounts": pd.DataFrame({"account_id": ["A"], "x": [1], "y": [7]})},
         r"capacity \(Y\) column 'y' \(row 'A'.*got .*7.*<= 4"),
        ({"rules": "strict"}, "rules: got 'strict'; expected a kamlib.grid.ClassificationRules"),
        ({"section": "  "}, "section: got '  '; expected non-empty text"),
        ({"language": "fr"}, "language: got 'fr'; expected one of 'en', 'zh'"),
        ({"workbook": "book.json"}, "workbook: got 'book.json'; expected a kamlib.workbook"),
    ],
)
def test_bad_arguments(workbook_path: Path, accounts, kwargs: dict, message: str) -> None:
    kwargs.setdefault("accounts", accounts)
    with pytest.raises(KamValueError, match=message):
        XYGrid(**kwargs)


def test_bad_cell_and_account(workbook_path: Path, accounts) -> None:
    w = XYGrid(accounts)
    with pytest.raises(KamValueError, match=r"cell \(x, y\): got \(5, 1\)"):
        w.select_cell(5, 1)
    with pytest.raises(KamValueError, match="account_id: got 'AC9'"):
        w.class_of("AC9")


def test_base_class_needs_a_value(tmp_path: Path) -> None:
    class Bare(KamWidget):
        section = "bare"

    with pytest.raises(NotImplementedError, match="Bare must define the value property"):
        Bare(workbook=Workbook(tmp_path / "unused.json")).save()


# -- the view --------------------------------------------------------------------------


def test_plot_xy_grid_draws_counts_classes_and_labels(accounts) -> None:
    fig, ax = plt.subplots()
    returned = plot_xy_grid(accounts, ax=ax)
    assert returned is ax
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("2") == 1 and "★ 1 VIP" in texts  # two accounts at (2, 3); one VIP
    assert "XY grid" in ax.get_title() and "6 accounts" in ax.get_title()
    assert "current purchasing" in ax.get_xlabel() and "capacity" in ax.get_ylabel()
    impossible = [p for p in ax.patches if p.get_hatch() == "xx"]
    assert len(impossible) == 10  # the cells with X > Y
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("Class A (A级)") and "X ≥ 3, Y ≥ 3" in legend[0]
    plt.close(fig)


def test_plot_xy_grid_is_a_heatmap_in_the_class_colours_with_capacity_upwards(accounts) -> None:
    fig, ax = plt.subplots()
    plot_xy_grid(accounts, ax=ax)
    cells = ax.collections[0].get_facecolors().reshape(5, 5, 4)  # [y, x], as class_codes()
    assert matplotlib.colors.to_hex(cells[4, 4]) == CLASS_MARKS["A"].color.lower()
    assert matplotlib.colors.to_hex(cells[0, 0]) == CLASS_MARKS["C"].color.lower()
    assert cells[0, 4][3] == 0  # X > Y: no class colour, the hatched grey cell instead
    bottom, top = ax.get_ylim()
    assert bottom < top  # Y (capacity) grows upwards, as on the handout
    two = next(t for t in ax.texts if t.get_text() == "2")
    assert two.get_position() == (2.5, 3.5)  # the two accounts at X=2, Y=3
    plt.close(fig)


def test_plot_xy_grid_follows_the_rules(accounts) -> None:
    fig, ax = plt.subplots()
    plot_xy_grid(accounts, vip=None, rules=grid.ClassificationRules(a_min_x=2), ax=ax,
                 title="Team East")
    cells = ax.collections[0].get_facecolors()  # seaborn's heatmap: one colour per cell
    a_cells = [c for c in cells if tuple(c[:3]) == matplotlib.colors.to_rgb(
        CLASS_MARKS["A"].color) and c[3] > 0]
    assert len(a_cells) == 5  # X in 2..4 with Y = 3 or 4, X <= Y
    assert ax.get_title() == "Team East"
    plt.close(fig)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"frame": "accounts"}, "frame: got 'str'"),
        ({"x": "current"}, "missing column.*'current'"),
        ({"rules": {"a_min_x": 3}}, "rules: got"),
        ({"title": ""}, "title: got ''"),
    ],
)
def test_plot_xy_grid_bad_input(accounts, kwargs: dict, message: str) -> None:
    kwargs.setdefault("frame", accounts)
    with pytest.raises(KamValueError, match=message):
        plot_xy_grid(**kwargs)
    bad = accounts.assign(x=[4, 2, 4, 1, 0, 0])
    with pytest.raises(KamValueError, match="current .X.*got 4"):
        plot_xy_grid(bad)


@pytest.fixture
def course_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The instructor's settings file, a copy of the defaults this test may change."""
    from kamlib import settings

    path = tmp_path / "course_settings.toml"
    path.write_bytes(settings.DEFAULTS_FILE.read_bytes())
    monkeypatch.setenv(settings.SETTINGS_VARIABLE, str(path))
    return path


def test_a_learners_what_if_rules_stay_in_the_workbook(workbook_path: Path, accounts,
                                                       course_settings: Path) -> None:
    from kamlib import settings

    w = XYGrid(accounts)
    assert "The course's rules" in html.unescape(w.rules_text.value)
    w.account_picker.value = "AC3"
    w.x_slider.value = 1  # a score edit saves no copy of the course's rules
    assert saved(workbook_path)["xy_grid"]["rules"] is None
    w.a_min_x_slider.value = 2
    assert "Your what-if rules" in html.unescape(w.rules_text.value)
    assert saved(workbook_path)["xy_grid"]["rules"]["a_min_x"] == 2
    assert settings.current().a_min_x == 3 and grid.ClassificationRules().a_min_x == 3
    w.course_rules_button.click()
    assert w.rules.a_min_x == 3 and w.a_min_x_slider.value == 3
    assert saved(workbook_path)["xy_grid"]["rules"] is None


def test_the_instructor_panel_changes_the_course_settings(workbook_path: Path, accounts,
                                                          course_settings: Path) -> None:
    """The rule reaches every widget and function through kamlib.settings (issue 15)."""
    from kamlib import case, settings

    w = XYGrid(accounts)
    w.instructor_toggle.value = True
    w.a_min_x_slider.value = 2
    w.publish_button.click()
    assert "a_min_x = 2" in course_settings.read_text()
    assert settings.current().a_min_x == 2
    assert "course settings" in w.error
    assert "The course's rules" in html.unescape(w.rules_text.value)
    assert saved(workbook_path)["xy_grid"]["rules"] is None  # no what-if left
    assert XYGrid(accounts).class_of("AC1") == "A"  # a new grid, e.g. another notebook
    rules = case.classified_accounts()  # what VisitPlanner and the exercises use
    assert grid.ClassificationRules().a_min_x == 2 and len(rules)
