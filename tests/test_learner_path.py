"""The course's promises to a learner, checked notebook by notebook (issue 11, "Tests and
measures"; issue 13, "honest time").

- **No code to write.** Every code cell is folded (``jupyter.source_hidden``); no markdown
  cell on the learner's path (every cell but those tagged ``instructor``) asks the learner
  to type or edit code; every "Your turn" is followed by a widget cell that declares its
  minutes (``{"kamlib": {"minutes": N}}``).
- **Honest time.** The minutes a notebook states, in its metadata (``kamlib.minutes``) and
  in its overview (the cells before its first code cell: "about N minutes", "N 分钟", or a
  number in the "minutes" column of a table row that links no other notebook), are what the
  course's time rule gives (:func:`kamlib.course.estimate`, ``tools/lecture_time.py``). A
  Chinese edition states the same minutes as its English source.

Only the notebooks rewritten for these promises are held to them: add a notebook to
:data:`REWRITTEN` when its rewrite lands. Its Chinese edition (``zh/``) is checked as soon as
it exists. Every other notebook is reported as skipped, so each test run lists what remains.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from kamlib import course

REPO = Path(__file__).resolve().parent.parent

#: The English notebooks rewritten for the no-code promise and honest time (paths from the
#: course folder). The lead adds each lecture and exercise here when its rewrite lands.
REWRITTEN = (
    "notebooks/00_start_here.ipynb",
    "notebooks/01_kam_overview.ipynb",
    "notebooks/02a_market_environment.ipynb",
    "notebooks/02b_annual_plan.ipynb",
    "notebooks/03_target_accounts.ipynb",
    "notebooks/04_analyse_and_sell.ipynb",
    "exercises/source/exercise_1_kam_overview.ipynb",
    "exercises/source/exercise_2_annual_plan.ipynb",
    "exercises/source/exercise_3_target_accounts.ipynb",
    "exercises/source/capstone_my_account_plan.ipynb",
    "exercises/release/exercise_1_kam_overview.ipynb",
    "exercises/release/exercise_2_annual_plan.ipynb",
    "exercises/release/exercise_3_target_accounts.ipynb",
    "exercises/release/capstone_my_account_plan.ipynb",
)

# --------------------------------------------------------------------------- the rules

#: Words that turn an instruction into its opposite ("you never need to edit the code").
_NEGATION = re.compile(r"\b(?:never|not|no need|don't|do not|without|nobody|nothing)\b|"
                       r"不用|不必|无需|无须|不需要|不要|从不|不会|绝不|永远不|没有必要", re.I)
_CONTROL = (r"slider|box|field|widget|list|menu|table|grid|board|calculator|chart|coach|"
            r"planner|button|selector|form")
#: Phrases that ask the learner to type or edit code, with what each means.
PHRASES = (
    (re.compile(r"\b(?:edit|change|modify|alter|replace|update|adjust|rewrite)\b[^.!?\n]{0,60}?"
                r"\b(?:the|this|that|these|those|a|its|your)\s+(?:(?:code|parameters?|set-?up|"
                r"next|previous|first|last|following)\s+)?(?:code|cells?|parameters)\b", re.I),
     "asks to edit code or a cell"),
    (re.compile(r"\b(?:type|write|enter|paste)\b[^.!?\n]{0,40}?\b(?:code|python|a\s+(?:function"
                r"\s+)?call|an\s+assignment|a\s+variable)\b", re.I),
     "asks to type code"),
    (re.compile(r"\bchange\s+(?:the|a|this|that|one|its)\s+values?\b(?![^.!?\n]*\b(?:in|on|"
                r"with|using|of)\s+(?:the|this|its|each)\s+(?:\S+\s+){0,3}?(?:" + _CONTROL +
                r")s?\b)", re.I),
     "asks to change a value in the code"),
    (re.compile(r"(?:修改|编辑|更改|改动|改写)[^。！？\n]{0,12}?(?:代码|单元格|参数)"),
     "asks to edit code or a cell"),
    (re.compile(r"(?:输入|编写|写|敲|粘贴)[^。！？\n]{0,8}?(?:代码|[Pp]ython|函数调用|赋值语句)"),
     "asks to type code"),
)
_SPAN = re.compile(r"(`+)(.+?)\1")
_ASSIGNMENT = re.compile(r"^\s*[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*[-+*/]?=(?!=)")
_CALL = re.compile(r"^\s*[A-Za-z_][\w.]*\s*\(")
_VARIABLE = re.compile(r"^[a-z_][a-z0-9_]*$")
_DO = re.compile(r"\b(?:call|use|run|type|write|enter|add|append|replace|change|set|try|paste|"
                 r"edit|pass|put|execute|evaluate)\b|调用|运行|执行|输入|键入|改成|改为|设为|"
                 r"设置|使用", re.I)
_SET = re.compile(r"\b(?:set|change|raise|lower|increase|decrease|edit|replace|adjust|modify|"
                  r"add|append|put)\b", re.I)
_SET_ZH = re.compile(r"(?:把|将)\s*$")
_TO_ZH = re.compile(r"^\s*(?:改为|改成|设为|设置为|调到|调为)")
_FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.S)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")


def _sentences(markdown: str) -> list[str]:
    return [s for s in _SENTENCE.split(_FENCE.sub(" ", markdown)) if s and s.strip()]


def _last_words(text: str, n: int) -> str:
    """The last ``n`` words of ``text`` (inline code counts as one word); Chinese, which has
    no spaces between words, counts as the last eight characters of its run."""
    words = _SPAN.sub(" code ", text).split()[-n:]
    if words and _CJK.search(words[-1]):
        words = [words[-1][-8:]]
    return " ".join(words)


def _negated(before: str) -> bool:
    """Whether the clause just before a match says "never", "no need" or the like."""
    clause = re.split(r"[,;:(—，；：（]", before)[-1]
    return bool(_NEGATION.search(_last_words(clause, 4)))


def code_requests(markdown: str) -> list[str]:
    """Where ``markdown`` asks the learner to type or edit code: one line per finding.

    Prose that names a widget, a control or a file passes; an assignment in inline code, a
    call with a verb telling the learner to make it, a variable to set, a fenced block of
    Python, or a phrase such as "edit the cell" or "change the value" does not.
    """
    found = []
    for block in _FENCE.findall(markdown):
        if any(_ASSIGNMENT.match(line) or _CALL.match(line) for line in block.splitlines()):
            found.append(f"shows code to copy: {block.strip()[:60]!r}")
    for sentence in _sentences(markdown):
        for pattern, meaning in PHRASES:
            for match in pattern.finditer(sentence):
                if not _negated(sentence[: match.start()]):
                    found.append(f"{meaning}: {match.group(0)!r}")
        for match in _SPAN.finditer(sentence):
            span, before = match.group(2), sentence[: match.start()]
            after = sentence[match.end():]
            if _negated(before):
                continue
            if _ASSIGNMENT.match(span):
                found.append(f"shows an assignment to type: `{span}`")
            elif _CALL.match(span) and _DO.search(_last_words(before, 6)):
                found.append(f"asks to make a call: `{span}`")
            elif _VARIABLE.match(span) and (_SET.search(_last_words(before, 3))
                                            or (_SET_ZH.search(before) and _TO_ZH.match(after))):
                found.append(f"asks to set a variable: `{span}`")
    return found


# --------------------------------------------------------------------------- the notebooks


@dataclass(frozen=True)
class Notebook:
    """A course notebook: its path from the course folder and, for a Chinese edition, its
    English source."""

    path: str
    source: str

    @property
    def cells(self) -> list[dict]:
        return _cells(self.path)


def _cells(path: str) -> list[dict]:
    cells = json.loads((REPO / path).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return cells


def _metadata(path: str) -> dict:
    return json.loads((REPO / path).read_text(encoding="utf-8"))["metadata"].get("kamlib", {})


def course_notebooks() -> list[Notebook]:
    """Every English notebook under notebooks/ and exercises/, and every Chinese edition."""
    found = []
    for pattern in ("notebooks/*.ipynb", "exercises/source/*.ipynb", "exercises/release/*.ipynb"):
        for path in sorted(REPO.glob(pattern)):
            english = path.relative_to(REPO).as_posix()
            found.append(Notebook(english, english))
            chinese = path.parent / course.CHINESE_FOLDER / path.name
            if chinese.is_file():
                found.append(Notebook(chinese.relative_to(REPO).as_posix(), english))
    return found


def _held(notebook: Notebook) -> Notebook:
    if notebook.source not in REWRITTEN:
        pytest.skip(f"{notebook.source} is not rewritten yet: add it to REWRITTEN when it is")
    return notebook


NOTEBOOKS = [pytest.param(n, id=n.path) for n in course_notebooks()]


def _on_path(cells: list[dict]) -> list[tuple[int, dict]]:
    """The cells a learner meets: all but the instructor's."""
    return [(i, c) for i, c in enumerate(cells)
            if "instructor" not in c.get("metadata", {}).get("tags", [])]


