"""Answer widgets: each kind driven as a learner would, saved in the workbook, restored, checked.

The expected answers come from the grader (:mod:`kamlib.grading.expected`), so these tests
also prove that what a learner can enter in each widget is what the task's check accepts.
"""

from __future__ import annotations

import datetime as dt

import helpers
import pytest

from kamlib.buying_centre import SPIN_KINDS
from kamlib.exercises.tasks import TaskSpec
from kamlib.formatting import day
from kamlib.grading.expected import expected_answers
from kamlib.validation import KamValueError
from kamlib.widgets.answers import (
    ChoiceAnswer,
    ExerciseProgress,
    FormAnswer,
    IdsAnswer,
    NumberAnswer,
    TableAnswer,
    TextAnswer,
    TickAnswer,
    WidgetCheck,
    answer,
    parse_number,
)
from kamlib.widgets.plan_export import PlanExport
from kamlib.widgets.uncoupling_audit import UncouplingAudit
from kamlib.workbook import Workbook


@pytest.fixture
def book(tmp_path) -> Workbook:
    return Workbook(tmp_path / "learner.json")


@pytest.fixture(scope="module")
def right() -> dict:
    return expected_answers()


def saved(book: Workbook) -> dict:
    """The learner's sections, read as plain JSON as the grader reads them."""
    return helpers.saved(book.path)


def test_the_factory_picks_the_widget_of_the_tasks_kind(book):
    kinds = {"1.6": ChoiceAnswer, "1.5": TickAnswer, "1.1": NumberAnswer, "1.9": TextAnswer,
             "3.6": IdsAnswer, "3.1": FormAnswer, "2.5": TableAnswer}
    for task, kind in kinds.items():
        widget = answer(task, workbook=book)
        assert type(widget) is kind and widget.section == f"answers/{task}"
    with pytest.raises(KamValueError, match="widget: got .*; expected None: task 1.6 has its"):
        answer("1.6", widget=answer("1.1", workbook=book), workbook=book)


def test_creating_answer_widgets_writes_nothing(book):
    for task in ("1.1", "1.5", "1.6", "1.9", "3.1", "3.6", "2.5"):
        answer(task, workbook=book)
    assert not book.path.exists()


def test_choice_saved_restored_and_checked(book, right):
    widget = answer("1.6", workbook=book)
    assert widget.check().status == "not answered"
    wrong = next(key for key, _label in widget.spec.choices() if key != right["1.6"])
    widget.choose(wrong)
    assert saved(book) == {"answers/1.6": wrong}
    assert widget.check().status == "wrong"
    widget.choose(right["1.6"])
    assert widget.check().status == "correct"
    assert answer("1.6", workbook=book).value == right["1.6"]  # restored


def test_tick_saved_and_checked(book, right):
    widget = answer("1.5", workbook=book)
    widget.tick(right["1.5"][:1])
    assert widget.check().status == "wrong"
    widget.tick(right["1.5"])
    assert widget.check().status == "correct"
    assert saved(book)["answers/1.5"] == right["1.5"]
    assert answer("1.5", workbook=book).value == right["1.5"]


def _even(answer, _workbook):
    """A practice rubric that knows the right answer (nothing is hidden in a lecture)."""
    return None if answer == "even" else "is odd; count again."


PRACTICE_CHOICE = TaskSpec(
    "1.6", "Is 4 odd or even?", "choice", why="Four splits into two pairs.",
    hint="Split it into pairs.", options=(("odd", "odd"), ("even", "even")),
    section="lecture9/parity", compare=None, rubric=_even)


def test_a_lectures_practice_task_is_judged_by_its_rubric_not_the_answer_key(book, right):
    widget = answer(PRACTICE_CHOICE, workbook=book)
    assert type(widget) is ChoiceAnswer and widget.section == "lecture9/parity"
    assert "Your turn." in widget.question.value and "Task 1.6" not in widget.question.value
    widget.choose("odd")
    verdict = widget.check()
    assert (verdict.status, verdict.title) == ("wrong", "Your turn: Not quite")
    assert "is odd; count again. Hint: Split it into pairs." in verdict.message
    widget.choose("even")  # not an option of exercise task 1.6: its answer key is not used
    assert widget.check().status == "correct" and "Four splits" in widget.feedback_html.value
    assert saved(book) == {"lecture9/parity": "even"}
    assert answer(PRACTICE_CHOICE, workbook=book).value == "even"


