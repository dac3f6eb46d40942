"""The case data's prose in the Chinese edition (issue 10): titles, cities, regions, visit notes
and the customer file's facts are shown in Chinese, through ``datasets.shown_texts``, while the
loaded tables keep the English that code reads.

With the language set to Chinese, none of the tables, sentences, plots and widgets that show
these columns carries an English word; the people's and managers' names (pinyin), ids,
numbers and acronyms aside.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from helpers import figure_texts  # noqa: E402
from test_data_texts_chinese import english_words as prose_english_words  # noqa: E402

from kamlib import datasets, i18n, social_style, widgets  # noqa: E402
from kamlib.datasets import TEXT_COLUMNS, TEXT_PATTERNS, shown_texts  # noqa: E402
from kamlib.lessons import lecture1, lecture2, lecture3, lecture4  # noqa: E402
from kamlib.validation import KamValueError  # noqa: E402
from kamlib.views.stages import plot_contact_map  # noqa: E402

ACCOUNT = "AC060"
CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]+")
_TAG = re.compile(r"<style>.*?</style>|<[^>]+>", re.DOTALL)


def _names() -> set[str]:
    """The words of the case's people, managers and companies (some lectures give a company's
    registered English name beside its Chinese one): proper names, not English."""
    people, accounts = datasets.load("people"), datasets.load("accounts")
    contacts = datasets.load("contacts")
    names = [*people["name"], *accounts["kam"], *contacts["our_person"], *accounts["name"]]
    return {word for name in names for word in _WORD.findall(str(name))}


def english_words(text: object) -> list[str]:
    """The English words of ``text`` (a string, a Table or a Markdown; HTML tags dropped), as
    the domain modules' Chinese tests count them, the case's names aside."""
    plain = html.unescape(_TAG.sub(" ", str(getattr(text, "html", getattr(text, "data", text)))))
    return prose_english_words([plain], allowed=_names())


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh")
    yield
    i18n.set_language("en")


# --- the catalog holds every phrase of the shipped data ----------------------------------


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, cs in TEXT_COLUMNS.items()
                                               for c in cs])
def test_every_phrase_of_the_case_data_has_its_chinese(table: str, column: str) -> None:
    """A phrase the data generator adds without its translation fails here, named."""
    values = datasets.load(table)[column].dropna().astype(str).unique()
    assert len(values), f"{table}.{column} holds no text"
    shown = shown_texts(pd.Series(values, name=column), table, language="zh")
    untranslated = [english for english, chinese in zip(values, shown, strict=True)
                    if not CJK.search(chinese) or english_words(chinese)]
    assert untranslated == [], f"{table}.{column}: {len(untranslated)} without Chinese"


def test_a_patterned_column_keeps_the_name_and_translates_the_phrasing() -> None:
    people = datasets.load("people")
    colleagues = people["colleagues"].dropna()
    assert colleagues.str.startswith("Works closely with ").all()
    shown = shown_texts(people.loc[colleagues.index[:1], ["colleagues"]], "people",
                        language="zh")["colleagues"].iloc[0]
    name = colleagues.iloc[0].removeprefix("Works closely with ")
    assert shown == f"与 {name} 密切合作"
    assert set(TEXT_PATTERNS) <= {c for columns in TEXT_COLUMNS.values() for c in columns}


# --- the function: data stays English, shown copies are translated -----------------------


def test_loaded_data_stays_english_and_the_input_is_not_modified(chinese) -> None:
    people = datasets.load("people")
    before = people.copy()
    shown = shown_texts(people, "people")
    pd.testing.assert_frame_equal(people, before)
    assert datasets.load("people")["title"].iloc[0] == "Purchasing Manager"
    assert shown["title"].iloc[0] == "采购经理"
    # ids, names and category columns are left alone; missing facts stay missing
    pd.testing.assert_series_equal(shown["name"], people["name"])
    pd.testing.assert_series_equal(shown["function"], people["function"])
    assert shown["family"].isna().equals(people["family"].isna())


def test_a_categorical_region_stays_categorical_and_unknown_values_stay_as_they_are() -> None:
    accounts = datasets.load("accounts")
    shown = shown_texts(accounts, "accounts", language="zh")
    assert isinstance(shown["region"].dtype, pd.CategoricalDtype)
    assert set(shown["region"].astype(str)) == {"华东", "华南", "华北", "华中", "西部"}
    own = pd.DataFrame({"city": ["Ulm", "Nanjing"], "objective": ["Visit", "Visit"]})
    assert shown_texts(own, "accounts", language="zh")["city"].tolist() == ["Ulm", "南京"]
    # only the table's own text columns are translated
    assert shown_texts(own, "accounts", language="zh")["objective"].tolist() == ["Visit"] * 2


def test_a_row_and_a_column_are_translated_too() -> None:
    visit = datasets.load("visits").iloc[0]
    row = shown_texts(visit, "visits", language="zh")
    assert CJK.search(row["objective"]) and row["visit_id"] == visit["visit_id"]
    other = pd.Series(["Purchasing Manager"], name="name")  # no text column: unchanged
    assert shown_texts(other, "people", language="zh").tolist() == ["Purchasing Manager"]


def test_in_english_the_data_is_shown_as_it_is() -> None:
    visits = datasets.load("visits")
    pd.testing.assert_frame_equal(shown_texts(visits, "visits", language="en"), visits)
    assert "Meet the new purchasing director" in lecture1.your_visits_table(ACCOUNT).html
    assert "Chief Procurement Officer" in lecture3.customer_file_table(ACCOUNT).html
    assert "Works closely with" in lecture4.people_on_file(ACCOUNT).html
    assert "Changsha (Central China)" in lecture3.studied(ACCOUNT).data


@pytest.mark.parametrize(("arguments", "field"), [
    ((datasets.load("people"), "persons"), "table"),
    ((datasets.load("people"), 3), "table"),
    (("Purchasing Manager", "people"), "data"),
    ((None, "people"), "data"),
    (([["a"]], "people"), "data"),
])
def test_bad_inputs_are_refused_naming_the_field(arguments, field) -> None:
    with pytest.raises(KamValueError, match=rf"^{field}: got"):
        shown_texts(*arguments)


def test_a_table_with_a_repeated_column_is_refused() -> None:
    table = pd.DataFrame([["Buyer", "Buyer"]], columns=["title", "title"])
    with pytest.raises(KamValueError, match=r"^data: got \['title'\]; expected a table whose"):
        shown_texts(table, "people", language="zh")


def test_what_is_not_text_in_a_text_column_stays_as_it_is() -> None:
    """A learner's own table may hold numbers, lists or blanks where the case has text."""
    table = pd.DataFrame({"title": [["Buyer"], "Buyer", None, 3]})
    shown = shown_texts(table, "people", language="zh")["title"].tolist()
    assert shown[0] == ["Buyer"] and shown[1] == "采购员" and shown[2] is None and shown[3] == 3
    assert shown_texts(pd.Series([["x"], "Buyer"], name="title"), "people",
                       language="zh").tolist() == [["x"], "采购员"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"^language: got 'fr'"):
        shown_texts(datasets.load("accounts"), "accounts", language="fr")