def test_every_rewritten_notebook_exists() -> None:
    missing = [path for path in REWRITTEN if not (REPO / path).is_file()]
    assert not missing, f"REWRITTEN names notebooks that do not exist: {missing}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_code_cell_is_folded(notebook: Notebook) -> None:
    cells = _held(notebook).cells
    open_cells = [i for i, c in _on_path(cells) if c["cell_type"] == "code"
                  and not c.get("metadata", {}).get("jupyter", {}).get("source_hidden")]
    assert not open_cells, f"code cells not folded (jupyter.source_hidden): {open_cells}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_no_markdown_asks_the_learner_to_write_code(notebook: Notebook) -> None:
    cells = _held(notebook).cells
    problems = [f"cell {i}: {finding}" for i, c in _on_path(cells) if c["cell_type"] == "markdown"
                for finding in code_requests(c["source"])]
    assert not problems, "\n".join(problems)


#: A "Your turn" task: in bold or a heading, not a mention of the phrase in prose.
_YOUR_TURN = re.compile(r"(?:^\s*#{1,6}\s*|\*\*|__)\s*your turn\b", re.I | re.M)
#: A cell that only shows text: not a task the learner can do.
_TEXT_ONLY = re.compile(r"^(?:\s*#[^\n]*\n)*\s*(?:print|Markdown|HTML|display)\s*\(")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_your_turn_is_done_in_a_widget_that_declares_its_minutes(
    notebook: Notebook,
) -> None:
    cells = _held(notebook).cells
    english = _cells(notebook.source)  # a Chinese edition has the English one's cells
    problems = []
    for index, cell in _on_path(english):
        if cell["cell_type"] != "markdown" or not _YOUR_TURN.search(cell["source"]):
            continue
        following = [(i, c) for i, c in enumerate(cells) if i > index and c["cell_type"] == "code"]
        if not following:
            problems.append(f"cell {index}: no widget follows this 'Your turn'")
            continue
        at, task = following[0]
        minutes = task.get("metadata", {}).get("kamlib", {}).get("minutes")
        if not (isinstance(minutes, (int, float)) and minutes > 0):
            problems.append(f"cell {at} (after the 'Your turn' of cell {index}) declares no "
                            "minutes in its metadata kamlib.minutes")
        if _TEXT_ONLY.match(task["source"]):
            problems.append(f"cell {at} (after the 'Your turn' of cell {index}) only shows "
                            "text: the task needs a widget")
    assert not problems, "\n".join(problems)


