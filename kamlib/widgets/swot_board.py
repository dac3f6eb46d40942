"""SWOTBoard: a four-quadrant SWOT board (SWOT分析) [L2.8] with TOWS strategy prompts.

Strengths and weaknesses sit in the internal, controllable row (内部可控); opportunities and
threats in the external, uncontrollable row (外部不可控). In each quadrant the learner adds
items with a weight (1–5), edits them in place, moves them up or down and removes them.
Under the board, :func:`kamlib.swot.tows` pairs the heaviest items into SO/ST/WO/WT
prompts. Every change is saved in the workbook; give each board its own ``section`` to
keep, say, one SWOT per key account.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kamlib import swot as swot_domain
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError, check_text, fail
from kamlib.widgets._base import KamWidget, WidgetOptions
from kamlib.widgets.layout import card

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "swot.title": N_("SWOT analysis (SWOT分析)"),
        "swot.internal": N_("Internal, controllable (内部可控)"),
        "swot.external": N_("External, not controllable (外部不可控)"),
        "swot.add": N_("Add"),
        "swot.new_item": N_("New item, then Add"),
        "swot.weight": N_("Weight: 1 (little) to 5 (a lot)"),
        "swot.up": N_("Move up"),
        "swot.down": N_("Move down"),
        "swot.remove": N_("Remove"),
        "swot.empty": N_("Nothing here yet."),
        "swot.tows": N_("TOWS strategy prompts (SO, ST, WO, WT) from your heaviest items"),
        "swot.tows_empty": N_("Add internal and external items to get strategy prompts."),
    }
)

WEIGHTS = list(range(1, 6))
_SMALL = widgets.Layout(width="30px", padding="0")
#: An item row: its tag (S1, W2, ...), the text, the weight, up, down, remove.
_ROW_COLUMNS = "28px minmax(0, 1fr) 64px 30px 30px 30px"
_LETTERS = {"strengths": "S", "weaknesses": "W", "opportunities": "O", "threats": "T"}
#: What each TOWS strategy asks (shown in its cell of the matrix).
_TOWS_QUESTIONS = {
    "SO": N_("use a strength to seize an opportunity"),
    "ST": N_("use a strength to counter a threat"),
    "WO": N_("take an opportunity to overcome a weakness"),
    "WT": N_("reduce a weakness to avoid a threat"),
}


def _rows_for(text: str) -> int:
    """Lines a text box needs to show ``text`` whole in a quadrant (about 38 characters each;
    a Chinese character counts twice)."""
    width = sum(2 if ord(char) >= 0x2E80 else 1 for char in text)
    return max(1, min(6, -(-width // 38)))


@dataclass
class ItemRow:
    """The widgets of one listed item: text and weight (edit in place), up, down, remove."""

    text: widgets.Text
    weight: widgets.Dropdown
    up: widgets.Button
    down: widgets.Button
    remove: widgets.Button
    cells: list[widgets.Widget]


@dataclass
class QuadrantPanel:
    """The widgets of one quadrant: its item rows and the new-item controls."""

    items: widgets.VBox
    new_text: widgets.Text
    new_weight: widgets.Dropdown
    add_button: widgets.Button
    rows: list[ItemRow]
    box: widgets.VBox


class SWOTBoard(KamWidget):
    """A SWOT board whose items are saved in the workbook under ``section`` (default "swot").

    ``title``: a heading, e.g. the account the SWOT is about. ``swot``: the starting items
    (a :class:`kamlib.swot.SWOT`) when nothing is saved yet; saved work wins, so the board
    shows the learner's items again after a kernel restart.
    """

    section = "swot"
    merge_collections = ("swot/*",)

    def __init__(
        self,
        title: str | None = None,
        *,
        swot: swot_domain.SWOT | None = None,
        **options: Unpack[WidgetOptions],
    ) -> None:
        self._given_title = None if title is None else check_text("title", title)
        if swot is not None and not isinstance(swot, swot_domain.SWOT):
            raise fail("swot", swot, _("a kamlib.swot.SWOT or None"))
        self.swot = swot_domain.SWOT() if swot is None else swot
        super().__init__(**options)

    @property
    def value(self) -> dict[str, Any]:
        """The board as plain data: ``{"title": ..., "swot": SWOT.to_dict()}``."""
        return {"title": self.title, "swot": self.swot.to_dict()}

    def add(self, quadrant: str, text: str, weight: int = swot_domain.DEFAULT_WEIGHT) -> None:
        """Add an item to ``quadrant`` ("strengths", "weaknesses", "opportunities", "threats")."""
        self._commit(self.swot.add(quadrant, text, weight=weight))

    def to_markdown(self) -> str:
        """Return the board as Markdown: title, the four quadrants, then the TOWS prompts."""
        body = self.swot.to_markdown().replace("# SWOT (SWOT分析)", f"# {self.title}", 1)
        prompts = swot_domain.tows(self.swot)
        if prompts.empty:
            return body
        chinese = self.shown_language == "zh"
        lines = ["", f"## {self.named('TOWS strategy prompts', 'TOWS策略')}", ""]
        lines += [f"- **{row.strategy}**: {row.zh if chinese else f'{row.prompt} {row.zh}'}"
                  for row in prompts.itertuples()]
        return body + "\n".join(lines) + "\n"

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = self._given_title or self.label("swot.title")
        self.panels = {info.key: self._panel(info) for info in swot_domain.SWOT_QUADRANTS}
        side = "<div style='font-weight:bold;color:#555;margin:4px 0 0'>{}</div>"
        self.board_grid = widgets.GridBox(
            [
                widgets.HTML(side.format(self.label("swot.internal"))), widgets.HTML(""),
                self.panels["strengths"].box, self.panels["weaknesses"].box,
                widgets.HTML(side.format(self.label("swot.external"))), widgets.HTML(""),
                self.panels["opportunities"].box, self.panels["threats"].box,
            ],
            # two columns at most (each at least 40% wide): a third column on a wide page
            # would put the side labels and quadrants out of their 2x2 order
            layout=widgets.Layout(
                grid_template_columns="repeat(auto-fit, minmax(max(340px, 40%), 1fr))",
                grid_gap="4px 12px", width="100%"),
        )
        self.heading = widgets.HTML()
        self.tows_view = widgets.HTML()
        self.widget = card([self.heading, self.board_grid, self.message, self.tows_view],
                           "SWOTBoard")

    def _restore(self, saved: Any) -> None:
        """The saved items (and title, unless one was given) replace the starting ones."""
        if saved is None:
            return
        try:
            self.swot = swot_domain.SWOT.from_dict(saved.get("swot", {}))
            if self._given_title is None and isinstance(saved.get("title"), str):
                self.title = saved["title"]
        except (KamValueError, AttributeError) as error:
            self._report_saved_problem(
                KamValueError(f"saved SWOT in {self.section!r} ignored: {error}"))

    def _refresh(self) -> None:
        self.heading.value = f"<h3>{html.escape(self.title)}</h3>"
        self._render()

    def _panel(self, info: swot_domain.QuadrantInfo) -> QuadrantPanel:
        new_text = widgets.Textarea(placeholder=self.label("swot.new_item"), rows=2,
                                    layout=widgets.Layout(width="auto"))
        new_weight = self._weight_picker(swot_domain.DEFAULT_WEIGHT)
        add_button = widgets.Button(description=self.label("swot.add"), icon="plus",
                                    button_style="primary", layout=widgets.Layout(width="auto"))
        add_button.on_click(lambda _button: self._on_add(info.key))
        name = f"{info.en} ({info.zh})" if self.shown_language != "zh" else info.zh
        items = widgets.GridBox(layout=widgets.Layout(
            grid_template_columns=_ROW_COLUMNS, grid_gap="3px 3px", align_items="flex-start"))
        adding = widgets.GridBox([new_text, new_weight, add_button], layout=widgets.Layout(
            grid_template_columns="1fr 64px 80px", grid_gap="3px", align_items="flex-start"))
        box = widgets.VBox(
            [widgets.HTML(f"<b style='font-size:1.1em'>{html.escape(name)}</b>"), items,
             adding],
            layout=widgets.Layout(border="1px solid #ccc", padding="6px", min_width="0"),
        )
        return QuadrantPanel(items, new_text, new_weight, add_button, [], box)

    def _weight_picker(self, value: int) -> widgets.Dropdown:
        return widgets.Dropdown(options=WEIGHTS, value=value, tooltip=self.label("swot.weight"),
                                layout=widgets.Layout(width="auto"))

    @functools.cached_property
    def _header(self) -> list[widgets.Widget]:
        """Column names over a quadrant's items: number, item, weight (the arrows need none).

        One set of header widgets for the four quadrants: a view of a widget may be shown
        in several places, and re-creating them on every edit would slow the board down.
        """
        item, weight = _("Item", self.language), _("Weight 1–5", self.language)
        return [widgets.HTML(), widgets.HTML(f"<span class='kam-hint'>{item}</span>"),
                widgets.HTML(f"<span class='kam-hint' title='{self.label('swot.weight')}'>"
                             f"{weight}</span>"),
                widgets.HTML(), widgets.HTML(), widgets.HTML()]

    def _item_row(self, quadrant: str, index: int, item: swot_domain.SWOTItem) -> ItemRow:
        text = widgets.Textarea(value=item.text, continuous_update=False,
                                rows=_rows_for(item.text), layout=widgets.Layout(width="auto"))
        weight = self._weight_picker(item.weight)
        up, down, remove = (
            widgets.Button(icon=icon, tooltip=self.label(key), layout=_SMALL).add_class(
                "kam-icon-button")
            for icon, key in (("arrow-up", "swot.up"), ("arrow-down", "swot.down"),
                              ("trash", "swot.remove"))
        )
        up.disabled = index == 0
        down.disabled = index == len(self.swot.items(quadrant)) - 1
        text.observe(lambda change: self._try(lambda s: s.edit(quadrant, index,
                                                               text=change["new"]), False),
                     names="value")
        weight.observe(lambda change: self._try(lambda s: s.edit(quadrant, index,
                                                                 weight=change["new"]), False),
                       names="value")
        up.on_click(lambda _b: self._try(lambda s: s.move(quadrant, index, to_index=index - 1)))
        down.on_click(lambda _b: self._try(lambda s: s.move(quadrant, index, to_index=index + 1)))
        remove.on_click(lambda _b: self._try(lambda s: s.remove(quadrant, index)))
        number = widgets.HTML(f"<b>{_LETTERS[quadrant]}{index + 1}</b>")
        return ItemRow(text, weight, up, down, remove, [number, text, weight, up, down, remove])

    # -- state --------------------------------------------------------------------------

    def _render(self, rows: bool = True) -> None:
        """Show the items (rebuilding the rows if the list changed) and the TOWS matrix."""
        if rows:
            for key, panel in self.panels.items():
                panel.rows = [self._item_row(key, i, item)
                              for i, item in enumerate(self.swot.items(key))]
                panel.items.children = (
                    self._header + [w for row in panel.rows for w in row.cells]
                    if panel.rows else
                    [widgets.HTML(f"<i style='color:#666'>{self.label('swot.empty')}</i>",
                                  layout=widgets.Layout(grid_column="1 / -1"))])
        prompts = swot_domain.tows(self.swot)
        if prompts.empty:
            self.tows_view.value = f"<p><i>{self.label('swot.tows_empty')}</i></p>"
            return
        self.tows_view.value = self._tows_matrix(prompts)

    def _tows_matrix(self, prompts: Any) -> str:
        """The TOWS prompts as a 2x2 matrix: internal rows, external columns, the item pairs
        to think about in each cell (the full prompt shows on hover)."""
        lang = self.language
        column = "zh" if self.shown_language == "zh" else "prompt"

        def tag(quadrant: str, text: str) -> str:
            texts = [item.text for item in self.swot.items(quadrant)]
            return f"{_LETTERS[quadrant]}{texts.index(text) + 1}"

        def side(quadrant: str) -> str:
            info = next(q for q in swot_domain.SWOT_QUADRANTS if q.key == quadrant)
            name = info.zh if self.shown_language == "zh" else info.en
            items = self.swot.items(quadrant)
            used = set(prompts["internal"]) | set(prompts["external"])
            listed = "; ".join(f"{tag(quadrant, i.text)} {html.escape(i.text)}"
                               for i in items if i.text in used)
            return f"<b>{html.escape(name)}</b><br><span class='kam-hint'>{listed}</span>"

        def cell(strategy: swot_domain.TowsStrategy) -> str:
            rows = prompts[prompts["strategy"] == strategy.key]
            question = html.escape(_(_TOWS_QUESTIONS[strategy.key], lang))
            if rows.empty:
                return f"<td><b>{strategy.key}</b>: {question}<br><i class='kam-hint'>—</i></td>"
            lines = []
            for row in rows.itertuples(index=False):
                said = getattr(row, column)
                if not row.internal or not row.external:  # no linked pair: the gap is a finding
                    lines.append(f"<i class='kam-hint'>{html.escape(said)}</i>")
                    continue
                why = getattr(row, "link", "")
                lines.append(
                    f"<span title='{html.escape(said, quote=True)}'>"
                    f"<b>{tag(strategy.internal, row.internal)}+"
                    f"{tag(strategy.external, row.external)}</b></span>"
                    + (f" <span class='kam-hint'>{html.escape(why)}</span>" if why else ""))
            return f"<td><b>{strategy.key}</b>: {question}<br>{'<br>'.join(lines)}</td>"

        strategies = {s.key: s for s in swot_domain.TOWS_STRATEGIES}
        body = "".join(
            f"<tr><th>{side(internal)}</th>{cell(strategies[a])}{cell(strategies[b])}</tr>"
            for internal, a, b in (("strengths", "SO", "ST"), ("weaknesses", "WO", "WT")))
        return (f"<h4>{self.label('swot.tows')}</h4><table class='kam-table'><thead><tr><th></th>"
                f"<th>{side('opportunities')}</th><th>{side('threats')}</th></tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def _commit(self, swot: swot_domain.SWOT, rows: bool = True) -> None:
        self.swot = swot
        self.clear_error()
        self._render(rows)
        self.save()

    def _try(self, change: Callable[[swot_domain.SWOT], swot_domain.SWOT], rows: bool = True
             ) -> bool:
        """Apply ``change`` to the SWOT; show a bad input in the widget instead of raising."""
        try:
            swot = change(self.swot)
        except KamValueError as error:
            self.show_error(error)
            return False
        self._commit(swot, rows)
        return True

    def _on_add(self, quadrant: str) -> None:
        panel = self.panels[quadrant]
        if self._try(
            lambda s: s.add(quadrant, panel.new_text.value, weight=panel.new_weight.value)
        ):
            panel.new_text.value = ""
