"""OpportunityRanking: rank accounts and prospects by expected value (期望值) [L3.1].

Steps 2 and 3 of the handout's sequence, rank and estimate the probability of the outcome
(优先排序, 预估结果发生概率), as sliders and a chart. The chances of winning (by relationship
stage for the accounts that buy from us; "known" or "cold" for prospects) start at the course
settings' (:mod:`kamlib.settings`); a learner moves them as a what-if saved in their workbook,
rates single prospects themselves, and sees the ranking and their account's place change. An
instructor may make the chances on show the course's, for every widget, exercise and notebook.
All the ranking is done by :mod:`kamlib.priority`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from kamlib import case, datasets, priority, settings, stages
from kamlib.i18n import _
from kamlib.settings import PROSPECT_KINDS, TRADING_STAGES
from kamlib.validation import KamValueError, check_choice, check_number
from kamlib.views.priority import plot_opportunities
from kamlib.widgets._base import KamWidget, PlotOutput
from kamlib.widgets.layout import beside, card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from kamlib.widgets._base import WidgetOptions

_SLIDER = {"min": 0.0, "max": 1.0, "step": 0.05, "readout_format": ".0%",
           "continuous_update": False, "style": {"description_width": "150px"},
           "layout": widgets.Layout(width="100%")}
#: Chart and controls (290 px) fit side by side in a notebook at 1366x768.
_CHART = {"figsize": (5.5, 5.6), "margins": {"left": 0.41, "right": 0.97, "bottom": 0.09,
                                             "top": 0.86}}
_TOP = 10


class _CaseData:
    """What the rankings start from: the case accounts with this year's revenue (``book``),
    their relationship ``stages``, and the prospects (``known``: someone there is on file)."""

    def __init__(self) -> None:
        self.accounts = datasets.load("accounts")
        self.orders = datasets.load("transactions")
        self.book = case.scored_accounts()
        self.stages = stages.relationship_stages(datasets.load("contacts"), self.orders,
                                                 self.accounts, as_of=settings.current().today)
        first = priority.prospect_probabilities(self.accounts, datasets.load("people"),
                                                transactions=self.orders)
        listed = priority.wish_file(self.accounts, first["win_probability"],
                                    transactions=self.orders)  # prospects with a capacity
        self.first_wish = str(listed["account_id"].iloc[0])
        self.prospects = listed.sort_values("account_id")[["account_id", "name", "name_zh"]]
        self.known = first.loc[self.prospects["account_id"], "known"]


class OpportunityRanking(KamWidget):
    """Chances of winning by stage and for prospects, the two rankings and their charts.

    ``account_id``: the account to follow (highlighted; its rank said in words), e.g. the
    learner's studied account. The case company's data. ``.ranked`` and ``.wishes`` are the
    rankings on show (:func:`kamlib.priority.account_opportunities`,
    :func:`kamlib.priority.wish_file`); ``.value`` = ``{"by_stage": {...} | None, "prospect":
    {...} | None, "ratings": {account_id: 0–1}}`` (None: the course's chances).
    """

    section = "opportunity_ranking"
    merge_collections = ("ratings",)

    def __init__(self, *, account_id: str | None = None,
                 **options: Unpack[WidgetOptions]) -> None:
        self._data = _CaseData()
        if account_id is not None:
            check_choice("account_id", account_id, self._data.book["account_id"].tolist())
        self.account_id = account_id
        self.ratings: dict[str, float] = {}
        self.ranked = pd.DataFrame()
        self.wishes = pd.DataFrame()
        super().__init__(**options)

    # -- public state -------------------------------------------------------------------

    @property
    def by_stage(self) -> dict[str, float]:
        """The chances by relationship stage on show."""
        return {key: round(float(s.value), 4) for key, s in self.stage_sliders.items()}

    @property
    def prospect(self) -> dict[str, float]:
        """The chances for prospects on show: someone there is known to us, or nobody."""
        return {key: round(float(s.value), 4) for key, s in self.prospect_sliders.items()}

    @property
    def trying_chances(self) -> bool:
        """Whether the chances on show are the learner's what-if, not the course's."""
        course = settings.current()
        return (self.by_stage != dict(course.win_probability_by_stage)
                or self.prospect != dict(course.prospect_win_probability))

    @property
    def value(self) -> dict[str, Any]:
        course = settings.current()
        return {
            "by_stage": None if self.by_stage == dict(course.win_probability_by_stage)
            else self.by_stage,
            "prospect": None if self.prospect == dict(course.prospect_win_probability)
            else self.prospect,
            "ratings": dict(self.ratings),
        }

    def rate(self, account_id: str, chance: float | None) -> None:
        """Rate a prospect yourself (0–1), or drop your rating with None; saved."""
        try:
            account_id = check_choice("prospect", account_id, self._prospects)
            if chance is not None:
                chance = check_number("chance", chance, minimum=0, maximum=1)
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        if chance is None:
            self.ratings.pop(account_id, None)
        else:
            self.ratings[account_id] = round(float(chance), 4)
        with self._quietly():
            self.prospect_picker.value = account_id
        self._refresh_wishes()
        self.save()

    def use_course_chances(self) -> None:
        """Drop the what-if chances (not the own ratings) and show the course's (saved)."""
        course = settings.current()
        self._set_sliders(course.win_probability_by_stage, course.prospect_win_probability)
        self._refresh()
        self.save()

    def publish_chances(self) -> None:
        """Instructor: write the chances on show to the course settings, for everyone."""
        try:
            written = settings.update(win_probability_by_stage=self.by_stage,
                                      prospect_win_probability=self.prospect)
        except KamValueError as error:
            self.show_error(error)
            return
        self.use_course_chances()
        self._show_notice(_("Saved in the course settings ({source}): every widget, exercise "
                            "and notebook now ranks with these chances.", self.language
                            ).format(source=written.source))

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.language
        course = settings.current()
        names = {stage.key: stage.zh if lang == "zh" else stage.en for stage in stages.STAGES}
        self.stage_sliders = {key: widgets.FloatSlider(description=names[key], **_SLIDER)
                              for key in TRADING_STAGES}
        prospect_names = {"known": _("we know someone", lang), "cold": _("cold", lang)}
        self.prospect_sliders = {key: widgets.FloatSlider(description=prospect_names[key],
                                                          **_SLIDER)
                                 for key in PROSPECT_KINDS}
        self._set_sliders(course.win_probability_by_stage, course.prospect_win_probability)
        for slider in self.stage_sliders.values():
            slider.observe(self._on_stage_chance, names="value")
        for slider in self.prospect_sliders.values():
            slider.observe(self._on_prospect_chance, names="value")
        self.prospect_picker = widgets.Dropdown(
            options=self._prospect_options(), description=_("Prospect", lang),
            style={"description_width": "150px"}, layout=widgets.Layout(width="100%"))
        self.prospect_picker.value = (self.account_id if self.account_id in self._prospects
                                      else self._data.first_wish)
        self.prospect_picker.observe(self._on_pick, names="value")
        self.own_slider = widgets.FloatSlider(description=_("my chance for it", lang),
                                              **_SLIDER)
        self.own_slider.observe(self._on_own, names="value")
        self.forget_button = widgets.Button(description=_("Remove my rating", lang),
                                            icon="times", layout=widgets.Layout(width="auto"))
        self.forget_button.on_click(lambda _b: self.rate(self.prospect_picker.value, None))
        self.account_text = widgets.HTML()
        self.wish_text = widgets.HTML()
        self.whose = widgets.HTML()
        self.account_chart = PlotOutput(**_CHART)
        self.wish_chart = PlotOutput(**_CHART)
        self.course_button = widgets.Button(description=_("Back to the course's chances", lang),
                                            icon="undo", layout=widgets.Layout(width="auto"))
        self.course_button.on_click(lambda _b: self.use_course_chances())
        self.publish_button = widgets.Button(
            description=_("Instructor: make these the course's chances", lang), icon="save",
            button_style="warning", layout=widgets.Layout(width="auto"),
            tooltip=_("Writes the chances to the course settings file: every widget, exercise "
                      "and notebook then ranks with them.", lang))
        self.publish_button.on_click(lambda _b: self.publish_chances())

        def subheading(text: str) -> widgets.HTML:
            return widgets.HTML(f"<b>{html.escape(text)}</b>")

        accounts = beside(self.account_chart.output, widgets.VBox([
            subheading(_("Chance of winning the business now with rivals, by relationship "
                         "stage", lang)),
            *self.stage_sliders.values(), self.account_text]), controls_width="290px")
        wishes = beside(self.wish_chart.output, widgets.VBox([
            subheading(_("Chance of winning a prospect", lang)),
            *self.prospect_sliders.values(),
            subheading(_("Rate a prospect yourself", lang)),
            self.prospect_picker, self.own_slider, self.forget_button, self.wish_text]),
            controls_width="290px")
        self.tabs = widgets.Tab(children=[accounts, wishes], titles=[
            _("Accounts that buy from us", lang), _("Wish file (prospects)", lang)])
        self.widget = card([
            heading(_("Rank by expected value (期望值)", lang)),
            widgets.HTML("<div class='kam-hint'>" + html.escape(_(
                "Expected value = size of the opportunity × chance of winning it. Move a "
                "chance and watch the ranking change.", lang)) + "</div>"),
            self.tabs, self.whose,
            widgets.HBox([self.course_button, self.publish_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.message], "OpportunityRanking")

    @property
    def _prospects(self) -> list[str]:
        return self._data.prospects["account_id"].tolist()

    def _prospect_options(self) -> list[tuple[str, str]]:
        prospects = self._data.prospects
        names = prospects["name_zh"] if self.language == "zh" else prospects["name"]
        return list(zip(prospects["account_id"] + " · " + names.astype(str),
                        prospects["account_id"], strict=True))

    def _set_sliders(self, by_stage: Any, prospect: Any) -> None:
        with self._quietly():
            for key, slider in self.stage_sliders.items():
                slider.value = float(by_stage[key])
            for key, slider in self.prospect_sliders.items():
                slider.value = float(prospect[key])

    # -- state --------------------------------------------------------------------------

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        course = settings.current()
        try:
            by_stage = {**course.win_probability_by_stage, **(saved.get("by_stage") or {})}
            prospect = {**course.prospect_win_probability, **(saved.get("prospect") or {})}
            for key, chance in [*by_stage.items(), *prospect.items()]:
                check_choice("chance", key, [*TRADING_STAGES, *PROSPECT_KINDS])
                check_number(f"chance {key!r}", chance, minimum=0, maximum=1)
            known = set(self._prospects)
            ratings = {str(account): float(check_number(f"rating of {account}", chance,
                                                        minimum=0, maximum=1))
                       for account, chance in (saved.get("ratings") or {}).items()
                       if str(account) in known}
        except (KamValueError, AttributeError, TypeError) as error:
            self._ignore_saved(error)
            return
        self._set_sliders(by_stage, prospect)
        self.ratings = ratings

    def _chances(self) -> pd.Series:
        """Every prospect's chance: the known/cold sliders, then the learner's own ratings."""
        chances = self._data.known.map({True: self.prospect["known"],
                                         False: self.prospect["cold"]}).astype(float)
        own = pd.Series(self.ratings, dtype=float)
        chances.loc[own.index] = own
        return chances

    def _chance_of(self, account_id: str) -> float:
        return float(self._chances()[account_id])

    def _refresh(self) -> None:
        self._refresh_accounts()
        self._refresh_wishes()

    def _refresh_accounts(self) -> None:
        """Rank the accounts that buy from us with the stage chances on show; redraw."""
        lang = self.language
        data = self._data
        self.ranked = ranked = priority.account_opportunities(data.book, data.stages,
                                                              self.by_stage)
        mine = self.account_id
        self.account_chart.draw(
            lambda ax: plot_opportunities(ranked, highlight=mine, top=_TOP, language=lang,
                                          ax=ax),
            alt=_("The {n} largest opportunities by expected value", lang).format(n=_TOP))
        if mine is None:
            self.account_text.value = ""
        elif mine in set(ranked["account_id"]):
            self.account_text.value = self._sentence(priority.describe_rank(ranked, mine,
                                                                            language=lang))
        else:
            self.account_text.value = self._sentence(_(
                "{account} does not buy from us yet: find it in the wish file.",
                lang).format(account=mine))
        self._show_whose()

    def _refresh_wishes(self) -> None:
        """Rank the prospects with the chances and ratings on show; redraw."""
        lang = self.language
        self.wishes = wishes = priority.wish_file(self._data.accounts, self._chances(),
                                                  transactions=self._data.orders)
        picked = self.prospect_picker.value
        with self._quietly():
            self.own_slider.value = self._chance_of(picked)
        self.wish_chart.draw(
            lambda ax: plot_opportunities(
                wishes, highlight=picked, top=_TOP, size="capacity_cny",
                probability="win_probability", language=lang, ax=ax,
                title=_("Wish file: largest prospects by expected value", lang)),
            alt=_("The {n} largest prospects of the wish file by expected value",
                  lang).format(n=_TOP))
        self.wish_text.value = self._sentence(priority.describe_rank(wishes, picked,
                                                                     language=lang))
        self._show_whose()

    def _show_whose(self) -> None:
        lang = self.language
        whose = (_("Your what-if chances (saved in your workbook only; the course's chances "
                   "are unchanged).", lang) if self.trying_chances
                 else _("The course's chances (from the course settings).", lang))
        self.whose.value = f"<div class='kam-hint'>{html.escape(whose)}</div>"

    @staticmethod
    def _sentence(text: str) -> str:
        return f"<p style='margin:6px 0'>{html.escape(text)}</p>"

    # -- handlers -----------------------------------------------------------------------

    def _on_stage_chance(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._refresh_accounts()
        self.save()

    def _on_prospect_chance(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._refresh_wishes()
        self.save()

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._refresh_wishes()

    def _on_own(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.rate(self.prospect_picker.value, change["new"])