_STATED = re.compile(r"(\d+)\s*(?:\*\*)?\s*(?:minutes?\b|mins?\b|分钟)", re.I)
_TIME_HEADER = re.compile(r"minutes|分钟", re.I)
_NOTEBOOK_NAME = re.compile(r"[\w.-]+\.ipynb")


def stated_minutes(cells: list[dict], own: str) -> dict[str, list[int]]:
    """The minutes the overview (the markdown before the first code cell) states, by the
    notebook they are about: ``own`` (this notebook's file name) unless a line names another
    notebook, as the prerequisites table does."""
    found: dict[str, list[int]] = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            break
        if cell["cell_type"] != "markdown":
            continue
        column = None
        for line in cell["source"].splitlines():
            others = {Path(name).name for name in _NOTEBOOK_NAME.findall(line)} - {own}
            about = own if not others else others.pop() if len(others) == 1 else None
            if not line.lstrip().startswith("|"):
                column = None
                numbers = [int(n) for n in _STATED.findall(line)]
            elif column is None:  # a table's header row: which column holds minutes
                heads = [i for i, head in enumerate(line.strip().strip("|").split("|"))
                         if _TIME_HEADER.search(head)]
                column = heads[0] if heads else -1
                continue
            else:
                row = line.strip().strip("|").split("|")
                numbers = ([int(n) for n in re.findall(r"\d+", row[column])]
                           if 0 <= column < len(row) else [])
            if about is not None and numbers:
                found.setdefault(about, []).extend(numbers)
    return found


def _stated_by(name: str) -> int | None:
    """The minutes the English course notebook called ``name`` states in its metadata."""
    for notebook in course_notebooks():
        if notebook.path == notebook.source and Path(notebook.path).name == name:
            return _metadata(notebook.path).get("minutes")
    return None


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_the_stated_time_is_what_the_time_rule_gives(notebook: Notebook) -> None:
    _held(notebook)
    rule = course.estimate(REPO / notebook.source).total
    stated = _metadata(notebook.path).get("minutes")
    assert stated == rule, (f"metadata kamlib.minutes is {stated}; the time rule gives {rule} "
                            f"(python tools/lecture_time.py {notebook.source})")
    own = Path(notebook.path).name
    overview = stated_minutes(_cells(notebook.path), own)
    problems = [f"the overview states {n} minutes for this notebook; the time rule gives {rule}"
                for n in overview.pop(own, []) if n != rule]
    for name, numbers in overview.items():
        real = _stated_by(name)
        problems += [f"the overview states {n} minutes for {name}, which states {real}"
                     for n in numbers if real is not None and n != real]
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the rules' own test

