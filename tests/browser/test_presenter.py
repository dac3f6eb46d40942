"""``make present``: the lectures' widgets served by Voilà, without code, in presenter size.

Voilà serves the presenter notebooks as ``make present LANGUAGE=zh`` does (Chinese labels,
``KAMLIB_PRESENTER=1``); Chromium opens lecture 2a's page at laptop size, sees the widgets and
no code, changes a BCG value and sees the chart redrawn.
"""

from __future__ import annotations

import lab_server
import pytest
import widget_actions

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory):
    from conftest import _need_chromium

    _need_chromium()
    notebooks = [widget_actions.PRESENTER / name for name in widget_actions.WIDGETS]
    with lab_server.serve(tmp_path_factory.mktemp("voila"), notebooks, voila="",
                          extra_env={"KAMLIB_PRESENTER": "1", "KAMLIB_LANGUAGE": "zh"}) as server:
        yield server


def test_presenter_page_shows_live_widgets_without_code(voila, page) -> None:
    from playwright.sync_api import expect

    notebook = "02a_market_environment.ipynb"
    page.goto(f"{voila.url}/voila/render/{notebook}")
    bcg = page.locator(".kam-BCGPlot").first
    expect(bcg).to_be_visible(timeout=120_000)
    expect(page.locator(".kam-widget")).to_have_count(len(widget_actions.WIDGETS[notebook]))
    assert page.locator(".kam-presenter").count() == page.locator(".kam-widget").count()
    expect(bcg).to_contain_text("波士顿矩阵")  # the Chinese edition's labels
    body = page.locator("body").inner_text()
    assert "from kamlib" not in body and "BCGPlot()" not in body  # no code on the screen
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor").count() == 0
    size = bcg.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 18  # presenter size
    image = bcg.locator("img.kam-chart").first
    before = image.get_attribute("src")
    growth = bcg.locator("input[type=number]").first
    growth.fill("19.5")
    growth.press("Enter")
    expect(image).not_to_have_attribute("src", before)
    bcg.scroll_into_view_if_needed()
    page.screenshot(path=str(lab_server.REPO / "artifacts" / "widgets" / "presenter_zh.png"))
