"""StyleSelfAssessment: find your own social style, and how to flex it to your customers' [O5].

"Know yourself" (了解自己) starts with your own behaviour. The learner rates eight statements
from 1 (not like me) to 4 (very much like me); :func:`kamlib.social_style.assess_style`
places them as a driver, expressive, amiable or analytical (Merrill & Reid 1981), and
:func:`kamlib.social_style.flex_plan` says how to flex towards the styles recorded in the
account's customer file (:func:`kamlib.social_style.styles_on_file`). The ratings are saved.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import datasets, social_style
from kamlib.i18n import N_, join_list
from kamlib.widgets._base import html_table
from kamlib.widgets._practice import PracticeWidget


class StyleSelfAssessment(PracticeWidget):
    """Eight statements rated 1–4, your style, and a flex plan for the account's people.

    ``.value`` = ``{"ratings": {statement: 1-4}}`` (unrated statements left out);
    ``.profile`` is the :class:`kamlib.social_style.StyleProfile` once all are rated.

    Parameters
    ----------
    account_id : str, optional
        The case account whose people the flex plan is for (default: the account the learner
        studies if it is a case account, else the course's thread account).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "style_self_assessment/<account_id>".

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of the case data.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> assessment = StyleSelfAssessment(workbook=book, language="en")
    >>> assessment.value, assessment.profile is None
    ({'ratings': {}}, True)
    """

    section = "style_self_assessment"

    def _build(self) -> None:
        scale = [(str(n), n) for n in social_style.RATING_SCALE]
        self.ratings: dict[str, widgets.ToggleButtons] = {}
        rows = []
        for statement in social_style.STATEMENTS:
            buttons = widgets.ToggleButtons(
                options=scale, value=None,
                tooltips=[self.tr(text) for text in social_style.RATING_SCALE.values()],
                style={"button_width": "42px"})
            buttons.observe(self._on_learner_change, names="value")
            self.ratings[statement.key] = buttons
            rows.append(widgets.HBox([
                widgets.HTML(html.escape(self.tr(statement.text)),
                             layout=widgets.Layout(width="460px")),
                buttons]))
        scale_text = join_list((f"{n} = {self.tr(text)}"
                                for n, text in social_style.RATING_SCALE.items()),
                               self.shown_language)
        self.result = widgets.HTML()
        self.plan = widgets.HTML()
        self.profile: social_style.StyleProfile | None = None
        self.widget = self.frame(
            self.title(N_("Know yourself: your social style"),
                       N_("Rate each statement as you behave at work, not as you would like "
                          "to.")),
            widgets.HTML(f"<p><i>{html.escape(scale_text)}</i></p>"),
            *rows, self.result, self.plan,
        )

    @property
    def value(self) -> dict[str, Any]:
        return {"ratings": {key: buttons.value for key, buttons in self.ratings.items()
                            if buttons.value is not None}}

    def _restore(self, saved: Any) -> None:
        ratings = saved.get("ratings") if isinstance(saved, dict) else None
        if not isinstance(ratings, dict):
            return
        for key, rating in ratings.items():
            if key in self.ratings and rating in social_style.RATING_SCALE:
                self.ratings[key].value = rating

    def _refresh(self) -> None:
        rated = self.value["ratings"]
        if len(rated) < len(self.ratings):
            self.profile = None
            left = len(self.ratings) - len(rated)
            self.result.value = "<p>" + html.escape(self.tr(
                N_("{left} statement(s) still to rate.")).format(left=left)) + "</p>"
            self.plan.value = ""
            return
        self.profile = social_style.assess_style(rated)
        self.result.value = f"<p><b>{html.escape(self.profile.describe())}</b></p>"
        people = datasets.load("people")
        styles = []
        if (people["account_id"] == self.account_id).any():
            styles = [
                k
                for k in social_style.styles_on_file(people, account_id=self.account_id)["style"]
                if k
            ]
        plan = social_style.flex_plan(self.profile, customer_styles=styles)
        heading = self.tr(N_("How to flex towards the styles in {account}'s file")).format(
            account=self.account_id) if styles else self.tr(N_("How to flex towards each style"))
        shown = plan[["name", "wants", "flex"]].rename(columns={
            "name": self.tr(N_("Their style")), "wants": self.tr(N_("What they want")),
            "flex": self.tr(N_("What you change"))})
        self.plan.value = f"<h4>{html.escape(heading)}</h4>{html_table(shown, index=False)}"
