"""SmartCoach: write a goal and see, as you type, which SMART letters it meets [L2.13].

Each letter, Specific (具体的), Measurable (可度量的), Achievable (可达到的), Relevant
(与策略相关) and Time-bound (有时间限制的), shows pass or fail with an icon AND a word (never
colour alone), the reason and a hint to fix it. All checking is done by
:func:`kamlib.goals.check_smart`; goals may be English or Chinese. "Keep this goal" adds the
goal and its score to the learner's saved list; the draft, strategy and baseline are saved too.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from kamlib import goals
from kamlib.formatting import money
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError, check_number, check_text, fail
from kamlib.views.style import OKABE_ITO
from kamlib.widgets._base import KamWidget, WidgetOptions, html_table
from kamlib.widgets.layout import card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "smart.title": N_("SMART goal coach"),
        "smart.goal": N_("Goal"),
        "smart.placeholder": N_(
            "e.g. Increase coatings revenue at AC017 by 15% to RMB 6 million by Q4 2026"),
        "smart.strategy": N_("Strategy"),
        "smart.strategy_placeholder": N_("optional: the strategy the goal serves"),
        "smart.baseline": N_("Baseline"),
        "smart.baseline_placeholder": N_("optional: today's value, e.g. 5200000"),
        "smart.pass": N_("pass"),
        "smart.fail": N_("fail"),
        "smart.hint": N_("Hint"),
        "smart.score": N_("SMART score"),
        "smart.type_goal": N_("Type a goal above to check it."),
        "smart.keep": N_("Keep this goal"),
        "smart.remove": N_("Remove"),
        "smart.kept": N_("Kept goals"),
        "smart.none_kept": N_("No goal kept yet."),
    }
)

_ICONS = {True: "\u2714", False: "\u2718"}  # ✔ ✘
_COLORS = {True: OKABE_ITO["bluish_green"], False: OKABE_ITO["vermillion"]}


def _parse_baseline(text: str) -> float | None:
    """The baseline box's text as a number above 0, or None when it is empty."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise fail("baseline", text, _("a number such as 5200000, or nothing")) from None
    return _positive_baseline(check_number("baseline", number))


