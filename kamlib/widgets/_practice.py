"""What the practice widgets of "analyse your account" and "selling skills" share [O4, O5].

Each practice widget shows a task, takes the learner's words in text boxes, and judges them
with a domain function of :mod:`kamlib.goals`, :mod:`kamlib.buying_centre`,
:mod:`kamlib.selling` or :mod:`kamlib.social_style`. :class:`PracticeWidget` gives them
translated texts in the widget's language, the account they practise on (the learner's
studied account, :func:`kamlib.case.studied_account`, by default), and one way to show
verdicts: a table of rows with an icon *and* a word (never colour alone), the reason and,
when a row fails, how to fix it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kamlib.i18n import N_, gettext
from kamlib.views.style import OKABE_ITO
from kamlib.widgets._base import CaseAccountWidget
from kamlib.widgets.layout import card

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from kamlib.widgets._base import WidgetOptions

_ICONS = {True: "\u2714", False: "\u2718", None: "\u2022"}  # ✔ ✘ •
_COLORS = {True: OKABE_ITO["bluish_green"], False: OKABE_ITO["vermillion"], None: "#555"}
_WORDS = {True: N_("done"), False: N_("not yet"), None: N_("to write")}


class PracticeWidget(CaseAccountWidget):
    """Base of the practice widgets: one account, translated texts, a verdict table.

    ``account_id``: a case account; default: the learner's studied account. When that is an
    account of the learner's own CRM export, a widget that reads no case data
    (:attr:`needs_case_data` False) practises on it; the others use the course's thread
    account. Unless ``section`` is given, the work is saved under ``<section>/<account_id>``.
    """

    #: Whether the widget cannot work without the account's case data (its people, orders or
    #: visits); one that can uses them when they exist and practises on any account.
    needs_case_data = True

    def __init__(self, account_id: str | None = None, **options: Unpack[WidgetOptions]) -> None:
        from kamlib import case

        self.own_account = False
        if account_id is None:
            chosen = case.studied_account(options.get("workbook"))
            if chosen.source == "case":
                account_id = chosen.account_id
            elif self.needs_case_data:
                account_id = case.THREAD_ACCOUNT
            else:  # the learner's own account: no case data to check it against
                self.account_id, self.own_account = chosen.account_id, True
                if options.get("section") is None:
                    options["section"] = f"{type(self).section}/{chosen.account_id}"
                super(CaseAccountWidget, self).__init__(**options)
                return
        super().__init__(account_id, **options)
        self.account_id: str

    def tr(self, text: str) -> str:
        """``text`` (an English text marked with ``N_``) in this widget's language."""
        return gettext(text, language=self.language)

    def title(self, title: str, intro: str) -> widgets.HTML:
        """The widget's heading and a line saying what to do."""
        return widgets.HTML(
            f"<h3>{html.escape(self.tr(title))}</h3><p>{html.escape(self.tr(intro))}</p>"
        )

    def text_box(self, description: str, placeholder: str = "", height: str = "56px",
                 label_width: str = "120px") -> widgets.Textarea:
        """A text box whose changes (when the learner leaves it) refresh and save;
        ``label_width`` must hold the longest label of the widget's boxes uncut."""
        box = widgets.Textarea(
            description=self.tr(description), placeholder=self.tr(placeholder),
            continuous_update=False, layout=widgets.Layout(width="98%", height=height),
            style={"description_width": label_width},
        )
        box.observe(self._on_learner_change, names="value")
        return box

    def verdicts(self, rows: list[tuple[str, bool | None, str, str]]) -> str:
        """An HTML table, one row per (label, passed, reason, hint); ``passed`` None: not
        written yet."""
        cells = []
        for label, passed, reason, hint in rows:
            fix = (
                f"<br><span style='color:#333'>&rarr; {html.escape(hint)}</span>"
                if hint and passed is not True else ""
            )
            cells.append(
                "<tr>"
                f"<td style='font-size:130%;color:{_COLORS[passed]}' aria-hidden='true'>"
                f"{_ICONS[passed]}</td>"
                f"<td><b>{html.escape(label)}</b></td>"
                f"<td><b>{html.escape(self.tr(_WORDS[passed]))}</b></td>"
                f"<td>{html.escape(reason)}{fix}</td>"
                "</tr>"
            )
        return (
            "<table class='kam-table' style='border-collapse:collapse;width:100%'>"
            f"{''.join(cells)}</table>"
        )

    def frame(self, *children: widgets.Widget) -> widgets.VBox:
        """The widget's card (:func:`kamlib.widgets.layout.card`, CSS class ``kam-<class
        name>``): children, then the message line."""
        return card([*children, self.message], type(self).__name__)


def saved_texts(saved: Any, keys: tuple[str, ...]) -> dict[str, str]:
    """The texts a widget saved under ``keys`` (missing or bad entries read as "")."""
    if not isinstance(saved, dict):
        return dict.fromkeys(keys, "")
    return {key: saved[key] if isinstance(saved.get(key), str) else "" for key in keys}
