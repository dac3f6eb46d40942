"""Every widget in the Chinese edition: labels, descriptions, placeholders, options, tooltips
and the HTML it shows hold no English word (ids, numbers, acronyms, JupyterLab's menu names
and the people of the case data aside)."""

from __future__ import annotations

import html
import re

import ipywidgets
import matplotlib
import pytest

matplotlib.use("Agg")

from kamlib import datasets, mix, widgets  # noqa: E402
from kamlib.i18n import set_language  # noqa: E402
from kamlib.widgets.answers import ExerciseProgress, answer  # noqa: E402

#: Latin words a Chinese learner may meet in a widget: acronyms, units, file types and the
#: names of JupyterLab's menus a learner clicks (kept in English on purpose).
ALLOWED = {"x", "y", "d", "m", "p", "c", "cny", "vip", "bcg", "kam", "swot", "tows", "roi",
           "smart", "spin", "crm", "csv", "xlsx", "excel", "markdown", "html", "run", "all",
           "cells", "id", "ids", "pu"}
_WORD = re.compile(r"[A-Za-z][A-Za-z&']+")
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_PATH = re.compile(r"\S+\.(?:csv|xlsx|json|ipynb|md|html)\b|[A-Z]:/\S+")


def case_names() -> set[str]:
    """The words of the case's people and managers: proper names, not English (cities are
    shown in Chinese, through ``datasets.shown_texts``)."""
    accounts, people = datasets.load("accounts"), datasets.load("people")
    names = [*accounts["kam"], *people["name"]]
    return {word.lower() for name in names for word in _WORD.findall(str(name))}


def english_words(text: str) -> list[str]:
    text = _PATH.sub(" ", html.unescape(_TAG.sub(" ", _STYLE.sub(" ", text))))
    allowed = ALLOWED | case_names()
    return [word for word in _WORD.findall(text)
            if word.lower() not in allowed and not re.fullmatch(r"[A-Z]+\d*", word)]


def shown_texts(widget) -> list[str]:
    """Every text a learner reads in ``widget`` (a course widget or an ipywidget)."""
    texts: list[str] = []
    seen: set[int] = set()

    def walk(item) -> None:
        if id(item) in seen or not isinstance(item, ipywidgets.Widget):
            return
        seen.add(id(item))
        for name in ("description", "placeholder", "tooltip"):
            texts.append(str(getattr(item, name, "") or ""))
        if isinstance(item, (ipywidgets.HTML, ipywidgets.Label)):
            texts.append(item.value)
        for option in getattr(item, "options", ()) or ():
            texts.append(str(option[0] if isinstance(option, tuple) else option))
        for child in getattr(item, "children", ()) or ():
            walk(child)

    walk(getattr(widget, "widget", widget))
    return texts


@pytest.fixture
def chinese(workbook_path):
    set_language("zh")
    yield
    set_language("en")


def _mix_planner():
    planner = widgets.MixPlanner()
    planner.add("product", mix.FOUR_P["product"].levers[0].key, "推出新规格", 20000)
    return planner


def _risk_matrices():
    matrices = widgets.RiskMatrices()
    matrices.add("opportunities", "风电叶片项目", 0.8, 0.7)
    return matrices


_WIDGETS = {
    "class picker": lambda: widgets.ClassPicker(),
    "xy grid": lambda: widgets.XYGrid(),
    "swot board": lambda: widgets.SWOTBoard(),
    "bcg plot": lambda: widgets.BCGPlot(),
    "pareto explorer": lambda: widgets.ParetoExplorer(),
    "risk matrices": _risk_matrices,
    "ansoff picker": lambda: widgets.AnsoffPicker(),
    "smart coach": lambda: widgets.SmartCoach(),
    "mix planner": _mix_planner,
    "visit planner": lambda: widgets.VisitPlanner(),
    "account chooser": lambda: widgets.AccountChooser(),
    "spin practice": lambda: widgets.SpinPractice(),
    "benefit builder": lambda: widgets.BenefitBuilder(),
    "objection practice": lambda: widgets.ObjectionPractice(),
    "style self-assessment": lambda: widgets.StyleSelfAssessment(),
    "cost to serve": lambda: widgets.CostToServe(),
    "exercise progress": lambda: ExerciseProgress("2"),
    **{f"answer {task}": (lambda task=task: answer(task))
       for task in ("1.5", "1.6", "2.2", "2.3", "2.7", "3.4", "3.6")},
}


@pytest.mark.parametrize("make", list(_WIDGETS.values()), ids=list(_WIDGETS))
def test_every_widget_speaks_chinese_in_the_chinese_edition(chinese, make):
    found = {text[:80]: english_words(text) for text in shown_texts(make())}
    assert {text: words for text, words in found.items() if words} == {}


def test_bilingual_names_stay_bilingual_in_english(workbook_path):
    set_language("en")
    planner = widgets.MixPlanner()
    options = [label for label, _key in planner.levers["product"].options]
    assert options[0] == "Variety (种类)"
    assert answer("2.2").choice.options[0][0].endswith("(问题类)")