def test_an_open_practice_answer_is_saved_and_answered_with_what_a_trainer_looks_for(book):
    spec = TaskSpec("1.0a", "Why is it key?", "text", why="A trainer looks for its capacity.",
                    section="lecture9/why", compare=None, manual=True, min_length=10)
    widget = answer(spec, workbook=book)
    widget.write("short")
    assert widget.check().status == "wrong"
    widget.write("It could buy ten times more.")
    verdict = widget.check()
    assert (verdict.status, verdict.message) == ("saved", "A trainer looks for its capacity.")


def test_a_practice_task_needs_its_own_section_and_no_answer_key(book):
    keyed = TaskSpec("1.0a", "How many?", "number", section="lecture9/n")
    for spec in (keyed, TaskSpec("1.0a", "Why?", "text", manual=True, compare=None),
                 TaskSpec("1.0a", "Why?", "text", manual=True, compare=None,
                          section="answers/1.0a")):
        with pytest.raises(KamValueError, match="a practice task with its own section"):
            answer(spec, workbook=book)


@pytest.mark.parametrize(
    ("text", "number"),
    [("52.8", 52.8), ("52.8 %", 52.8), ("1,234,567", 1234567.0), ("１２", 12.0), ("−3.5", -3.5),
     ("", None), ("4 CNY", 4.0), ("0.93x", 0.93)],
)
def test_numbers_are_read_as_learners_type_them(text, number):
    assert parse_number(text) == number


def test_a_number_box_refuses_words_without_losing_the_saved_answer(book, right):
    widget = answer("1.1", workbook=book)
    widget.enter(f"{right['1.1']:.0f}%")
    assert widget.check().status == "correct"
    widget.enter("about half")
    assert "a number such as 12.5" in widget.error
    assert saved(book)["answers/1.1"] == round(right["1.1"])
    restored = answer("1.1", workbook=book)
    assert restored.value == round(right["1.1"]) and restored.text.value == f"{right['1.1']:.0f}"


def test_text_answers_count_characters_and_are_saved_for_the_trainer(book):
    widget = answer("1.9", workbook=book)
    widget.write("Too short.")
    assert "10 characters (at least 150)" in widget.count.value
    assert widget.check().status == "wrong"
    widget.write("Spend the hours on the top accounts. " * 5)
    assert widget.check().status == "saved"
    assert answer("1.9", workbook=book).value.startswith("Spend the hours")


def test_ids_in_order(book, right):
    widget = answer("3.6", workbook=book)
    widget.pick(list(reversed(right["3.6"])))
    assert widget.check().status == "wrong"
    widget.pick(right["3.6"])
    assert widget.check().status == "correct"
    assert answer("3.6", workbook=book).value == right["3.6"]


def test_form_sliders(book, right):
    widget = answer("3.1", workbook=book)
    assert widget.value is None  # the sliders' starting position is not an answer
    widget.fill(**right["3.1"])
    assert widget.check().status == "correct"
    assert saved(book)["answers/3.1"] == right["3.1"]


def test_form_number_fields_take_typed_text(book):
    widget = answer("4.1", workbook=book)
    widget.fill(current_cny="1,800,000", capacity_cny="12,500,000", x=2, y=4,
                account_class="B")
    assert widget.check().status == "correct"
    widget.fill(capacity_cny="lots")
    assert "capacity_cny" not in widget.error and "a number such as" in widget.error
    assert saved(book)["answers/4.1"]["capacity_cny"] == 12_500_000


def test_tables_with_fixed_rows_and_with_rows_to_add(book):
    tows = answer("2.5", workbook=book)
    assert [label for label in tows.row_labels] == ["SO", "ST", "WO", "WT"]
    tows.fill([{"strategy": "Offer a line trial of the waterborne primer to their R&D."}])
    assert "gives 1 strategy; give at least 2" in tows.check().message
    tows.fill([{}, {"strategy": "Win the tender on total cost with the quality record."}])
    assert tows.check().status == "correct"
    assert TableAnswer("2.5", workbook=book).value == tows.value
    visits = answer("4.8", workbook=book)
    visits.fill([{"date": "2026-02-01", "objective": "Agree the 2026 volumes"}] * 3)
    assert len(visits.rows) == 3 and visits.check().status == "correct"
    visits.remove_button.click()
    assert "has 2 filled row(s); fill at least 3" in visits.check().message
    assert len(answer("4.8", workbook=book).rows) == 3  # a restored table shows its rows