# --- where the data is shown ---------------------------------------------------------------


@pytest.mark.usefixtures("chinese")
def test_lecture_tables_and_sentences_show_the_case_data_in_chinese() -> None:
    shown = {
        "lecture 1 account": lecture1.your_account(ACCOUNT),
        "lecture 1 visits": lecture1.your_visits_table(ACCOUNT),
        "lecture 2 profile": lecture2.profile(ACCOUNT),
        "lecture 2 consumer analysis": lecture2.consumer_analysis(ACCOUNT).to_string(),
        "lecture 2 objectives": lecture2.objectives_table(ACCOUNT).to_string(),
        "lecture 2 weak objectives": lecture2.objectives_check(
            lecture2.weak_objectives(ACCOUNT)).to_string(),
        "lecture 2 plan": lecture2.plan(ACCOUNT).to_markdown(),
        "lecture 2 value delivery": " ".join(lecture2.value_delivery(ACCOUNT).iloc[:, -1]),
        "lecture 3 account": lecture3.studied(ACCOUNT),
        "lecture 3 customer file": lecture3.customer_file_table(ACCOUNT),
        "lecture 3 visits": lecture3.account_visits(ACCOUNT),
        "lecture 3 leads": lecture3.account_leads(ACCOUNT),
        "lecture 3 industry leads": lecture3.industry_leads(ACCOUNT),
        "lecture 4 account": lecture4.account_intro(ACCOUNT),
        "lecture 4 people": lecture4.people_on_file(ACCOUNT),
        "lecture 4 buying centre": lecture4.buying_centre_table(ACCOUNT),
        "lecture 4 styles": lecture4.styles_summary(ACCOUNT),
        "lecture 4 hooks": lecture4.spin_hooks(ACCOUNT),
        "lecture 4 objectives": lecture4.visit_objectives(ACCOUNT),
    }
    found = {name: english_words(text) for name, text in shown.items()}
    assert {name: words for name, words in found.items() if words} == {}
    assert "首席采购官" in shown["lecture 3 customer file"].html
    assert "拜访新任采购总监" in shown["lecture 1 visits"].html
    worked_plan = lecture2.plan(ACCOUNT)
    assert (worked_plan.industry, worked_plan.region) == ("家具", "华中")
    from kamlib.exercises.capstone import capstone_account

    header = capstone_account(ACCOUNT).profile  # the capstone plan's header
    assert (header["industry"], header["region"]) == ("家具", "华中")