#: Texts the old lectures, exercises and start-here asked of the learner (quoted from them):
#: each must be caught.
OLD_REQUESTS = (
    "**Your turn:** set `growth_target_pct` to 20 in the parameters cell and run the notebook "
    "again.",
    "month? Call `print(cycles.describe(cycles.REGIONAL_OPERATION, \"plan\"))` and "
    "`plot_cycle(cycles.REGIONAL_OPERATION, \"plan\")`",
    "No programming is needed: read the text, run the cells, and change the values the "
    "\"Your turn\" boxes point to.",
    "**Your turn.** Raise `min_similarity` to 0.9 in the parameters cell and run again.",
    "account, not data: change them in the cell and see the advice change.",
    "**Your turn.** Change `revenue_growth_target` to 1.2 (+120%) in the parameters cell.",
    "2 or less: add that to `my_rules` (or set any rule you can defend) and run the cell again.",
    "The first cell holds the **parameters**: the account you study and the assumptions you "
    "may change. Change a value, then run the whole notebook again.",
    "A variable such as `answer_1_2 = 50` set in a cell of your own also counts for that task.",
    "Set `language = \"zh\"` below to see widget labels in Chinese.",
    "The \"your turn\" cells ask you to change one value.",
    "Edit the list of ratings in the cell below and run it.",
    "Type Python into the next cell.",
    "```python\nmy_rules = {\"a_min_x\": 2}\n```",
    "**动手试一试**：把 `growth_target_pct` 改为 20，然后重新运行。",
    "请修改下面单元格里的代码，再运行一次。",
    "在下面的单元格里输入代码 `check(\"1.2\")`。",
)

#: Prose that names widgets, controls, files and commands: none of it may be caught.
WIDGET_PROSE = (
    "**Your turn** (3 minutes): move the **X** slider to 4 and the **Y** slider to 2.",
    "Type it in %, to one decimal, in the answer box, then press *Check*.",
    "Each task ends in an answer box: choose, tick, type or fill it in, then press Check.",
    "Edit items in place, change weights, move or remove them.",
    "Change the value in the *Retention* box and watch the chart.",
    "The `XYGrid` widget below shows every account; `SWOTBoard` keeps your items.",
    "You never type code in this course: you read, click, and enter your answers in boxes.",
    "The grey bars hold folded code; you never need to edit the code.",
    "Run `make present` in the course folder (`make present LANGUAGE=zh` for Chinese).",
    "Set the environment variable `KAMLIB_LANGUAGE` to `zh` before JupyterLab starts.",
    "The folded cell below calls `kamlib.quizzes.questions(1)`; the questions live in kamlib.",
    "Write one sentence that you would say to your sales director in the text box.",
    "整个课程都不需要写代码：你只需要阅读、点击，把答案填进输入框。",
    "如果要让全班默认使用中文，请把环境变量 `KAMLIB_LANGUAGE` 设为 `zh`。",
    "**动手试一试**（3 分钟）：把 **X** 滑块拉到 4，**Y** 滑块拉到 2。",
)


@pytest.mark.parametrize("text", OLD_REQUESTS)
def test_the_rules_catch_what_the_old_texts_asked(text: str) -> None:
    assert code_requests(text), f"not caught: {text}"


@pytest.mark.parametrize("text", WIDGET_PROSE)
def test_the_rules_pass_prose_about_widgets(text: str) -> None:
    assert code_requests(text) == []


def test_the_time_check_reads_sentences_and_the_time_column() -> None:
    cells = [
        {"cell_type": "markdown", "source": "# Lecture 9\n\nThis lecture takes about 95 "
                                            "minutes. 本讲大约需要 95 分钟。"},
        {"cell_type": "markdown", "source": "| what | where | minutes |\n|---|---|---|\n"
                                            "| Start | [00](00_start_here.ipynb) | 15 |\n"
                                            "| **This notebook** | `09_x.ipynb` | **about 95** |"},
        {"cell_type": "code", "source": "x"},
        {"cell_type": "markdown", "source": "**Your turn** (3 minutes)"},
    ]
    assert stated_minutes(cells, "09_x.ipynb") == {"09_x.ipynb": [95, 95, 95],
                                                   "00_start_here.ipynb": [15]}