def _baseline_text(number: float) -> str:
    """The baseline as a learner writes it: thousands separators, no exponent (24,088,200)."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"


def _positive_baseline(number: float) -> float:
    if number <= 0:
        raise fail("baseline", number, _("a number above 0 (today's value of the measure)"))
    return float(number)


class SmartCoach(KamWidget):
    """Live SMART check of a goal, with a saved list of the goals the learner keeps.

    ``strategy``: the strategy the goal should serve (R then asks for its terms).
    ``baseline``: today's value of the goal's measure (A then judges the stretch).
    ``.value`` = ``{"draft", "strategy", "baseline", "goals": [{"goal", "score", "passed",
    "strategy", "baseline"}]}``; ``.report`` is the last :class:`kamlib.goals.SmartReport`.
    """

    section = "smart_coach"
    merge_collections = ("goals",)

    def __init__(
        self,
        strategy: str | None = None,
        *,
        baseline: float | None = None,
        **options: Unpack[WidgetOptions],
    ) -> None:
        if strategy is not None:
            strategy = check_text("strategy", strategy, allow_empty=True)
        if baseline is not None:
            baseline = _positive_baseline(check_number("baseline", baseline))
        self._given = {"strategy": strategy, "baseline": baseline}
        super().__init__(**options)

    @property
    def value(self) -> dict[str, Any]:
        return {
            "draft": self.goal_text.value,
            "strategy": self.strategy_text.value,
            "baseline": self.baseline_text.value,
            "goals": list(self.goals),
        }

    def _build(self) -> None:
        label = self.label
        self.report: goals.SmartReport | None = None
        self.goals: list[dict[str, Any]] = []
        wide = widgets.Layout(width="100%")
        labels = {"style": {"description_width": "80px"}}
        self.goal_text = widgets.Textarea(
            placeholder=label("smart.placeholder"),
            description=label("smart.goal"),
            continuous_update=True, rows=3,
            layout=widgets.Layout(width="100%"), **labels,
        )
        # a strategy is a sentence: three lines show one in full, where a one-line box cut it
        self.strategy_text = widgets.Textarea(
            placeholder=label("smart.strategy_placeholder"),
            description=label("smart.strategy"),
            continuous_update=False, rows=3,
            layout=wide, **labels,
        )
        self.baseline_text = widgets.Text(
            placeholder=label("smart.baseline_placeholder"),
            description=label("smart.baseline"),
            continuous_update=False,
            layout=widgets.Layout(width="auto", flex="0 1 320px"), **labels,
        )
        self.baseline_money = widgets.HTML()
        self.letters = widgets.HTML()
        self.keep_button = widgets.Button(
            description=label("smart.keep"), icon="bookmark", button_style="primary"
        )
        self.remove_picker = widgets.Dropdown(options=[], layout=widgets.Layout(
            flex="1 1 auto", width="auto"))
        self.remove_button = widgets.Button(description=label("smart.remove"), icon="trash")
        self.kept = widgets.HTML()
        for control in (self.goal_text, self.strategy_text, self.baseline_text):
            control.observe(self._on_change, names="value")
        self.keep_button.on_click(self._on_keep)
        self.remove_button.on_click(self._on_remove)
        self.widget = card(
            [
                heading(label("smart.title")),
                self.goal_text,
                self.strategy_text,
                widgets.HBox([self.baseline_text, self.baseline_money],
                             layout=widgets.Layout(align_items="center")),
                self.message,
                self.letters,
                self.keep_button,
                self.kept,
                widgets.HBox([self.remove_picker, self.remove_button]),
            ],
            "SmartCoach",
        )

    def _restore(self, saved: Any) -> None:
        """Show the saved draft and goals; arguments given to the constructor win."""
        strategy, baseline = self._given["strategy"], self._given["baseline"]
        saved = saved if isinstance(saved, dict) else {}
        kept = saved.get("goals", [])
        self.goals = [g for g in kept if isinstance(g, dict)] if isinstance(kept, list) else []
        self.goal_text.value = str(saved.get("draft") or "")
        self.strategy_text.value = strategy if strategy is not None else str(
            saved.get("strategy") or ""
        )
        self.baseline_text.value = _baseline_text(baseline) if baseline is not None else str(
            saved.get("baseline") or ""
        )

    def _refresh(self) -> None:
        self._check()
        self._show_goals()

    def _check(self) -> bool:
        """Run the SMART check on the draft and show it; False if the input was bad."""
        self.clear_error()
        self._show_baseline()
        if not self.goal_text.value.strip():
            self.report = None
            self.letters.value = f"<i>{html.escape(self.label('smart.type_goal'))}</i>"
            return True
        try:
            self.report = goals.check_smart(
                self.goal_text.value,
                strategy=self.strategy_text.value.strip() or None,
                baseline=_parse_baseline(self.baseline_text.value),
            )
        except KamValueError as error:
            self.report = None
            self.letters.value = ""
            self.show_error(error)
            return False
        self.letters.value = self._letters_html(self.report)
        return True

    def _show_baseline(self) -> None:
        """The baseline in words beside its box ("= CNY 24,088,200"), when it is a number."""
        try:
            baseline = _parse_baseline(self.baseline_text.value)
        except KamValueError:
            baseline = None
        self.baseline_money.value = "" if baseline is None else (
            f"<span class='kam-hint'>= {html.escape(money(baseline, language=self.language))}"
            f" ({html.escape(money(baseline, language=self.language, short=True))})</span>")

    def _letters_html(self, report: goals.SmartReport) -> str:
        rows = []
        for letter, verdict in report.letters.items():
            en, zh = goals.LETTER_NAMES[letter]
            name = zh if self.shown_language == "zh" else f"{en} ({zh})"
            word = self.label("smart.pass" if verdict.passed else "smart.fail")
            hint = (
                f"<br><span style='color:#333'>&rarr; <b>{html.escape(self.label('smart.hint'))}"
                f":</b> {html.escape(verdict.hint)}</span>"
                if verdict.hint
                else ""
            )
            rows.append(
                "<tr>"
                f"<td style='font-size:150%;color:{_COLORS[verdict.passed]}'>"
                f"{_ICONS[verdict.passed]}</td>"
                f"<td><b>{letter}</b> {html.escape(name)}</td>"
                f"<td><b>{html.escape(word)}</b></td>"
                f"<td>{html.escape(verdict.reason)}{hint}</td>"
                "</tr>"
            )
        score = f"{html.escape(self.label('smart.score'))}: <b>{report.score}/5</b>"
        return (
            f"<div>{score}</div><table style='border-collapse:collapse;width:100%'>"
            f"{''.join(rows)}</table>"
        )

    def _show_goals(self) -> None:
        label = self.label
        if not self.goals:
            self.kept.value = (
                f"<b>{html.escape(label('smart.kept'))}</b>: "
                f"<i>{html.escape(label('smart.none_kept'))}</i>"
            )
        else:
            table = html_table(pd.DataFrame(
                {
                    label("smart.goal"): [g.get("goal", "") for g in self.goals],
                    label("smart.score"): [f"{g.get('score', 0)}/5" for g in self.goals],
                    "S M A R T": [
                        " ".join(_ICONS[bool(g.get("passed", {}).get(k))] for k in goals.LETTERS)
                        for g in self.goals
                    ],
                }
            ), index=False)
            self.kept.value = f"<b>{html.escape(label('smart.kept'))}</b>{table}"
        self.remove_picker.options = [
            (f"{number}. {g.get('goal', '')}", number - 1)
            for number, g in enumerate(self.goals, 1)
        ]

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._syncing and self._check():
            self.save()

    def _on_keep(self, button: widgets.Button | None = None) -> None:
        try:
            check_text("goal", self.goal_text.value)
        except KamValueError as error:
            self.show_error(error)
            return
        if not self._check() or self.report is None:
            return
        report = self.report
        self.goals.append(
            {
                "goal": report.text,
                "score": report.score,
                "passed": {k: v.passed for k, v in report.letters.items()},
                "strategy": self.strategy_text.value.strip(),
                "baseline": _parse_baseline(self.baseline_text.value),
            }
        )
        self._show_goals()
        self.save()

    def _on_remove(self, button: widgets.Button | None = None) -> None:
        if self.remove_picker.value is None:
            return
        del self.goals[self.remove_picker.value]
        self._show_goals()
        self.save()
