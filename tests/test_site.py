"""The course website (tools/website.py, make site).

The first tests check the build steps on small made-up notebooks and pages. Those marked
``site`` check the site that ``make site`` built (``make test`` builds it, then runs them):
every notebook has its page with the "Open in JupyterLab" note, the glossary holds the
notebooks' terms, the internal links hold, and in Chromium each edition's figures load.
"""

from __future__ import annotations

import functools
import html
import http.server
import importlib.util
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = REPO / "artifacts" / "screenshots"
PNG_1PX = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJ"
           "RU5ErkJggg==")


@pytest.fixture(scope="module")
def website():
    spec = importlib.util.spec_from_file_location("kam_website", REPO / "tools" / "website.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kam_website"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _text(page: str) -> str:
    """What a reader sees of a page: its text without tags, blanks collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def _notebook(*markdown: str, code: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(m) for m in markdown]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in code]
    return nb


# --- the build steps ------------------------------------------------------------------------


def test_glossary_is_the_course_glossary_linked_to_its_lectures(website) -> None:
    from kamlib.glossary import GLOSSARY

    pages = sorted(path.stem for path in (REPO / "notebooks").glob("[0-9]*.ipynb"))
    english, chinese = (website.glossary_terms(edition, pages) for edition in website.EDITIONS)
    assert len(english) == len(chinese) == len(GLOSSARY)
    number = next(i for i, entry in enumerate(GLOSSARY) if entry.key == "key_account")
    assert english[number] == website.GlossaryTerm(
        "key account", "大客户", GLOSSARY[number].definition, "01_kam_overview",
        "Lecture 1, section 1")
    assert (chinese[number].term, chinese[number].aside) == ("大客户", "key account")
    assert {t.page for t in english} == set(pages)  # every lecture introduces terms
    # lecture 2 is taught in two notebooks: a term links to the one whose section defines it
    page_of = {entry.key: term.page for entry, term in zip(GLOSSARY, english, strict=True)}
    assert (page_of["swot"], page_of["ansoff"]) == ("02a_market_environment",
                                                           "02b_annual_plan")
    page = website.glossary_page(website.EDITIONS[0], english)
    assert page.startswith("# Glossary (术语表)") and "```{glossary}\n:sorted:\n" in page
    assert ("key account\n   大客户 — A customer the seller judges to be of strategic "
            "significance to its future, by size, potential, influence or technology. "
            "({doc}`Lecture 1, section 1 <01_kam_overview>`)") in page


def test_a_widget_becomes_a_note_and_the_picture_it_drew(website) -> None:
    nb = _notebook("# Title", code=("XYGrid()", "1 + 1"))
    view = {"model_id": "box", "version_major": 2, "version_minor": 0}
    nb.cells[1].outputs = [nbformat.v4.new_output(
        "display_data", {website.WIDGET_VIEW: view, "text/plain": "VBox(children=...)"})]
    nb.cells[2].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                  execution_count=2)]
    nb.metadata["widgets"] = {website.WIDGET_STATE: {"state": {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_plot"]}},
        "plot": {"model_name": "OutputModel", "state": {"outputs": [
            {"output_type": "display_data", "data": {"image/png": PNG_1PX}}]}},
    }}}
    assert website.static_widgets(nb, "Use it in JupyterLab.") == 1
    shown = nb.cells[1].outputs[0]["data"]
    assert list(shown) == ["text/html"]
    assert "Use it in JupyterLab." in shown["text/html"]
    assert f'src="data:image/png;base64,{PNG_1PX}"' in shown["text/html"]
    assert nb.cells[2].outputs[0]["data"] == {"text/plain": "2"}  # other outputs stay
    assert "widgets" not in nb.metadata


def test_open_in_lab_note_goes_under_the_title_and_hidden_code_is_folded(website) -> None:
    nb = _notebook("# Lecture 1: One\n\nFirst paragraph.", code=("import kamlib",))
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}
    website.add_open_in_lab(nb, "Open in JupyterLab", "Run `make lab`.")
    assert nb.cells[0].source.startswith(
        "# Lecture 1: One\n\n:::{admonition} Open in JupyterLab\n:class: kam-open-in-lab\n"
        "Run `make lab`.\n:::\n")
    assert nb.cells[0].source.endswith("First paragraph.")
    website.fold_hidden_code(nb)
    assert nb.cells[1].metadata["tags"] == ["hide-input"]


def test_only_a_complete_run_of_the_same_code_is_reused(website) -> None:
    source = _notebook("# T", code=("x = 1", "x"))
    earlier = nbformat.from_dict(source)
    for number, cell in enumerate(earlier.cells[1:], start=1):
        cell.execution_count = number
    assert website._reusable(source, earlier)
    earlier.cells[2].outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="x",
                                                       traceback=[])]
    assert not website._reusable(source, earlier)
    changed = _notebook("# T", code=("x = 2", "x"))
    assert not website._reusable(changed, nbformat.from_dict(source))


@pytest.mark.slow
def test_a_notebook_runs_once_then_comes_from_the_cache(website, tmp_path) -> None:
    from jupyter_cache import get_cache

    nb = _notebook("# T", code=("import os\nos.environ['KAMLIB_WORKBOOK'].endswith('site.json')",))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    cache = get_cache(tmp_path / "cache")
    first, how = website.executed_notebook(path, cache, reuse=None)
    assert how.startswith("executed") and first.cells[1].outputs[0]["data"] == {
        "text/plain": "True"}  # run with a throw-away workbook, not the learner's
    again, how = website.executed_notebook(path, cache, reuse=None)
    assert how == "cached" and again.cells[1].outputs == first.cells[1].outputs


def test_link_check_finds_missing_pages_anchors_and_network_loads(website, tmp_path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.html").write_text(
        '<h1 id="top">A</h1><a href="b.html#part">ok</a><a href="b.html#nothing">bad anchor</a>'
        '<a href="gone.html">bad page</a><a href="https://example.org/">other site</a>'
        '<img src="_images/x.png"><script src="https://cdn.example.org/x.js"></script>')
    (tmp_path / "en" / "b.html").write_text('<p id="part">B</p><a href="a.html#top">back</a>')
    problems = website.check_links(tmp_path)
    assert problems == [
        "en/a.html: b.html#nothing -> no anchor #nothing",
        "en/a.html: gone.html -> no such file",
        "en/a.html: _images/x.png -> no such file",
        "en/a.html: <script> loads https://cdn.example.org/x.js from the network",
    ]


def test_editions_are_one_entry_each(website) -> None:
    """A Chinese edition under notebooks/zh/ is one more entry, built once its pages exist."""
    codes = [edition.code for edition in website.EDITIONS]
    assert codes == ["en", "zh"]
    assert "en" in [edition.code for edition in website.available_editions()]


# --- the built site -------------------------------------------------------------------------


def test_links_between_notebooks_lead_to_pages_of_the_right_edition(website) -> None:
    """A Chinese lecture links start-here as ../00_start_here.ipynb and start-here links the
    Chinese lectures under zh/: on the site all of an edition's pages share one folder, so
    these became dead anchors (found by the link check of the first two-edition build)."""
    zh = next(e for e in website.EDITIONS if e.code == "zh")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "[next](02a_market_environment.ipynb) [start](../00_start_here.ipynb) "
        "[English](../01_kam_overview.ipynb#sources)")])
    website.relink_pages(nb, REPO / "notebooks" / "zh" / "01_kam_overview.ipynb", zh)
    assert nb.cells[0].source == (
        "[next](02a_market_environment.ipynb) [start](00_start_here.ipynb) "
        '<a href="../en/01_kam_overview.html#sources">English</a>')


@pytest.fixture(scope="module")
def built(website) -> list:
    """The editions of the built site (make site)."""
    if not (website.HTML / "en" / "index.html").exists():
        if os.environ.get("CI"):
            pytest.fail("the site is not built: make test runs make site before these tests")
        pytest.skip("run `make site` first")
    return website.available_editions()


@pytest.mark.site
def test_every_notebook_has_a_page_that_says_how_to_open_it(website, built) -> None:
    for edition in built:
        for notebook in website.edition_notebooks(edition):
            page = (website.HTML / edition.code / f"{notebook.stem}.html").read_text("utf-8")
            text = _text(page)
            path = notebook.relative_to(REPO).as_posix()
            assert edition.open_in_lab_title in text and "make lab" in text, notebook
            assert text.count(path) == 2, notebook
            assert "Traceback" not in page and 'class="output error"' not in page, notebook


@pytest.mark.site
def test_glossary_and_search_hold_the_course_glossary(website, built) -> None:
    for edition in built:
        stems = [p.stem for p in website.edition_notebooks(edition)]
        terms = website.glossary_terms(edition, stems)
        glossary = (website.HTML / edition.code / "glossary.html").read_text("utf-8")
        script = (website.HTML / edition.code / "searchindex.js").read_text("utf-8")
        index = json.loads(script[script.index("(") + 1:script.rindex(")")])
        entries = {entry.lower() for entry in index["indexentries"]}
        for term in terms:
            assert html.escape(term.term, quote=False) in glossary, term
            assert html.escape(term.aside, quote=False) in glossary, term
            entry = term.term.split(";")[0].strip().lower()  # "a; b" is entry a, sub-entry b
            assert entry in entries, term  # an index entry: search finds it


@pytest.mark.site
def test_site_has_no_broken_internal_link(website, built) -> None:
    assert website.check_links() == []


@pytest.fixture(scope="module")
def served(website, built) -> Iterator[str]:
    """The built site over HTTP on a free local port, as a reader's browser gets it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(website.HTML))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.site
@pytest.mark.browser
def test_one_page_per_edition_shows_its_figures(website, built, served) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            for edition in built:
                lecture = next(p for p in website.edition_notebooks(edition)
                               if p.name.startswith("01_"))
                response = page.goto(f"{served}/{edition.code}/{lecture.stem}.html",
                                     wait_until="load")
                assert response.ok
                widths = page.evaluate("() => [...document.images].map(i => i.naturalWidth)")
                assert len(widths) >= 3 and all(w > 0 for w in widths), widths
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.locator("img").first.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"site_{edition.code}_{lecture.stem}.png"))
        finally:
            browser.close()
