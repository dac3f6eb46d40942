"""How the course widgets look: one stylesheet, a presenter size for projectors, layout helpers.

Every widget is a *card* (:func:`card`): a box with the class ``kam-widget`` that carries the
course's stylesheet, so that text is at least 13 px, tables wrap their text and align their
numbers, toggle buttons show clearly which one is selected, and charts shrink with the page.
Charts sit beside their controls (:func:`beside`) and go above them when the page is narrow,
so a learner sees the effect of a change without scrolling.

Presenter size: :func:`presenter` (or the environment variable ``KAMLIB_PRESENTER=1``, which
``make present`` sets) makes every card's text and charts larger, for a projector. It applies
at once to the widgets on show and to those created afterwards.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Sequence

import ipywidgets as widgets

from kamlib.i18n import _
from kamlib.tables import TABLE_CSS
from kamlib.validation import check_bool

#: The environment variable that turns the presenter size on ("1", "true", "yes").
PRESENTER_VARIABLE = "KAMLIB_PRESENTER"
#: CSS class of every course widget's outer box, and of the presenter size.
CARD_CLASS, PRESENTER_CLASS = "kam-widget", "kam-presenter"
#: Pixel density of charts: normal, and in presenter size (sharper when shown larger).
DPI, PRESENTER_DPI = 100, 150

STYLESHEET = """
.kam-widget {
  --jp-widgets-font-size: 14px; --kam-accent: #0072B2;
  font-size: 14px; line-height: 1.4; box-sizing: border-box; max-width: 100%;
  border: 1px solid #d0d0d0; border-radius: 4px; padding: 8px 10px;
}
.kam-widget h3 { font-size: 1.25em; margin: 0 0 6px; }
.kam-widget h4 { font-size: 1.05em; margin: 8px 0 4px; }
.kam-widget .widget-html-content, .kam-widget .widget-label { font-size: inherit; }
.kam-widget .widget-label, .kam-widget .widget-inline-hbox .widget-label { min-width: 0; }
.kam-widget .widget-html-content { line-height: 1.4; white-space: normal; }
.kam-widget .kam-table { width: 100%; }
.kam-widget .kam-scroll { max-height: 260px; overflow-y: auto; }
.kam-widget .widget-toggle-buttons .widget-toggle-button,
.kam-widget .widget-toggle-button { border: 1px solid #999; }
.kam-widget .widget-toggle-buttons .widget-toggle-button.mod-active,
.kam-widget .widget-toggle-button.mod-active {
  background: var(--kam-accent); color: #fff; border-color: #004E7A; font-weight: 700;
  box-shadow: inset 0 0 0 2px #004E7A; }
.kam-widget .widget-radio-box label, .kam-widget .widget-checkbox label {
  white-space: normal; overflow: visible; height: auto; line-height: 1.35; }
.kam-widget .widget-radio-box label { align-items: flex-start; margin: 3px 0; }
.kam-widget .widget-radio-box input { flex: none; margin-top: 3px; }
.kam-widget .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height); }
.kam-widget .widget-textarea textarea, .kam-widget .widget-text input {
  font-family: var(--jp-ui-font-family); line-height: 1.35; resize: vertical; }
.kam-widget .widget-textarea textarea { field-sizing: content; min-height: 2.2em; }
.kam-widget .widget-button { padding: 0 8px; width: auto; min-width: 2.4em; }
.kam-widget input[type=number] { padding-right: 2px; }
.kam-widget input[type=number]::-webkit-inner-spin-button,
.kam-widget input[type=number]::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }
.kam-widget input[type=number] { -moz-appearance: textfield; }
.kam-widget .kam-icon-button.widget-button { padding: 0; }
.kam-widget img.kam-chart { max-width: 100%; height: auto; object-fit: contain;
  align-self: flex-start; }
