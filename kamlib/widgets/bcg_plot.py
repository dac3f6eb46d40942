"""BCGPlot: an editable table of business units and the BCG bubble chart (波士顿矩阵) [L2.6].

One row per unit: name, market growth %, our share %, the largest rival's share %, revenue.
Every change recomputes :func:`kamlib.bcg.bcg_table` and redraws
:func:`kamlib.views.bcg.plot_bcg`; a bad value shows its message in the widget and the
last good chart stays. Units can be added and removed; the table is saved in the workbook.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from kamlib import bcg
from kamlib.i18n import LANGUAGES, N_, _, get_language, register
from kamlib.validation import (
    KamValueError,
    check_choice,
    check_frame,
    check_text,
    check_text_series,
    fail,
)
from kamlib.views.bcg import plot_bcg
from kamlib.widgets._base import KamWidget, PlotOutput, WidgetOptions
from kamlib.widgets.layout import beside, card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "bcg.title": N_("BCG growth–share matrix (波士顿矩阵)"),
        "bcg.name": N_("Business unit"),
        "bcg.growth": N_("Market growth %"),
        "bcg.own": N_("Our share %"),
        "bcg.rival": N_("Largest rival %"),
        "bcg.revenue": N_("Revenue (m CNY)"),
        "bcg.quadrant": N_("Quadrant → strategy"),
        "bcg.add": N_("Add unit"),
        "bcg.remove": N_("Remove this unit"),
        "bcg.new_unit": N_("New unit"),
        "bcg.alt": N_("BCG bubble chart: relative market share (log, high on the left) against "
                  "market growth; bubble area shows revenue."),
    }
)

NUMBER_COLUMNS = ["market_growth_pct", "own_share_pct", "largest_rival_share_pct", "revenue_cny"]
COLUMNS = ["name", *NUMBER_COLUMNS]
MILLION = 1_000_000.0
NEW_UNIT = {"market_growth_pct": 10.0, "own_share_pct": 10.0, "largest_rival_share_pct": 10.0,
            "revenue_cny": 10 * MILLION}
#: The unit table's columns: name, four numbers, remove (the numbers share the rest).
_GRID_COLUMNS = "max-content minmax(130px, 2fr) repeat(4, minmax(54px, 1fr)) 32px"


def case_units(language: str | None = None) -> pd.DataFrame:
    """Return the case company's product lines (产品线) as BCG units.

    Parameters
    ----------
    language : str, optional
        ``"zh"`` names the lines in Chinese; default: the current language.

    Returns
    -------
    pandas.DataFrame
        One row per product line: ``name`` and the BCG number columns.

    Examples
    --------
    >>> case_units("zh")["name"].iloc[0]
    '汽车底漆'
    """
    from kamlib import datasets

    lines = datasets.load("product_lines")
    lang = get_language() if language is None else check_choice("language", language, LANGUAGES)
    if lang == "zh":
        lines = lines.assign(name=lines["name_zh"])
    return lines[COLUMNS]


def _check_units(units: Any) -> pd.DataFrame:
    check_frame("units", units, COLUMNS)
    check_text_series("units['name']", units["name"])
    frame = units[COLUMNS].reset_index(drop=True)
    bcg.bcg_table(frame)  # checks the numbers
    return frame


class BCGPlot(KamWidget):
    """An editable BCG table and its bubble chart, saved in the workbook (section "bcg").

    ``units``: the starting units when nothing is saved yet, a DataFrame with ``name``,
    ``market_growth_pct``, ``own_share_pct``, ``largest_rival_share_pct`` and ``revenue_cny``
    (default: :func:`case_units`); saved work wins, so the learner's table comes back after
    a kernel restart. Revenue is edited in million CNY (to 0.01 m). ``.table`` is the
    current :func:`kamlib.bcg.bcg_table` result, the data the chart shows.

    Parameters
    ----------
    units : pandas.DataFrame, optional
        The starting units when nothing is saved yet (default: the case company's).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "bcg".

    Raises
    ------
    KamValueError
        If ``units`` lacks a column or holds a wrong value,.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> chart = BCGPlot(workbook=book, language="en")
    >>> len(chart.table)
    10
    """

    section = "bcg"
    merge_collections = ("units",)

    def __init__(self, units: pd.DataFrame | None = None, **options: Unpack[WidgetOptions]) -> None:
        self._start = None if units is None else _check_units(units)
        super().__init__(**options)

    @property
    def value(self) -> dict[str, Any]:
        """The units as plain data: ``{"units": [{name, growth, shares, revenue_cny}, ...]}``."""
        return {"units": self.units.to_dict(orient="records")}

    def add_unit(self, name: str | None = None, **numbers: float) -> None:
        """Add a unit (defaults: 10% growth, 10% shares, 10 m CNY), redraw and save."""
        unknown = set(numbers) - set(NUMBER_COLUMNS)
        if unknown:
            raise fail("add_unit", sorted(unknown),
                _("keywords among {NUMBER_COLUMNS}").format(NUMBER_COLUMNS=NUMBER_COLUMNS))
        unit = {"name": self.label("bcg.new_unit") if name is None else name, **NEW_UNIT,
                **numbers}
        self._edit_rows(pd.concat([self._read_rows(), pd.DataFrame([unit])]))

    def remove_unit(self, index: int) -> None:
        """Remove the unit in row ``index`` (0-based), redraw and save; the last unit stays."""
        if not isinstance(index, int) or not 0 <= index < len(self.rows) or len(self.rows) == 1:
            raise fail("index", index,
                _("a row from 0 to {value}, with 2+ units").format(value=len(self.rows) - 1))
        units = self._read_rows()
        self._edit_rows(units[np.arange(len(units)) != index])

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.plot = PlotOutput(figsize=(4.3, 3.7),
                               margins={"left": 0.13, "right": 0.97, "bottom": 0.12, "top": 0.9})
        self.rows: list[dict[str, widgets.Widget]] = []
        self.add_button = widgets.Button(description=self.label("bcg.add"), icon="plus")
        self.add_button.on_click(lambda _button: self.add_unit())
        self.table_box = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns=_GRID_COLUMNS, grid_gap="3px 4px", align_items="center",
            width="100%"))
        self.quadrants_html = widgets.HTML()
        chart = widgets.VBox([self.plot.output, self.quadrants_html],
                             layout=widgets.Layout(width="430px"))
        table = widgets.VBox([self.table_box, self.add_button, self.message])
        self.widget = card([heading(self.label("bcg.title")),
                            beside(chart, table, controls_width="440px")], "BCGPlot")

    def _restore(self, saved: Any) -> None:
        """Rows for the saved units, else the units given, else the case's product lines."""
        units = self._start
        if saved is not None:
            try:
                units = _check_units(pd.DataFrame(saved.get("units"), columns=COLUMNS))
            except (KamValueError, AttributeError, ValueError, TypeError) as error:
                self._report_saved_problem(
                    KamValueError(f"saved units in {self.section!r} ignored: {error}"))
        self._set_rows(case_units(self.shown_language) if units is None else units)

    def _header(self) -> list[widgets.Widget]:
        keys = ["bcg.name", "bcg.growth", "bcg.own", "bcg.rival", "bcg.revenue"]
        return [widgets.HTML("<b>#</b>")] + [
            widgets.HTML(f"<b>{self.label(key)}</b>") for key in keys] + [widgets.HTML()]

    def _set_rows(self, units: pd.DataFrame) -> None:
        """One row of input widgets per unit, in a grid under its aligned header."""
        self.rows = [self._row(i, unit) for i, unit in enumerate(units.to_dict("records"))]
        self.table_box.children = self._header() + [
            control for number, row in enumerate(self.rows, 1)
            for control in (widgets.HTML(f"<b>{number}</b>"),
                            *(c for key, c in row.items() if key != "quadrant"))
        ]

    def _edit_rows(self, units: pd.DataFrame) -> None:
        """The learner added or removed a unit: new rows, recompute, redraw, save."""
        self._set_rows(units)
        self._on_edit()

    def _row(self, index: int, unit: dict[str, Any]) -> dict[str, widgets.Widget]:
        number = {"step": 0.5, "layout": widgets.Layout(width="auto")}
        row: dict[str, widgets.Widget] = {
            "name": widgets.Textarea(value=str(unit["name"]), continuous_update=False,
                                     rows=max(1, min(3, -(-len(str(unit["name"])) // 19))),
                                     layout=widgets.Layout(width="auto")),
            "market_growth_pct": widgets.FloatText(value=unit["market_growth_pct"], **number),
            "own_share_pct": widgets.FloatText(value=unit["own_share_pct"], **number),
            "largest_rival_share_pct": widgets.FloatText(value=unit["largest_rival_share_pct"],
                                                         **number),
            "revenue_cny": widgets.FloatText(value=round(unit["revenue_cny"] / MILLION, 2),
                                             **number),
            "remove": widgets.Button(icon="trash", tooltip=self.label("bcg.remove"),
                                     layout=widgets.Layout(width="32px")).add_class(
                                         "kam-icon-button"),
            "quadrant": widgets.HTML(),
        }
        for column in COLUMNS:
            row[column].observe(lambda _change: self._on_edit(), names="value")
        row["remove"].on_click(lambda _button: self._remove_clicked(index))
        return row

    # -- state --------------------------------------------------------------------------

    def _read_rows(self) -> pd.DataFrame:
        """The units as typed in the rows (revenue back in CNY), indexed by name for messages."""
        units = pd.DataFrame(
            [{column: row[column].value for column in COLUMNS} for row in self.rows],
            columns=COLUMNS,
        )
        units.index = pd.Index(units["name"], name=None)
        units["revenue_cny"] = units["revenue_cny"] * MILLION
        return units

    def _refresh(self) -> bool:
        """Recompute the BCG table from the rows and redraw; show a bad value instead (False)."""
        units = self._read_rows()
        try:
            for position, name in enumerate(units["name"]):
                check_text(f"name of unit {position + 1}", name)
            table = bcg.bcg_table(units)
        except KamValueError as error:
            self.show_error(error)
            return False
        self.clear_error()
        self.units, self.table = units, table
        for row, key in zip(self.rows, table["quadrant"], strict=True):
            quadrant = next(q for q in bcg.QUADRANTS if q.key == key)
            name, strategy = _(quadrant.name, self.language), _(quadrant.strategy, self.language)
            row["quadrant"].value = f"{html.escape(name)} → {html.escape(strategy)}"
            row["name"].tooltip = f"{name} → {strategy}"
        self.quadrants_html.value = self._quadrant_summary(table)
        self.plot.draw(lambda ax: self._plot(table, ax), alt=self.label("bcg.alt"))
        return True

    def _plot(self, table: pd.DataFrame, ax: Any) -> Any:
        """The bubble chart with each bubble numbered as its row in the table (names would
        crowd a chart this size; the list under the chart names them)."""
        numbered = table.assign(number=[str(n) for n in range(1, len(table) + 1)])
        plot_bcg(numbered, label="number", ax=ax, language=self.language)
        ax.set_xlabel(_("Relative market share (log scale, high on the left)", self.language))
        return ax

    def _quadrant_summary(self, table: pd.DataFrame) -> str:
        """Which units sit in each quadrant, and what the quadrant's strategy is."""
        lines = []
        for quadrant in bcg.QUADRANTS:
            rows = np.flatnonzero((table["quadrant"] == quadrant.key).to_numpy())
            names = [f"{row + 1} {table['name'].iloc[row]}" for row in rows]
            if names:
                name, strategy = _(quadrant.name, self.language), _(quadrant.strategy,
                                                                    self.language)
                lines.append(f"<li><b>{html.escape(name)} → {html.escape(strategy)}</b>: "
                             f"{html.escape(', '.join(names))}</li>")
        return f"<ul class='kam-hint' style='margin:2px 0;padding-left:18px'>{''.join(lines)}</ul>"

    def _on_edit(self) -> None:
        """A learner's change: save it if the units are valid (else the last good ones stay)."""
        if not self._syncing and self._refresh():
            self.save()

    def _remove_clicked(self, index: int) -> None:
        try:
            self.remove_unit(index)
        except KamValueError as error:
            self.show_error(error)
