"""The Chinese edition's widgets in a real JupyterLab (issue 10): XYGrid, SWOTBoard, BCGPlot and
SmartCoach with the language set to Chinese, used as a learner would at laptop size, show no
English word (ids, numbers, model acronyms and proper names aside) and no missing-glyph box.
"""

from __future__ import annotations

import re

import lab_server
import pytest
from lab_server import LAPTOP

pytestmark = pytest.mark.browser

SHOTS = lab_server.REPO / "artifacts" / "screenshots"
CELLS = [
    "import kamlib\nkamlib.set_language('zh')",
    "from kamlib.widgets import BCGPlot, SWOTBoard, SmartCoach, XYGrid\n"
    "XYGrid(section='zh_demo/xy_grid')",
    "SWOTBoard(title='SWOT：华信 @ AC001', section='zh_demo/swot')",
    "BCGPlot(section='zh_demo/bcg')",
    "SmartCoach(section='zh_demo/smart')",
]
WIDGETS = ".kam-XYGrid, .kam-SWOTBoard, .kam-BCGPlot, .kam-SmartCoach"
#: Latin words allowed in Chinese text: ids, model names and units a Chinese trainer uses too.
ALLOWED = re.compile(
    r"^(AC\d+|PL\d+|XY|SWOT|TOWS|BCG|SMART|SPIN|KAM|CRM|CNY|RMB|X|Y|A|B|C|D|VIP|SO|ST|WO|WT|"
    r"S|W|O|T|M|R|[SWOT]\d+|Q\d|PU|Huaxin|Excel|CSV|ID|e\.g)$")


def _english_words(text: str) -> list[str]:
    """Latin words left once the case's proper names (companies, people in pinyin) are out."""
    from kamlib import datasets

    accounts, people = datasets.load("accounts"), datasets.load("people")
    names = set(accounts["name"]) | set(accounts["kam"].dropna()) | set(people["name"])
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return sorted({w.rstrip(".") for w in re.findall(r"[A-Za-z][A-Za-z0-9.]*", text)
                   if not ALLOWED.match(w.rstrip("."))})


def _glyph_boxes(page, text: str) -> list[str]:
    """Chinese characters the page's font draws as the same box as an unassigned code point."""
    characters = sorted({c for c in text if "\u4e00" <= c <= "\u9fff"})[:400]
    return page.evaluate(
        """chars => {
            const canvas = document.createElement('canvas');
            canvas.width = 32; canvas.height = 32;
            const g = canvas.getContext('2d', {willReadFrequently: true});
            const font = getComputedStyle(document.querySelector('.kam-XYGrid')).fontFamily;
            const draw = c => { g.clearRect(0, 0, 32, 32); g.font = `24px ${font}`;
                                g.fillText(c, 2, 26); return g.getImageData(0, 0, 32, 32)
                                .data.join(','); };
            const box = draw('\\u0378');
            return chars.filter(c => draw(c) === box);
        }""", characters)


def test_chinese_widgets_show_no_english_and_no_missing_glyphs(lab, page) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size(LAPTOP)
    lab_server.write_notebook(lab.root / "chinese_demo.ipynb", CELLS)
    lab_server.open_notebook(page, lab, "chinese_demo.ipynb", sidebar=False)
    lab_server.run_all(page, widgets=4)
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Use each widget: a SWOT item, a goal for the coach, a class change in the grid.
    page.locator(".kam-SWOTBoard textarea, .kam-SWOTBoard input[type=text]").first.fill(
        "本地技术服务响应快")
    page.locator(".kam-SWOTBoard .widget-button").first.click()
    goal = page.locator(".kam-SmartCoach textarea, .kam-SmartCoach input[type=text]").first
    goal.fill("在2026年12月31日前把AC017的涂料销售额提高15%，达到600万元")
    goal.press("Tab")
    coach = page.locator(".kam-SmartCoach")
    expect(coach).to_contain_text("可度量")
    page.locator(".kam-XYGrid .widget-slider .noUi-handle").first.click()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(lab_server.IDLE)).to_be_visible()

    for name in ("XYGrid", "SWOTBoard", "BCGPlot", "SmartCoach"):
        widget = page.locator(f".kam-{name}").first
        widget.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"zh_{name}.png"))
        shown = page.evaluate(
            """el => el.innerText + ' ' + [...el.querySelectorAll('input, textarea')]
                .map(i => i.placeholder).join(' ') + ' ' +
                [...el.querySelectorAll('img')].map(i => i.alt).join(' ')""",
            widget.element_handle())
        learner_typed = ("本地技术服务响应快", "AC017", "Run ▸ Run All Cells")  # JupyterLab menu
        for typed in learner_typed:
            shown = shown.replace(typed, " ")
        assert re.search(r"[\u4e00-\u9fff]", shown), f"{name} shows no Chinese: {shown[:200]}"
        left = _english_words(shown)
        assert not left, f"{name} still shows English words: {left}"
        assert _glyph_boxes(page, shown) == [], f"{name} draws Chinese as boxes"