.kam-widget .kam-hint { color: #555; font-size: 13px; }
.kam-widget .jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; }
.kam-widget a[href] { color: var(--jp-content-link-color, #0d47a1); text-decoration: underline; }
.kam-widget.kam-answer { border-left: 4px solid var(--kam-accent); }
.kam-widget .kam-footer { color: #666; font-size: 13px; border-top: 1px solid #eee;
  margin-top: 6px; padding-top: 2px; }
.kam-widget.kam-presenter { --jp-widgets-font-size: 19px; --jp-widgets-inline-height: 38px;
  --jp-widgets-inline-label-width: 150px; font-size: 19px; }
.kam-widget.kam-presenter .kam-table, .kam-widget.kam-presenter .kam-hint,
.kam-widget.kam-presenter .kam-footer { font-size: 17px; }
.kam-widget.kam-presenter .kam-footer { display: none; }
.kam-widget.kam-presenter img.kam-chart { width: 100%; max-width: 100%; }
.kam-widget.kam-presenter .kam-chart-column { flex: 1 1 45% !important; width: auto !important; }
""" + TABLE_CSS

_state: dict[str, bool | None] = {"presenter": None}
_cards: weakref.WeakSet[widgets.Box] = weakref.WeakSet()


def presenter(on: bool | None = None) -> bool:
    """Turn the presenter size on or off for every course widget; return whether it is on.

    Parameters
    ----------
    on : bool, optional
        ``True`` for larger text and charts (a projector), ``False`` for the laptop size;
        ``None`` only reports. Without a call, ``KAMLIB_PRESENTER`` decides (off if unset).

    Returns
    -------
    bool
        Whether the presenter size is on now.

    Raises
    ------
    KamValueError
        ``on`` is not True, False or None.

    Examples
    --------
    >>> presenter(True)
    True
    >>> presenter(False)
    False
    """
    if on is not None:
        _state["presenter"] = check_bool("on", on)
        for box in list(_cards):
            _apply_presenter(box)
    if _state["presenter"] is None:
        return os.environ.get(PRESENTER_VARIABLE, "").strip().lower() in ("1", "true", "yes")
    return bool(_state["presenter"])


def chart_dpi() -> int:
    """The pixel density of charts now: sharper in presenter size, where they show larger."""
    return PRESENTER_DPI if presenter() else DPI


def _apply_presenter(box: widgets.Box) -> None:
    if presenter():
        box.add_class(PRESENTER_CLASS)
    else:
        box.remove_class(PRESENTER_CLASS)


def card(children: Sequence[widgets.Widget], name: str, *,
         footer: str | None = None) -> widgets.VBox:
    """The outer box of a course widget: the stylesheet, ``children`` and a footer line.

    ``name`` becomes the CSS class ``kam-<name>`` (tests and presenters find a widget by it).
    ``footer``: a short line under the widget (default: how saved work comes back; ""
    for none, e.g. a question inside a set that has the line once).
    """
    note = _("Your entries are saved in your workbook. Reopened notebook? Run it (Run ▸ Run "
             "All Cells) to make this widget live again.") if footer is None else footer
    footer_line = [widgets.HTML(f"<div class='kam-footer'>{note}</div>")] if note else []
    box = widgets.VBox(
        [widgets.HTML(f"<style>{STYLESHEET}</style>", layout=widgets.Layout(display="none")),
         *children, *footer_line],
        layout=widgets.Layout(width="100%"),
    )
    box.add_class(CARD_CLASS)
    box.add_class(f"kam-{name}")
    _cards.add(box)
    _apply_presenter(box)
    return box


def beside(chart: widgets.Widget, controls: widgets.Widget, *,
           controls_width: str = "340px") -> widgets.Box:
    """The chart and its controls side by side; the chart goes first (on top) when narrow.

    ``controls_width``: the width the controls need at least; they take the rest of the row.
    """
    chart.layout.flex = "0 1 auto"
    chart.layout.min_width = "0"
    chart.add_class("kam-chart-column")
    controls.layout.flex = f"1 1 {controls_width}"
    controls.layout.min_width = "0"
    return widgets.Box([chart, controls], layout=widgets.Layout(
        display="flex", flex_flow="row wrap", align_items="flex-start", grid_gap="8px 16px",
        width="100%"))


def heading(text: str, level: int = 3) -> widgets.HTML:
    """A heading inside a card (``text`` is escaped)."""
    import html

    return widgets.HTML(f"<h{level}>{html.escape(text)}</h{level}>")