def test_widget_check_saves_the_course_widget_before_checking(book):
    audit = UncouplingAudit("AC005", section="exercise1/uncoupling/AC005", workbook=book)
    check = answer("1.7", widget=audit)
    assert type(check) is WidgetCheck
    assert "rate at least 3" in check.check().message  # untouched: all zero, now saved
    for cause in ("staff_changes", "lack_of_trust", "market_position"):
        audit.ratings[cause].value = 2
    assert check.check().status == "correct"
    assert saved(book)["exercise1/uncoupling/AC005"]["ratings"]["lack_of_trust"] == 2
    other = UncouplingAudit("AC005", section="elsewhere", workbook=book)
    with pytest.raises(KamValueError, match="widget: got 'elsewhere'; expected a widget saving"):
        answer("1.7", widget=other)


def test_progress_lists_the_exercise_and_never_saves(book, right):
    answer("1.6", workbook=book).choose(right["1.6"])
    progress = ExerciseProgress("1", workbook=book)
    assert progress.value["1.6"] == "correct" and progress.value["1.1"] == "not answered"
    assert "1 of 9 tasks done" in progress.table.value
    assert set(saved(book)) == {"answers/1.6"}


def test_plan_export_writes_the_plan_and_records_it(book, tmp_path):
    from kamlib.account_plan import AccountPlan

    answer("4.1", workbook=book).fill(current_cny="1,800,000", capacity_cny="12,500,000",
                                      x=2, y=4, account_class="B")
    export = PlanExport({"account_id": "AC016", "name": "Test Co."}, tmp_path / "plans",
                        workbook=book)
    record = export.export()
    assert record["files"] == {"markdown": "account_plan_AC016.md",
                               "html": "account_plan_AC016.html",
                               "excel": "account_plan_AC016.xlsx"}
    assert record["folder"] == str((tmp_path / "plans").resolve())
    assert "SWOT" in record["gaps"] and "classification" not in record["gaps"]
    plan = AccountPlan.from_excel(tmp_path / "plans" / "account_plan_AC016.xlsx")
    assert (plan.account_id, plan.x, plan.y, plan.account_class) == ("AC016", 2, 4, "B")
    assert saved(book)["capstone/export"]["account_id"] == "AC016"
    assert "Still missing: " in export.result.value
    assert str(tmp_path / "plans") in export.result.value  # the folder is named
    when = dt.datetime.fromisoformat(record["exported"])
    assert f"Written on {day(when)} at {when:%H:%M}" in export.result.value
    book.set("capstone/export", {**record, "exported": "yesterday"})  # edited by hand
    reopened = PlanExport({"account_id": "AC016", "name": "Test Co."}, tmp_path / "plans",
                          workbook=book)
    assert "Written yesterday in the folder" in reopened.result.value
    assert "still misses" in answer("4.17", workbook=book).check().message


