"""XYGrid: the customer classification grid (客户分类系统) [L3.4] as a clickable 5x5 board.

Each cell (X current purchasing, Y capacity) is a button coloured by its class under the
rules, showing how many accounts sit there; cells with X > Y are impossible and greyed.
Click a cell to list its accounts, pick an account and move its scores or VIP flag to see
its class change at once. An instructor can change the rules. All classifying is done by
:mod:`kamlib.grid`; the learner's score edits and the rules are saved in the workbook.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from kamlib import case, grid, settings
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError, check_frame, check_key_series, fail
from kamlib.views.style import CLASS_MARKS, IMPOSSIBLE_COLOR, TEXT_DARK
from kamlib.widgets._base import KamWidget, WidgetOptions, html_table
from kamlib.widgets.layout import beside, card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "xy.title": N_("XY grid: customer classification"),
        "xy.x_axis": N_("X: current purchasing from us →"),
        "xy.y_axis": N_("Y: total purchasing capacity →"),
        "xy.account": N_("Account"),
        "xy.vip": N_("VIP heavyweight"),
        "xy.class": N_("class"),
        "xy.grid_class": N_("grid class"),
        "xy.instructor": N_("Class rules: try your own, or change the course's"),
        "xy.a_min_x": N_("A needs X ≥"),
        "xy.a_min_y": N_("A needs Y ≥"),
        "xy.c_max_y": N_("C when Y ≤"),
        "xy.vip_overrides": N_("VIP overrides the grid"),
        "xy.impossible": N_("impossible (X > Y)"),
        "xy.accounts_in_cell": N_("accounts"),
        "xy.no_accounts": N_("No accounts in this cell."),
        "xy.pick_cell": N_("Click a cell to list its accounts."),
        "xy.name": N_("Name"),
    }
)

SCORES = range(grid.MAX_SCORE + 1)
_EDIT_FIELDS = ["x", "y", "vip"]


def _check_accounts(accounts: Any) -> pd.DataFrame:
    """Return a working copy: account_id, name (and name_zh), x, y, vip; ids must be unique."""
    check_frame("accounts", accounts, ["account_id", "x", "y"])
    if len(accounts) == 0:
        raise fail("accounts", "an empty table", _("at least one account"))
    check_key_series("accounts['account_id']", accounts["account_id"], unique=True)
    columns = [c for c in ("account_id", "name", "name_zh", "x", "y", "vip") if c in accounts]
    frame = accounts[columns].reset_index(drop=True).copy()
    frame["account_id"] = frame["account_id"].astype(str)
    if "name" not in frame:
        frame["name"] = frame["account_id"]
    if "vip" not in frame:
        frame["vip"] = False
    grid.classify_accounts(frame)  # validates scores, X <= Y and the VIP flags
    frame[["x", "y"]] = frame[["x", "y"]].astype(np.int64)
    frame["vip"] = frame["vip"].astype(bool)
    return frame


def _rules_from(value: Any) -> grid.ClassificationRules:
    if isinstance(value, grid.ClassificationRules):
        return value
    if isinstance(value, dict):
        try:
            return grid.ClassificationRules(**value)
        except TypeError:
            pass
    raise fail("rules", value, _("a kamlib.grid.ClassificationRules (or its fields as a dict)"))


class XYGrid(KamWidget):
    """The 5x5 XY grid of the accounts, with editable scores, VIP flags and class rules.

    ``accounts``: a DataFrame with ``account_id``, ``x``, ``y`` (scores 0–4, X <= Y) and
    optionally ``name``, ``name_zh``, ``vip`` (default: :func:`kamlib.case.scored_accounts`).
    ``rules``: a
    :class:`kamlib.grid.ClassificationRules` (default: the saved ones, else the default rules).
    ``account_id``: the account shown first (picked in the editor, its cell outlined), e.g.
    the learner's studied account (default: the first account, no cell outlined).
    ``.value`` = ``{"scores": {account_id: {"x", "y", "vip"}}, "rules": {...}}``: the edits.
    """

    section = "xy_grid"
    merge_collections = ("scores",)

    def __init__(
        self,
        accounts: pd.DataFrame | None = None,
        *,
        rules: grid.ClassificationRules | None = None,
        account_id: str | None = None,
        **options: Unpack[WidgetOptions],
    ) -> None:
        self._original = _check_accounts(case.scored_accounts() if accounts is None else accounts)
        self._edits = self._original.copy()
        self._row = pd.Series(range(len(self._original)), index=self._original["account_id"])
        self.rules = grid.ClassificationRules() if rules is None else _rules_from(rules)
        self._rules_given = rules is not None
        self.selected_cell: tuple[int, int] | None = None
        if account_id is not None and account_id not in self._row:
            raise fail("account_id", account_id, _("an account id of the grid's accounts"))
        super().__init__(**options)
        if account_id is not None:
            self.show_account(account_id)

    # -- public state -------------------------------------------------------------------

    @property
    def value(self) -> dict[str, Any]:
        """The learner's score edits (only accounts that differ from the data) and the rules."""
        changed = (self._edits[_EDIT_FIELDS] != self._original[_EDIT_FIELDS]).any(axis=1)
        edits = self._edits.loc[changed, ["account_id", *_EDIT_FIELDS]]
        scores = {
            row.account_id: {"x": int(row.x), "y": int(row.y), "vip": bool(row.vip)}
            for row in edits.itertuples(index=False)
        }
        return {"scores": scores, "rules": self._rules_dict() if self.trying_rules else None}

    @property
    def trying_rules(self) -> bool:
        """Whether the grid uses the learner's own what-if rules, not the course's."""
        return self.rules != grid.ClassificationRules()

    def use_course_rules(self) -> None:
        """Drop the what-if rules: classify with the course settings' rules again (saved)."""
        self.rules = grid.ClassificationRules()
        with self._quietly():
            self._show_rules()
        self.clear_error()
        self._reclassify()
        self.save()

    def publish_rules(self) -> None:
        """Instructor: write the rules on show to the course settings file, for everyone.

        Every widget, exercise and notebook that classifies accounts reads them from there
        (:func:`kamlib.settings.update`); this grid then shows no what-if any more.
        """
        rules = self.rules
        try:
            written = settings.update(a_min_x=rules.a_min_x, a_min_y=rules.a_min_y,
                                      c_max_y=rules.c_max_y, vip_overrides=rules.vip_overrides)
        except KamValueError as error:
            self.show_error(error)
            return
        self.use_course_rules()
        self.message.value = (
            "<div role='status' class='kam-hint' style='border-left:4px solid #009E73;"
            "padding:4px 8px'>" + html.escape(_(
                "Saved in the course settings ({source}): every widget, exercise and "
                "notebook now classifies with these rules.", self.language).format(
                    source=written.source)) + "</div>")

    @property
    def counts(self) -> pd.DataFrame:
        """Accounts per cell: rows Y 4..0, columns X 0..4 (as the grid is drawn)."""
        table = pd.DataFrame(self._counts[::-1], index=SCORES[::-1], columns=SCORES)
        table.index.name, table.columns.name = "y", "x"
        return table

    def class_of(self, account_id: str) -> str:
        """Return the current class ("A", "B", "C" or "VIP") of one account."""
        if account_id not in self._row:
            raise fail("account_id", account_id, _("an account id of this grid"))
        return str(self.accounts["account_class"].iloc[self._row[account_id]])

    def show_account(self, account_id: str) -> None:
        """Pick ``account_id`` in the editor and outline its cell, with the cell's accounts."""
        if account_id not in self._row:
            raise fail("account_id", account_id, _("an account id of this grid"))
        row = self._edits.iloc[self._row[account_id]]
        self.selected_cell = (int(row["x"]), int(row["y"]))
        self.account_picker.value = account_id
        self._reclassify()

    def select_cell(self, x: int, y: int) -> None:
        """Show the accounts of cell (x, y) and pick the first of them for editing."""
        if (x, y) not in self.cell_buttons:
            raise fail("cell (x, y)", (x, y), _("two whole numbers from 0 to 4"))
        self.selected_cell = (x, y)
        inside = self._edits[(self._edits["x"] == x) & (self._edits["y"] == y)]
        if not inside.empty:
            self.account_picker.value = inside["account_id"].iloc[0]
        self._reclassify()

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        label = self.label
        self.cell_buttons = {
            (x, y): widgets.Button(layout=widgets.Layout(width="68px", height="44px",
                                                         padding="0"))
            for y in SCORES
            for x in SCORES
        }
        for (x, y), button in self.cell_buttons.items():
            button.on_click(lambda _button, x=x, y=y: self.select_cell(x, y))
        self.cell_table = widgets.HTML(f"<i>{label('xy.pick_cell')}</i>")

        options = self._account_options()
        self.account_picker = widgets.Dropdown(
            options=options, value=options[0][1], description=label("xy.account"),
            layout=widgets.Layout(width="100%"),
        )
        slider = {"min": 0, "max": grid.MAX_SCORE, "continuous_update": False}
        self.x_slider = widgets.IntSlider(description="X", layout=widgets.Layout(width="100%"),
                                          **slider)
        self.y_slider = widgets.IntSlider(description="Y", layout=widgets.Layout(width="100%"),
                                          **slider)
        self.vip_checkbox = widgets.Checkbox(description=label("xy.vip"), indent=False)
        self.class_label = widgets.HTML()
        self.account_picker.observe(self._on_pick, names="value")
        for control in (self.x_slider, self.y_slider, self.vip_checkbox):
            control.observe(self._on_score_change, names="value")

        self.rules_text = widgets.HTML()
        rule_slider = {"min": 0, "max": grid.MAX_SCORE, "continuous_update": False,
                       "style": {"description_width": "110px"}}
        self.a_min_x_slider = widgets.IntSlider(description=label("xy.a_min_x"), **rule_slider)
        self.a_min_y_slider = widgets.IntSlider(description=label("xy.a_min_y"), **rule_slider)
        self.c_max_y_slider = widgets.IntSlider(description=label("xy.c_max_y"), **rule_slider)
        self.vip_overrides_checkbox = widgets.Checkbox(
            description=label("xy.vip_overrides"), indent=False
        )
        lang = self.language
        self.course_rules_button = widgets.Button(
            description=_("Back to the course's rules", lang), icon="undo",
            layout=widgets.Layout(width="auto"))
        self.course_rules_button.on_click(lambda _b: self.use_course_rules())
        self.publish_button = widgets.Button(
            description=_("Instructor: make these the course's rules", lang), icon="save",
            button_style="warning", layout=widgets.Layout(width="auto"),
            tooltip=_("Writes the rules to the course settings file: every widget, exercise "
                      "and notebook then classifies with them.", lang))
        self.publish_button.on_click(lambda _b: self.publish_rules())
        self.rule_controls = widgets.VBox(
            [self.a_min_x_slider, self.a_min_y_slider, self.c_max_y_slider,
             self.vip_overrides_checkbox,
             widgets.HBox([self.course_rules_button, self.publish_button],
                          layout=widgets.Layout(flex_flow="row wrap"))],
            layout=widgets.Layout(display="none"),
        )
        self.instructor_toggle = widgets.ToggleButton(
            description=label("xy.instructor"), icon="wrench", layout=widgets.Layout(width="auto")
        )
        self.instructor_toggle.observe(self._on_instructor, names="value")
        self._show_rules()
        for control in self._rule_widgets():
            control.observe(self._on_rules_change, names="value")

        editor = widgets.VBox(
            [self.account_picker, self.x_slider, self.y_slider, self.vip_checkbox,
             self.class_label, self.message, self.cell_table],
        )
        rules = widgets.VBox([self.rules_text, self.instructor_toggle, self.rule_controls])
        self.widget = card(
            [heading(label("xy.title")), beside(self._board(), editor, controls_width="320px"),
             rules], "XYGrid")

    def _board(self) -> widgets.Widget:
        """Lay out the 25 cell buttons with Y rising upwards and X to the right, plus ticks."""
        meaning = 1 if self.shown_language == "zh" else 0
        tick = "<div style='text-align:center' title='{title}'><b>{score}</b></div>"
        children: list[widgets.Widget] = []
        for y in SCORES[::-1]:
            title = html.escape(grid.SCORE_MEANINGS[y][meaning])
            children.append(widgets.HTML(tick.format(title=title, score=y)))
            children += [self.cell_buttons[(x, y)] for x in SCORES]
        children.append(widgets.HTML(""))
        children += [
            widgets.HTML(tick.format(title=html.escape(grid.SCORE_MEANINGS[x][meaning]), score=x))
            for x in SCORES
        ]
        board = widgets.GridBox(
            children,
            layout=widgets.Layout(
                grid_template_columns="24px repeat(5, 68px)", grid_gap="3px", width="max-content"
            ),
        )
        y_title = widgets.HTML(
            "<div style='writing-mode:vertical-rl;transform:rotate(180deg);height:240px;"
            f"text-align:center'><b>{self.label('xy.y_axis')}</b></div>"
        )
        x_title = widgets.HTML(
            f"<div style='padding-left:60px'><b>{self.label('xy.x_axis')}</b></div>"
        )
        return widgets.VBox([widgets.HBox([y_title, board]), x_title])

    def _account_options(self) -> list[tuple[str, str]]:
        names = self._display_names()
        ids = self._original["account_id"]
        return list(zip(ids + " · " + names, ids, strict=True))

    def _display_names(self) -> pd.Series:
        if self.shown_language == "zh" and "name_zh" in self._original:
            return self._original["name_zh"].astype(str)
        return self._original["name"].astype(str)

    def _rule_widgets(self) -> list[widgets.Widget]:
        return [self.a_min_x_slider, self.a_min_y_slider, self.c_max_y_slider,
                self.vip_overrides_checkbox]

    # -- state --------------------------------------------------------------------------

    def _rules_dict(self) -> dict[str, Any]:
        rules = self.rules
        return {"a_min_x": rules.a_min_x, "a_min_y": rules.a_min_y, "c_max_y": rules.c_max_y,
                "vip_overrides": rules.vip_overrides}

    def _restore(self, saved: Any) -> None:
        """Apply saved edits for accounts still in the data; a bad save is reported, not fatal."""
        if not isinstance(saved, dict):
            return
        try:
            if not self._rules_given and saved.get("rules") is not None:
                self.rules = _rules_from(saved["rules"])
            scores = saved.get("scores", {})
            if not isinstance(scores, dict):
                raise fail("saved scores", scores, _("a dict of account_id: {x, y, vip}"))
            known = pd.DataFrame.from_dict(scores, orient="index").reindex(columns=_EDIT_FIELDS)
            known = known[known.index.isin(self._row.index)]
            edits = self._edits.astype({"x": object, "y": object, "vip": object})
            edits.loc[self._row[known.index].to_numpy(), _EDIT_FIELDS] = known.to_numpy()
            grid.classify_accounts(edits, rules=self.rules)  # checks the saved scores
            self._edits = edits.astype({"x": np.int64, "y": np.int64, "vip": bool})
        except (KamValueError, ValueError, TypeError) as error:
            self._ignore_saved(error)
        self._show_rules()

    def _refresh(self) -> None:
        self._reclassify()
        self._select_account(self.account_picker.value)

    def _reclassify(self) -> None:
        """Classify every account (vectorised, in kamlib.grid) and redraw the board."""
        self.accounts = grid.classify_accounts(self._edits, rules=self.rules)
        self._counts, vips = grid.cell_counts(self.accounts)
        self._redraw_board(vips)
        self._show_cell_table()
        self._show_class()

    def _redraw_board(self, vips: np.ndarray) -> None:
        codes = self.rules.class_codes()
        for (x, y), button in self.cell_buttons.items():
            count = int(self._counts[y, x])
            if x > y:
                button.description, button.disabled = "—", True
                button.style.button_color, button.style.text_color = IMPOSSIBLE_COLOR, "#777"
                button.tooltip = f"X={x}, Y={y}: {self.label('xy.impossible')}"
                continue
            cell_class = grid.GRID_CLASSES[codes[y, x]]
            mark = CLASS_MARKS[cell_class]
            button.description = f"{cell_class} · {count}"
            button.style.button_color, button.style.text_color = mark.color, mark.text_color
            button.style.font_weight = "bold" if count else "normal"
            vip_note = f" ({int(vips[y, x])} VIP)" if vips[y, x] else ""
            button.tooltip = (f"X={x}, Y={y}: {self.label('xy.class')} {cell_class}, "
                              f"{count} {self.label('xy.accounts_in_cell')}{vip_note}")
            selected = self.selected_cell == (x, y)
            button.layout.border = f"3px solid {TEXT_DARK}" if selected else "3px solid transparent"

    def _show_cell_table(self) -> None:
        if self.selected_cell is None:
            return
        x, y = self.selected_cell
        inside = self.accounts[(self.accounts["x"] == x) & (self.accounts["y"] == y)]
        heading = f"<b>X={x}, Y={y}</b>: {len(inside)} {self.label('xy.accounts_in_cell')}"
        if inside.empty:
            self.cell_table.value = f"{heading}<br><i>{self.label('xy.no_accounts')}</i>"
            return
        shown = pd.DataFrame({
            "ID": inside["account_id"],
            self.label("xy.name"): self._display_names()[inside.index],
            "VIP": np.where(inside["vip"], "✔", ""),
            self.label("xy.grid_class"): inside["grid_class"].astype(str),
            self.label("xy.class"): inside["account_class"].astype(str),
        })
        table = html_table(shown, index=False)
        self.cell_table.value = (
            f"{heading}<div style='max-height:220px;overflow-y:auto;font-size:90%'>{table}</div>"
        )

    def _show_class(self) -> None:
        account = self.account_picker.value
        row = self.accounts.iloc[self._row[account]]
        account_class, grid_class = str(row["account_class"]), str(row["grid_class"])
        mark = CLASS_MARKS[account_class]
        badge = (f"<span style='background:{mark.color};color:{mark.text_color};padding:2px 10px;"
                 f"border-radius:4px;font-weight:bold'>{account_class}</span>")
        detail = ""
        if grid_class != account_class:
            detail = f" ({self.label('xy.grid_class')} {grid_class})"
        self.class_label.value = f"{html.escape(account)}: {self.label('xy.class')} {badge}{detail}"

    def _show_rules(self) -> None:
        rules = self.rules
        self.a_min_x_slider.value, self.a_min_y_slider.value = rules.a_min_x, rules.a_min_y
        self.c_max_y_slider.value = rules.c_max_y
        self.vip_overrides_checkbox.value = rules.vip_overrides
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in rules.describe().splitlines())
        whose = (_("Your what-if rules (saved in your workbook only; the course's rules are "
                   "unchanged):", self.language) if self.trying_rules
                 else _("The course's rules (from the course settings):", self.language))
        self.rules_text.value = f"<b>{html.escape(whose)}</b><ul style='margin:4px 0'>{lines}</ul>"

    # -- handlers -----------------------------------------------------------------------

    def _on_pick(self, change: dict[str, Any]) -> None:
        self._select_account(change["new"])
        self.clear_error()
        self._show_class()

    def _select_account(self, account: str) -> None:
        """Put the account's scores and VIP flag in the editing controls."""
        row = self._edits.iloc[self._row[account]]
        with self._quietly():
            self.x_slider.value, self.y_slider.value = int(row["x"]), int(row["y"])
            self.vip_checkbox.value = bool(row["vip"])

    def _on_score_change(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        account = self.account_picker.value
        x, y, vip = self.x_slider.value, self.y_slider.value, self.vip_checkbox.value
        try:
            grid.classify(x, y, vip=vip, rules=self.rules, account=account)
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        self._edits.loc[self._row[account], _EDIT_FIELDS] = [x, y, vip]
        self._reclassify()
        self.save()

    def _on_rules_change(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        try:
            rules = grid.ClassificationRules(
                a_min_x=self.a_min_x_slider.value, a_min_y=self.a_min_y_slider.value,
                c_max_y=self.c_max_y_slider.value,
                vip_overrides=self.vip_overrides_checkbox.value,
            )
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        self.rules = rules
        with self._quietly():
            self._show_rules()
        self._reclassify()
        self.save()

    def _on_instructor(self, change: dict[str, Any]) -> None:
        self.rule_controls.layout.display = "flex" if change["new"] else "none"
