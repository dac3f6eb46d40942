"""The foundation every course widget is built on: workbook saving, labels, messages, plots.

A widget is a plain Python class that *has* an ipywidgets box (``.widget``) rather than being
one, so that its public surface stays small. To write a new one:

1. subclass :class:`KamWidget` and set the class attribute ``section`` (the workbook key);
2. if it takes data, give it an ``__init__(self, data=None, **options)`` that checks the data,
   keeps it on ``self`` and ends with ``super().__init__(**options)`` (the options are
   :class:`WidgetOptions`: ``section``, ``workbook``, ``language``, keyword-only; annotate
   them ``**options: Unpack[WidgetOptions]``, importing ``Unpack`` from ``typing_extensions``
   under ``TYPE_CHECKING``);
3. implement ``_build()`` (the child widgets and the starting state; put the box in
   ``self.widget``), ``_restore(saved)`` (apply the saved work; observers are quiet) and
   ``_refresh()`` (show the state; never save): :class:`KamWidget` calls them in this order;
4. implement the ``value`` property: the learner's state as plain JSON data;
5. in every observer, return at once while ``self._syncing`` (code, not the learner, is
   setting the controls: see :meth:`KamWidget._quietly`), else update the model and call
   ``self.save()`` (:meth:`KamWidget._on_learner_change` does it for controls whose change
   needs only ``_refresh()``); show bad input with ``self.show_error(error)`` (a
   :class:`~kamlib.KamValueError`) instead of raising.

Only the learner's changes are saved: creating a widget writes nothing, so data fixed later
(e.g. the case company's figures) reaches every learner who has not edited it.

Nothing is lost across tabs or re-run cells: a widget remembers the revision of its section
it last loaded or saved, and :meth:`KamWidget.save` refuses to overwrite a newer one. Then the
two edits are merged where the section holds collections of entries (the class attribute
``merge_collections``, e.g. ``("swot/*",)``: see :func:`kamlib.merging.merge_values`), or
the learner's change is refused with a message; either way the widget is rebuilt to show
what is saved. A save that fails (disk full, folder read-only) says "Not saved" in the widget
and leaves the file as it was.

Labels come from :mod:`kamlib.i18n` through :meth:`KamWidget.label`; plots go through
:class:`PlotOutput`.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict

import ipywidgets as widgets

from kamlib.case import check_case_account
from kamlib.i18n import LANGUAGES, N_, _, get_language, register, t
from kamlib.merging import MergeConflict, merge_values
from kamlib.tables import to_html
from kamlib.validation import KamValueError, check_choice, check_text, fail
from kamlib.workbook import (
    SavedSection,
    Workbook,
    WorkbookConflict,
    WorkbookSaveError,
    default_workbook,
    plain_json,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "widget.problem": N_("Please check your input"),
        "widget.plot_alt": N_("Plot"),
    }
)


_SAVED = object()  # _load's default: show the saved value


class WidgetOptions(TypedDict, total=False):
    """The keyword options every widget takes (see :class:`KamWidget`)."""

    section: str | None
    workbook: Workbook | None
    language: str | None


class KamWidget:
    """Base class of the course widgets: a section of the learner's workbook plus an ipywidget.

    ``section``: the workbook key the state is saved under (a class default, overridable so
    that a notebook can have, e.g., one SWOT board per account). ``workbook``: the store to
    use (default: :func:`kamlib.workbook.default_workbook`). ``language``: ``"en"`` or
    ``"zh"`` for this widget's labels (default: the current language of :mod:`kamlib.i18n`).
    The constructor then builds the controls, restores the saved work and shows it.
    """

    section: str = ""
    #: Paths of the parts of :attr:`value` that are collections of entries (lists or dicts
    #: whose items are independent), merged when two tabs or cells save the section: see
    #: :func:`kamlib.merging.merge_values`. Empty: any change made elsewhere is kept and
    #: this widget's conflicting change is refused.
    merge_collections: tuple[str, ...] = ()
    widget: widgets.Widget

    def __init__(
        self,
        *,
        section: str | None = None,
        workbook: Workbook | None = None,
        language: str | None = None,
    ) -> None:
        self.section = check_text("section", type(self).section if section is None else section)
        if workbook is not None and not isinstance(workbook, Workbook):
            raise fail("workbook", workbook, _("a kamlib.workbook.Workbook or None"))
        self.workbook = default_workbook() if workbook is None else workbook
        self.language = None if language is None else check_choice("language", language, LANGUAGES)
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self._syncing = False
        self._saved_problem: KamValueError | None = None
        self._save_problem_shown = False
        self._load(self.workbook.load(self.section))
        if self._saved_problem is not None:  # shown last: the first refresh may clear messages
            self.show_error(self._saved_problem)

    def _build(self) -> None:
        """Create the child widgets and the starting state; set ``self.widget`` (here: the
        message alone)."""
        self.widget = widgets.VBox([self.message])

    def _restore(self, saved: Any) -> None:
        """Apply the saved work (``None`` when there is none); report bad parts, never raise."""

    def _refresh(self) -> None:
        """Show the current state (recompute, redraw); never save."""

    def _on_learner_change(self, _change: Any = None) -> None:
        """An observer for controls whose change needs only a refresh and a save."""
        if self._syncing:
            return
        self._refresh()
        self.save()

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """Set ``self._syncing`` while code sets the controls, so observers ignore the change.

        Nests: an inner block leaves ``self._syncing`` as the outer block set it.
        """
        previous, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = previous

    def _ignore_saved(self, error: Exception, what: str = "work") -> None:
        """Say that the saved ``what`` could not be read and was left out (never raise)."""
        self._report_saved_problem(
            KamValueError(f"saved {what} in section {self.section!r} ignored: {error}")
        )

    def _report_saved_problem(self, problem: KamValueError) -> None:
        """Show ``problem`` with the saved work once the widget is built (the last one wins)."""
        self._saved_problem = problem

    @property
    def value(self) -> Any:
        """The learner's state as plain JSON data (what :meth:`save` writes)."""
        raise NotImplementedError(f"{type(self).__name__} must define the value property")

    @property
    def shown_language(self) -> str:
        """The language this widget shows: its own ``language``, else the current one."""
        return self.language or get_language()

    def label(self, key: str) -> str:
        """Return the registered label ``key`` in this widget's language."""
        return t(key, language=self.language)

    def named(self, en: str, zh: str) -> str:
        """A name that the data gives in both languages, as this widget shows it.

        Parameters
        ----------
        en, zh : str
            The English and the Chinese name (``zh`` may be empty).

        Returns
        -------
        str
            The Chinese alone in Chinese, ``"English (中文)"`` in English, the English alone
            when there is no Chinese name.
        """
        if not zh:
            return en
        return zh if self.shown_language == "zh" else f"{en} ({zh})"

    def saved(self) -> Any:
        """Return what the workbook holds for this widget's section (``None`` if nothing)."""
        return self.workbook.get(self.section)

    def save(self) -> bool:
        """Write :attr:`value` to the workbook under :attr:`section`; return whether it was.

        If the section was saved elsewhere since this widget loaded or saved it (another tab,
        a re-run cell, another kernel), the two edits are merged (``merge_collections``) or
        this change is refused; the widget then shows what is saved, with a message. This is
        decided while the file is locked, so no third writer can come between. A write that
        fails shows "Not saved" and the reason; the learner's entries stay on screen and are
        saved with their next change.
        """
        mine = self.value
        written = {"value": mine}

        def settle(saved: SavedSection) -> Any:
            written["value"] = self._settle(saved, mine)
            return written["value"]

        try:
            revision = self.workbook.set(self.section, mine, expected_revision=self._revision,
                                         resolve=settle)
        except WorkbookConflict:
            return False  # refused: _settle showed the saved work and said why
        except WorkbookSaveError as error:
            self._show_save_problem(error.reason)
            return False
        self._revision, self._base = revision, plain_json(written["value"])
        if self._save_problem_shown:
            self.clear_error()
        return True

    def reload(self) -> None:
        """Rebuild the widget from what the workbook holds now (e.g. after a change elsewhere)."""
        self._load(self.workbook.load(self.section))

    def _load(self, saved: SavedSection, value: Any = _SAVED) -> bool:
        """Build the controls and show ``value`` (default: ``saved.value``), remembering
        ``saved`` as the state of the file; return False if the widget reported a problem
        with the value. Rebuilt controls go into the box already on screen."""
        shown = getattr(self, "widget", None)
        self._saved_problem = None
        self._build()
        with self._quietly():
            self._restore(saved.value if value is _SAVED else value)
        self._refresh()
        if isinstance(shown, widgets.Box) and isinstance(self.widget, widgets.Box):
            shown.children, self.widget = self.widget.children, shown
        # With nothing saved, the file holds the widget's starting state, in effect.
        self._revision = saved.revision
        self._base = saved.value if saved.revision else plain_json(self.value)
        return self._saved_problem is None

    def _settle(self, saved: SavedSection, mine: Any) -> Any:
        """After a conflict: the value to write (merged), or None if mine was refused."""
        if saved.revision == 0:  # the section is gone (file moved aside): nothing to keep
            return mine
        try:
            merged = merge_values(self._base, plain_json(mine), saved.value,
                                  collections=self.merge_collections)
        except MergeConflict:
            self._refuse(saved)
            return None
        if _same(merged, mine):  # nothing of theirs to show: write mine
            return mine
        if not self._load(saved, merged):
            self._refuse(saved)
            return None
        self._show_notice(_(
            "Entries saved in another tab or by re-running this cell were kept, together "
            "with yours.", self.language))
        return self.value

    def _refuse(self, saved: SavedSection) -> None:
        """Show what is saved instead of this widget's change, and say so."""
        self._load(saved)
        self._show_notice(_(
            "This work was also changed in another tab or by re-running this cell. To keep "
            "that newer work, your last change here was not saved: this shows the saved work "
            "now. Please make your change again.", self.language), alert=True)

    def _show_notice(self, text: str, alert: bool = False) -> None:
        """Tell the learner what happened to their work (not a problem with their input)."""
        self._show_message(text, tone="alert" if alert else "status")

    def _show_save_problem(self, reason: str) -> None:
        """Say "Not saved" and why, in the learner's words."""
        self._show_message(
            f"{reason}. " + _("What was saved before is unchanged; what you see here will be "
                              "saved with your next change once this is fixed.", self.language),
            title=_("Not saved", self.language))
        self._save_problem_shown = True

    def show_error(self, error: Exception) -> None:
        """Show a problem with the learner's input in the widget instead of raising it."""
        self._show_message(str(error), title=self.label("widget.problem"))

    def _show_message(self, text: str, title: str = "", tone: str = "problem") -> None:
        """Show ``text`` (after a bold ``title``) in the message line; ``tone`` is "problem",
        "alert" (something the learner must redo) or "status" (for information)."""
        colours = {"problem": ("#A63603", "#FFF3E0", "#D55E00"),
                   "alert": ("#8A4B00", "#FFF8E1", "#E69F00"),
                   "status": ("#0B4F71", "#E8F4FA", "#0072B2")}[tone]
        heading = f"<b>{html.escape(title)}:</b> " if title else ""
        self.message.value = (
            f'<div role="{"status" if tone == "status" else "alert"}" style="color:{colours[0]};'
            f"background:{colours[1]};border-left:4px solid {colours[2]};padding:4px 8px\">"
            f"{heading}{html.escape(text)}</div>"
        )
        self._save_problem_shown = False

    def clear_error(self) -> None:
        """Remove the message shown by :meth:`show_error`."""
        self.message.value = ""

    @property
    def error(self) -> str:
        """The text of the message on show ("" if none), for tests and notebooks."""
        return html.unescape(_strip_tags(self.message.value))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_run_hint(self.widget._repr_mimebundle_(**kwargs))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def with_run_hint(bundle: Any) -> Any:
    """A widget's display data whose plain-text form tells the reader to run the notebook.

    Where widgets cannot be drawn (a notebook viewer, a text export), the reader sees this
    hint instead of ``VBox(children=...)``.
    """
    if isinstance(bundle, dict):
        bundle = {**bundle, "text/plain": _("[A course widget: run the notebook (Run ▸ Run "
                                            "All Cells) in JupyterLab to use it.]")}
    return bundle