@pytest.mark.usefixtures("chinese")
def test_every_visit_account_shows_its_visit_notes_in_chinese() -> None:
    for account_id in ["AC002", "AC005", ACCOUNT]:
        assert english_words(lecture3.account_visits(account_id)) == [], account_id
        assert english_words(lecture1.your_visits_table(account_id)) == [], account_id


def test_the_customer_file_shows_its_facts_in_the_current_language() -> None:
    from kamlib import customer_file

    people = datasets.load("people")
    english = customer_file.customer_file(people, account_id=ACCOUNT)
    i18n.set_language("zh")
    try:
        chinese = customer_file.customer_file(people, account_id=ACCOUNT)
    finally:
        i18n.set_language("en")
    assert english[("person", "title")].iloc[0] == "Chief Procurement Officer"
    assert chinese[("person", "title")].iloc[0] == "首席采购官"
    facts = chinese.drop(columns="person", level="group")
    assert english_words(" ".join(str(v) for v in facts.to_numpy().ravel() if pd.notna(v))) == []
    # the same facts are missing in both languages: the blanks a learner counts
    assert facts.isna().equals(english.drop(columns="person", level="group").isna())


@pytest.mark.usefixtures("chinese")
def test_styles_on_file_show_title_and_note_in_chinese_and_keep_the_english_key() -> None:
    on_file = social_style.styles_on_file(datasets.load("people"), account_id=ACCOUNT)
    assert english_words(" ".join([*on_file["title"], *on_file["note"]])) == []
    assert set(on_file["style"]) == {"", "amiable", "analytical", "expressive"}


def test_the_contact_map_labels_people_with_chinese_titles(chinese) -> None:
    ax = plot_contact_map(datasets.load("contacts"), account_id=ACCOUNT,
                          people=datasets.load("people"))
    try:
        texts = figure_texts(ax)
    finally:
        import matplotlib.pyplot as plt

        plt.close(ax.figure)
    assert "Wang Peiying, 首席采购官" in texts
    assert english_words(texts) == []


@pytest.mark.parametrize("make", [
    lambda: widgets.CallObjective(ACCOUNT),
    lambda: widgets.BuyingCentreMap(ACCOUNT),
], ids=["call objective", "buying centre map"])
def test_case_widgets_show_the_data_in_their_language(workbook_path, make) -> None:
    from test_widgets_chinese import ALLOWED
    from test_widgets_chinese import shown_texts as widget_texts

    i18n.set_language("zh")
    try:
        chinese = make()
    finally:
        i18n.set_language("en")
    english = make()
    menus = [word for word in english_words(" ".join(widget_texts(chinese)))
             if word.lower() not in ALLOWED]  # JupyterLab's menu names stay English
    assert menus == []
    assert english_words(" ".join(widget_texts(english)))  # the English edition stays English


def test_chinese_lists_are_joined_with_the_full_width_semicolon() -> None:
    """Stage reasons and warning signs: "；" between Chinese items, "; " in English."""
    from kamlib import stages, uncoupling

    tables = [datasets.load(name) for name in ("contacts", "transactions", "accounts")]
    english = stages.relationship_stages(*tables)["reason"]
    signs_english = uncoupling.factors_frame()["warning_signs"]
    i18n.set_language("zh")
    try:
        chinese = stages.relationship_stages(*tables)["reason"]
        signs_chinese = uncoupling.factors_frame()["warning_signs"]
    finally:
        i18n.set_language("en")
    assert english.str.contains("; ").any() and signs_english.str.contains("; ").all()
    assert not chinese.str.contains(";").any() and not signs_chinese.str.contains(";").any()
    assert chinese.str.contains("；").any() and signs_chinese.str.contains("；").all()


@pytest.mark.usefixtures("chinese")
def test_exercise_2_and_the_capstone_introduce_their_accounts_in_chinese() -> None:
    from kamlib.exercises import tasks_lecture2
    from kamlib.exercises.capstone import capstone_account, score_cut_points

    planned = capstone_account(ACCOUNT)
    shown = {
        "exercise 2 scenario": tasks_lecture2.scenario_table()["name"].str.cat(sep=" "),
        "exercise 2 industries": tasks_lecture2.industries_served(),
        "capstone account": planned.describe(),
        "capstone profile": " ".join(planned.profile.values()),
        "capstone SWOT title": planned.swot_title,
        "capstone cut points": score_cut_points(),
    }
    found = {name: english_words(text) for name, text in shown.items()}
    assert {name: words for name, words in found.items() if words} == {}
    assert planned.profile["name"] == "长沙盛瑞家具有限公司"