def test_plan_export_goes_next_to_the_notebook_and_never_overwrites_silently(
        book, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the kernel's working folder: the notebook's folder
    mine = tmp_path / "account_plan_AC016.md"
    mine.write_text("my own notes", encoding="utf-8")
    export = PlanExport({"account_id": "AC016", "name": "Test Co."}, workbook=book)
    assert export.folder == tmp_path
    assert export.export() is None  # asks first: the learner's file is kept
    assert mine.read_text(encoding="utf-8") == "my own notes"
    assert "account_plan_AC016.md" in export.question.value
    assert export.choices.layout.display == "flex" and not book.path.exists()
    export.keep_button.click()
    assert mine.read_text(encoding="utf-8") == "my own notes"
    assert export.record["files"]["markdown"] == "account_plan_AC016_2.md"
    assert export.choices.layout.display == "none"
    assert "href='account_plan_AC016_2.html'" in export.result.value  # a link beside it
    export.export()
    export.replace_button.click()
    assert "# " in mine.read_text(encoding="utf-8")  # replaced only when asked to
    assert export.record["files"]["markdown"] == "account_plan_AC016.md"
    export.folder_box.value = str(tmp_path / "for my manager")
    assert export.export()["folder"] == str(tmp_path / "for my manager")
    assert len(list((tmp_path / "for my manager").iterdir())) == 3


def test_answer_widgets_wear_the_course_card(book):
    from kamlib.widgets import layout

    for task in ("1.1", "1.5", "1.6", "1.9", "3.1", "3.6", "2.5"):
        widget = answer(task, workbook=book)
        classes = set(widget.widget._dom_classes)
        assert {"kam-widget", "kam-answer", f"kam-{type(widget).__name__}"} <= classes, task
        footer = widget.widget.children[-1].value
        assert "Run All Cells" in footer  # how a reopened notebook comes alive
    check = answer("1.7", UncouplingAudit("AC005", section="exercise1/uncoupling/AC005",
                                          workbook=book), workbook=book)
    stylesheet, content = check.widget.children  # no footer line: the audit above has it
    assert "<style>" in stylesheet.value and "Task 1.7" in content.children[0].value
    progress = ExerciseProgress("1", workbook=book)
    assert {"kam-widget", "kam-ExerciseProgress"} <= set(progress.widget._dom_classes)
    try:
        layout.presenter(True)
        assert "kam-presenter" in answer("1.6", workbook=book).widget._dom_classes
    finally:
        layout.presenter(False)


def test_table_row_labels_fit_their_text(book):
    roles = answer("4.12", workbook=book)
    label = roles.rows_box.children[0].children[0]
    assert label.value == "<b>initiator (发起者)</b>"
    assert float(roles.label_width.removesuffix("em")) >= 8  # not the 3em of "SO"
    assert answer("2.5", workbook=book).label_width == "3.0em"


def test_exercise_3_selling_tasks_are_answered_in_the_practice_widgets(book, right):
    from kamlib.exercises.tasks_lecture3 import SELLING_ACCOUNT
    from kamlib.widgets import BuyingCentreMap, CallObjective, SpinPractice

    centre = BuyingCentreMap(SELLING_ACCOUNT, section="exercise3/buying_centre", workbook=book)
    roles = answer("3.10", centre, workbook=book)
    assert roles.check().status == "not answered"  # the first guess names no gatekeeper
    wanted = right["3.10"]
    other = next(p for p in centre.pickers if p not in wanted["decider"] + wanted["gatekeeper"])
    centre.pickers[other].value = "gatekeeper"
    verdict = roles.check()
    assert verdict.status == "wrong" and wanted["gatekeeper"][0] not in verdict.message
    centre.pickers[other].value = centre.guesses[other]
    centre.pickers[wanted["gatekeeper"][0]].value = "gatekeeper"
    assert roles.check().status == "correct"
    assert saved(book)["exercise3/buying_centre"] == {
        "assignments": {wanted["gatekeeper"][0]: "gatekeeper"}}

    spin = SpinPractice(SELLING_ACCOUNT, section="exercise3/spin", workbook=book)
    questions = answer("3.11", spin, workbook=book)
    for kind in spin.boxes:
        spin.boxes[kind].value = next(k.example for k in SPIN_KINDS if k.key == kind)
    assert "repeats one of the course's examples" in questions.check().message
    own = {"situation": "Which of your lines use our lacquers today?",
           "problem": "Where do you still see adhesion problems on the panels?",
           "implication": "What does a rejected batch cost you in rework?",
           "need_payoff": "If complaints stopped, what would that be worth to you?"}
    for kind, text in own.items():
        spin.boxes[kind].value = text
    assert questions.check().status == "correct"
    spin.boxes["implication"].value = "Which lines run solvent coatings?"
    assert "implication question that reads as a situation" in questions.check().message

    call = CallObjective(SELLING_ACCOUNT, section="exercise3/call_objective", workbook=book)
    objective = answer("3.12", call, workbook=book)
    call.objective.value = "Keep in touch with the new purchasing director"
    assert "not an advance" in objective.check().message
    call.objective.value = "Agree a line trial of our waterborne primer on one paint line by " \
                           "31 March 2026"
    assert "repeats the course's example" in objective.check().message
    call.objective.value = "Agree with the new director a visit to our lab by 31 January 2026"
    assert objective.check().status == "correct"


# --- a lecture's practice questions ("Your turn") --------------------------------------------

def _practice_spec(kind: str = "ids", **fields):
    from kamlib.exercises import TaskSpec

    options = (("AC001", "AC001 first"), ("AC002", "AC002 second"), ("AC003", "AC003 third"))
    defaults = {"ids": {"options": options, "ordered": True},
                "number": {"unit": "accounts"}}[kind]
    return TaskSpec("3.0", "Rank them, best first.", kind, section="lecture3/rank",
                    hint="Multiply size by probability.", **{**defaults, **fields})


def test_a_practice_question_is_checked_against_its_answer_and_saved_in_its_section(book):
    from kamlib.exercises.tasks import task_specs
    from kamlib.widgets.answers import practice

    widget = practice(_practice_spec(), expected=["AC002", "AC001", "AC003"], workbook=book)
    assert isinstance(widget, IdsAnswer) and widget.section == "lecture3/rank"
    assert "Your turn." in widget.question.value and "Task 3.0" not in widget.question.value
    widget.pick(["AC002", "AC001", "AC003"])
    feedback = widget.check()
    assert feedback.status == "correct" and feedback.title == "Your turn: Correct"
    assert "Your turn: Correct" in widget.feedback_html.value
    assert saved(book)["lecture3/rank"] == ["AC002", "AC001", "AC003"]
    assert "3.0" not in {spec.task_id for spec in task_specs()}  # no exercise task


def test_a_practice_question_gives_its_answer_after_two_wrong_checks(book):
    from kamlib.widgets.answers import TRIES_BEFORE_ANSWER, practice

    widget = practice(_practice_spec(), expected=["AC002", "AC001", "AC003"], workbook=book)
    widget.pick(["AC001", "AC002", "AC003"])
    first = widget.check()
    assert first.status == "wrong" and "AC002 second" not in first.message
    for _try in range(TRIES_BEFORE_ANSWER - 1):
        last = widget.check()
    assert last.message.endswith("The answer: AC002 second; AC001 first; AC003 third.")
    number = practice(_practice_spec("number", tolerance=0), expected=12, workbook=book)
    number.enter("11")
    number.check()
    assert number.check().message.endswith("The answer: 12 accounts.")


def test_an_open_practice_question_is_judged_by_its_rubric_alone(book):
    from kamlib.exercises import TaskSpec
    from kamlib.widgets.answers import practice

    def two(answer, _workbook):
        return None if len(answer) == 2 else "should have exactly two ticks."

    spec = TaskSpec("3.0", "Tick two.", "tick", options=(("a", "A"), ("b", "B"), ("c", "C")),
                    compare=None, rubric=two, section="lecture3/two", why="Good choice.")
    widget = practice(spec, workbook=book)
    widget.tick(["a"])
    assert widget.check().status == "wrong"
    assert "The answer" not in widget.check().message  # an open question has none to give
    widget.tick(["a", "c"])
    assert widget.check().status == "correct" and widget.feedback.message == "Good choice."


def test_practice_refuses_what_does_not_fit(book):
    from kamlib.widgets.answers import practice

    with pytest.raises(KamValueError, match="spec: got '3.6'; expected a kamlib.exercises"):
        practice("3.6", workbook=book)
    with pytest.raises(KamValueError, match="expected: .*no expected answer for an exercise"):
        IdsAnswer("3.6", expected=["AC031"], workbook=book)
    with pytest.raises(KamValueError, match="section: got 'answers/3.6'; expected the task's"):
        practice(_practice_spec(), expected=["AC001"], section="answers/3.6", workbook=book)


def test_a_table_choice_column_is_named_once_by_its_header(book):
    """A dropdown in a table row repeated its field's name beside it, pushing the columns out
    of line with the header; the row buttons' labels were cut."""
    from kamlib.exercises import Field, TaskSpec
    from kamlib.widgets.answers import practice

    spec = TaskSpec("3.0", "Plan two leads.", "table",
                    fields=(Field("lead", "lead"),
                            Field("source", "source", "choice", options=(("media", "media"),)),
                            Field("first_step", "first step")),
                    min_rows=2, compare=None, rubric=lambda _a, _w: None,
                    section="lecture3/leads")
    widget = practice(spec, workbook=book)
    header = [(cell.layout.width, cell.layout.flex) for cell in widget.input.children[0].children]
    for cells in widget.rows:
        assert cells["source"].description == ""
        assert [(cell.layout.width, cell.layout.flex) for cell in cells.values()] == header
    assert widget.remove_button.layout.width == "auto"


def test_plan_export_writes_the_documents_in_its_shown_language(book, tmp_path):
    """A Chinese learner's manager gets a Chinese plan; the English edition keeps its terms."""
    import openpyxl

    from kamlib.account_plan import AccountPlan

    for language, heading, sheet in (("zh", "# 大客户计划：测试公司（AC016）", "客户概况"),
                                     ("en", "# Key account plan (大客户计划): 测试公司 (AC016)",
                                      "Profile")):
        folder = tmp_path / language
        export = PlanExport({"account_id": "AC016", "name": "测试公司"}, folder, workbook=book,
                            language=language)
        record = export.export()
        markdown = (folder / record["files"]["markdown"]).read_text(encoding="utf-8")
        assert markdown.startswith(heading)
        page = (folder / record["files"]["html"]).read_text(encoding="utf-8")
        assert (heading[2:] in page) and ("Account profile" in page) == (language == "en")
        workbook = folder / record["files"]["excel"]
        assert sheet in openpyxl.load_workbook(workbook).sheetnames
        assert AccountPlan.from_excel(workbook).account_id == "AC016"