class CaseAccountWidget(KamWidget):
    """A widget that may be about one account of the case company.

    ``account_id``: the account (checked against the case data), or None. Given one, the
    work is saved under ``<section>/<account_id>`` unless ``section`` is given, so each
    account keeps its own answers.
    """

    def __init__(self, account_id: str | None = None, **options: Unpack[WidgetOptions]) -> None:
        self.account_id = None if account_id is None else check_case_account(account_id)
        if options.get("section") is None and self.account_id is not None:
            options["section"] = f"{type(self).section}/{self.account_id}"
        super().__init__(**options)


def _same(first: Any, second: Any) -> bool:
    """Whether two plain JSON values are the same data (``True`` is not ``1`` here)."""
    return json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


#: The course's HTML table (full text, money formatted): :func:`kamlib.tables.to_html`.
html_table = to_html


class PlotOutput:
    """An image widget that shows one matplotlib figure and replaces it on each redraw.

    The figure is a bare :class:`matplotlib.figure.Figure` rendered to PNG, not a pyplot
    figure, so nothing is left open (no leaks across redraws) and no backend needs choosing:
    the same code runs in the notebook and in tests. The PNG travels to the browser as a
    binary buffer of an ``Image`` widget, which swaps the picture in place (faster than an
    ``Output`` widget, which re-renders its output area). ``png`` holds the last image,
    ``axes`` the last axes and ``alt`` its description in words, for tests. (An ``Image``
    widget takes no tooltip: ipywidgets 8.1's front end fails to draw one that has it.)
    """

    def __init__(
        self,
        figsize: tuple[float, float] = (6.0, 4.2),
        dpi: int | None = None,
        margins: dict[str, float] | None = None,
    ) -> None:
        """``figsize``: inches at :data:`kamlib.widgets.layout.DPI` pixels per inch (so 6 x 4.2
        is 600 x 420 px on a laptop). ``dpi``: fixed pixel density (default: sharper in
        presenter size). ``margins``: fixed subplot margins (figure fractions, as for
        ``Figure.subplots_adjust``); faster than the default constrained layout, which lays
        the figure out twice, so use them for plots redrawn on every change."""
        self.figsize, self.dpi, self.margins = figsize, dpi, margins
        self.output = widgets.Image(format="png")
        self.output.add_class("kam-chart")
        self.png = b""
        self.alt = ""
        self.axes: Any = None

    def draw(self, plot: Callable[[Any], Any], alt: str = "") -> None:
        """Call ``plot(ax)`` on fresh axes and show the result; ``alt`` describes it in words."""
        from matplotlib.figure import Figure

        from kamlib.widgets.layout import chart_dpi

        figure = Figure(figsize=self.figsize, dpi=self.dpi or chart_dpi(),
                        layout=None if self.margins else "constrained")
        axes = figure.subplots()
        if self.margins:
            figure.subplots_adjust(**self.margins)
        plot(axes)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        self.png, self.axes, self.alt = buffer.getvalue(), axes, alt or t("widget.plot_alt")
        self.output.value = self.png
