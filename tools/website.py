"""The course website: every notebook as it looks after one run, as a static site.

    python tools/website.py build [--edition en] [--reuse build/executed]   # make site
    python tools/website.py check                                          # links only

``build`` makes ``build/site/html/<edition>/`` for each edition whose notebooks exist
(English: ``notebooks/*.ipynb``; Chinese, once written: ``notebooks/zh/*.ipynb`` and the
bilingual start-here), then checks the site's internal links. For each edition it

1. executes each notebook, through a jupyter-cache cache in ``build/site/cache`` (a notebook
   whose code, and the kamlib and data it runs on, did not change is not run again); with
   ``--reuse DIR`` it first takes the notebooks that the tests have just executed
   (``make test`` writes them to ``build/executed``) instead of running them again;
2. shows each widget as a note and the first picture it drew (a static page has no kernel),
   and puts an "Open in JupyterLab" note under each notebook's title;
3. writes the edition's pages (``site/<edition>/``, the course glossary of
   :mod:`kamlib.glossary`) and runs Sphinx with MyST-NB (configuration ``site/conf.py``).

Nothing is downloaded, at build time or when a page is read; ``check`` fails on a link to a
missing page, file or anchor, and on a page that would load anything from the network.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / "site"
BUILD = REPO / "build" / "site"
HTML = BUILD / "html"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@dataclass(frozen=True)
class Edition:
    """One language edition of the site: its pages come from ``site/<code>/``."""

    code: str
    language: str  # Sphinx's language code (search, dates, theme texts)
    title: str
    notebooks: tuple[str, ...]  # globs, relative to the course folder
    open_in_lab_title: str
    open_in_lab: str  # the note under each notebook's title; {path} is the notebook
    widget_note: str  # shown where a notebook has a widget
    glossary_title: str
    glossary_intro: str


EDITIONS = (
    Edition(
        code="en",
        language="en",
        title="Key Account Management (大客户管理)",
        notebooks=("notebooks/*.ipynb",),
        open_in_lab_title="Open in JupyterLab",
        open_in_lab=(
            "This page is the notebook `{path}` after one run. To use its widgets and run its "
            "code, open it in JupyterLab: in the course folder run `make lab`, then open "
            "`{path}` in the file browser on the left."
        ),
        widget_note=(
            "Interactive widget: in JupyterLab you can change it and it answers. "
            "Here, the first picture it draws."
        ),
        glossary_title="Glossary (术语表)",
        glossary_intro="Every term the course introduces, in English and Chinese, what it "
                       "means and where it is introduced.",
    ),
    Edition(
        code="zh",
        language="zh_CN",
        title="大客户管理",
        notebooks=("notebooks/00_start_here.ipynb", "notebooks/zh/*.ipynb"),
        open_in_lab_title="在 JupyterLab 中打开",
        open_in_lab=(
            "本页是笔记本 `{path}` 运行一次后的样子。要使用其中的交互组件并运行代码，请在 "
            "JupyterLab 中打开它：在课程文件夹中运行 `make lab`，然后在左侧的文件浏览器中"
            "打开 `{path}`。"
        ),
        widget_note="交互组件：在 JupyterLab 中可以操作并即时反馈。此处显示它最初绘制的图。",
        glossary_title="术语表 (Glossary)",
        glossary_intro="课程介绍的全部术语：中英文对照、含义以及首次出现的位置。",
    ),
)


def edition_notebooks(edition: Edition) -> list[Path]:
    """The edition's notebooks, sorted by file name (00_start_here first)."""
    found = {path for pattern in edition.notebooks for path in REPO.glob(pattern)}
    return sorted((p for p in found if ".ipynb_checkpoints" not in p.parts),
                  key=lambda p: p.name)


def available_editions() -> list[Edition]:
    """Editions with pages in ``site/<code>/`` and at least one notebook besides start-here."""
    return [e for e in EDITIONS if (CONF / e.code / "index.md").exists()
            and any(p.name != "00_start_here.ipynb" for p in edition_notebooks(e))]


# --- 1. execution, with a cache -------------------------------------------------------------


def run_inputs() -> list[Path]:
    """What the notebooks run on besides their own code: kamlib and the case data."""
    patterns = ("kamlib/**/*.py", "kamlib/**/*.toml", "kamlib/**/*.json", "kamlib/**/*.csv",
                "kamlib/locale/**/*.po")
    return sorted(path for pattern in patterns for path in REPO.glob(pattern))


def code_digest() -> str:
    """A digest of :func:`run_inputs`.

    jupyter-cache recognises a notebook by its code alone; the cache folder is named after
    this digest, so a change to kamlib or the data runs the notebooks again.
    """
    digest = hashlib.sha256()
    for path in run_inputs():
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def open_cache():
    """The jupyter-cache cache of executed notebooks for this kamlib and data."""
    from jupyter_cache import get_cache

    folder = BUILD / "cache" / code_digest()
    if (BUILD / "cache").exists():
        for old in (BUILD / "cache").iterdir():
            if old != folder:
                shutil.rmtree(old)
    return get_cache(folder)


def _reusable(source: nbformat.NotebookNode, earlier: nbformat.NotebookNode) -> bool:
    """Whether ``earlier`` is a complete, error-free run of the same code as ``source``."""
    code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (source, earlier)]
    failed = any(output.get("output_type") == "error"
                 for cell in earlier.cells for output in cell.get("outputs", []))
    unrun = any(cell.cell_type == "code" and cell.source.strip() and cell.execution_count is None
                for cell in earlier.cells)
    return len(source.cells) == len(earlier.cells) and code[0] == code[1] and not (
        failed or unrun)


def _with_outputs(source: nbformat.NotebookNode,
                  executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``source`` with the outputs, counts and widget state of ``executed`` (same code)."""
    merged = copy.deepcopy(source)
    for cell, done in zip(merged.cells, executed.cells, strict=True):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = done.outputs, done.execution_count
    if "widgets" in executed.metadata:
        merged.metadata["widgets"] = executed.metadata["widgets"]
    return merged


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a notebook as the tests do: kernel python3, from an empty folder, a copy of the
    course's default settings, the default language and a throw-away workbook."""
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory(prefix="kam-site-") as scratch:
        settings = Path(scratch) / "course_settings.toml"
        shutil.copyfile(REPO / "kamlib" / "course_settings.toml", settings)
        env = {"KAMLIB_SETTINGS": str(settings), "KAMLIB_LANGUAGE": None,
               "XDG_CONFIG_HOME": str(Path(scratch) / "config"),
               "KAMLIB_WORKBOOK": str(Path(scratch) / "workbook" / "site.json"),
               "MPLCONFIGDIR": str(Path(scratch) / "mpl")}
        saved = {name: os.environ.get(name) for name in env}
        for name, value in env.items():  # the kernel inherits these
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        try:
            NotebookClient(nb, timeout=900, kernel_name="python3",
                           resources={"metadata": {"path": scratch}}).execute()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    return nb


def executed_notebook(path: Path, cache, reuse: Path | None) -> tuple[nbformat.NotebookNode, str]:
    """The notebook at ``path`` with its outputs, and where they came from."""
    from jupyter_cache.base import CacheBundleIn

    source = nbformat.read(path, as_version=4)
    try:
        return cache.merge_match_into_notebook(source)[1], "cached"
    except KeyError:
        pass
    start = time.perf_counter()
    candidate = reuse / path.relative_to(REPO) if reuse else None
    # A run older than the notebook, kamlib or the data shows what they no longer do.
    if candidate is not None and candidate.exists() and candidate.stat().st_mtime >= max(
            p.stat().st_mtime for p in [path, *run_inputs()]):
        earlier = nbformat.read(candidate, as_version=4)
        if _reusable(source, earlier):
            done, how = earlier, "reused from the tests' run"
        else:
            done, how = _execute(source), "executed (the tests' run is not reusable)"
    else:
        done, how = _execute(source), "executed"
    # The source's own cells with the run's outputs: the cache recognises it by its cells
    # (a run adds timing and papermill metadata to them).
    done = _with_outputs(source, done)
    cache.cache_notebook_bundle(CacheBundleIn(done, str(path)), check_validity=False,
                                overwrite=True)
    return done, f"{how} in {time.perf_counter() - start:.1f} s"


# --- 2. pages from executed notebooks ---------------------------------------------------------


def _widget_pictures(state: dict, model_id: str, seen: set[str] | None = None) -> Iterator[str]:
    """The base64 PNGs that a widget's Output children hold, depth first."""
    seen = set() if seen is None else seen
    if model_id in seen or model_id not in state:
        return
    seen.add(model_id)
    model = state[model_id]
    for output in model.get("state", {}).get("outputs", []) or []:
        picture = output.get("data", {}).get("image/png")
        if picture:
            yield picture if isinstance(picture, str) else "".join(picture)
    children = model.get("state", {}).get("children", []) or []
    for child in children:
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            yield from _widget_pictures(state, child.removeprefix("IPY_MODEL_"), seen)


def static_widgets(nb: nbformat.NotebookNode, note: str) -> int:
    """Replace each widget output by ``note`` and the pictures the widget first drew.

    Returns how many widgets were replaced. The widget state leaves the notebook: a static
    page has no kernel to talk to.
    """
    state = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    replaced = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
                continue
            replaced += 1
            pictures = "".join(
                f'<img src="data:image/png;base64,{picture.strip()}" alt="{html.escape(note)}">'
                for picture in _widget_pictures(state, view["model_id"])
            )
            block = (f'<div class="kam-widget"><p class="kam-widget-note">{html.escape(note)}'
                     f"</p>{pictures}</div>")
            outputs.append(nbformat.v4.new_output("display_data", {"text/html": block}))
        cell.outputs = outputs
    return replaced


_NOTEBOOK_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s#]+\.ipynb)(#[^)\s]*)?\)")


def relink_pages(nb: nbformat.NotebookNode, path: Path, edition: Edition) -> None:
    """Point the markdown's links to notebooks at their pages: all of an edition's pages sit
    in one folder, so a link to a notebook of this edition becomes its page name; a link to
    one of the other edition only becomes that edition's page (``../zh/….html``, as raw
    HTML, which MyST passes through)."""
    editions = sorted(available_editions(), key=lambda e: e.code != edition.code)

    def page(match: re.Match) -> str:
        text, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        resolved = (path.parent / target).resolve()
        for other in editions:
            if resolved in {p.resolve() for p in edition_notebooks(other)}:
                if other.code == edition.code:
                    return f"[{text}]({resolved.name}{anchor})"
                return f'<a href="../{other.code}/{resolved.stem}.html{anchor}">{text}</a>'
        return match.group(0)

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _NOTEBOOK_LINK.sub(page, cell.source)


def add_open_in_lab(nb: nbformat.NotebookNode, title: str, text: str) -> None:
    """Put the "Open in JupyterLab" note right under the notebook's title."""
    note = f"\n:::{{admonition}} {title}\n:class: kam-open-in-lab\n{text}\n:::\n"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            title = re.search(r"^# .*$", cell.source, re.M)
            if title:
                cell.source = cell.source[:title.end()] + "\n" + note + cell.source[title.end():]
                return
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))


def fold_hidden_code(nb: nbformat.NotebookNode) -> None:
    """Code that JupyterLab shows folded (``jupyter.source_hidden``) is folded on the page."""
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("jupyter", {}).get("source_hidden"):
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")


@dataclass(frozen=True)
class GlossaryTerm:
    """One entry of the site's glossary, in the edition's language."""

    term: str
    aside: str  # the term in the other language
    definition: str
    page: str | None  # the notebook page that introduces it
    where: str  # "Lecture 1, section 4"


def glossary_terms(edition: Edition, pages: list[str]) -> list[GlossaryTerm]:
    """The course glossary (:mod:`kamlib.glossary`) in the edition's language, each term
    with the page of the lecture that introduces it (``pages``: the edition's notebook
    pages, named ``<lecture number>_...``, or ``<lecture number><part letter>_...`` for a
    lecture taught in parts)."""
    from kamlib.glossary import GLOSSARY, LECTURE_NAMES
    from kamlib.i18n import gettext

    language = "zh" if edition.code == "zh" else "en"
    terms = []
    for entry in GLOSSARY:
        where = gettext("{lecture}, section {section}", language=language).format(
            lecture=gettext(LECTURE_NAMES[entry.lecture], language=language), section=entry.section)
        term, aside = (entry.zh, entry.en) if language == "zh" else (entry.en, entry.zh)
        terms.append(GlossaryTerm(term, aside, gettext(entry.definition, language),
                                  _page_of(pages, entry.lecture, entry.section), where))
    return terms


def _page_of(pages: list[str], lecture: int, section: str) -> str | None:
    """The page of ``pages`` that teaches ``section`` of ``lecture``: the lecture's page, or,
    for a lecture taught in parts (02a, 02b), the part whose sections hold it (its lessons
    module's ``SECTIONS``, e.g. :data:`kamlib.lessons.lecture2.SECTIONS`)."""
    import importlib

    own = [page for page in pages if page[:2].isdigit() and int(page[:2]) == lecture]
    if len(own) < 2:
        return own[0] if own else None
    parts = importlib.import_module(f"kamlib.lessons.lecture{lecture}").SECTIONS
    return next((page for page in own if section in parts.get(page[2:3], ())), own[0])


def glossary_page(edition: Edition, terms: list[GlossaryTerm]) -> str:
    """The glossary as a MyST page: a Sphinx glossary (sorted, each term an index entry, so
    that search finds it), each definition linked to the lecture that introduces the term."""
    lines = [f"# {edition.glossary_title}", "", edition.glossary_intro, "",
             "```{glossary}", ":sorted:", ""]
    for entry in terms:
        where = f"{{doc}}`{entry.where} <{entry.page}>`" if entry.page else entry.where
        definition = " ".join(entry.definition.split())
        lines += [entry.term, f"   {entry.aside} — {definition} ({where})", ""]
    return "\n".join([*lines, "```", ""])


def write_sources(edition: Edition, reuse: Path | None, cache) -> Path:
    """Write the edition's Sphinx sources: its pages and its executed notebooks."""
    source = BUILD / "src" / edition.code
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(CONF / edition.code, source)
    pages = []
    for path in edition_notebooks(edition):
        start = time.perf_counter()
        nb, how = executed_notebook(path, cache, reuse)
        widgets = static_widgets(nb, edition.widget_note)
        relink_pages(nb, path, edition)
        add_open_in_lab(nb, edition.open_in_lab_title,
                        edition.open_in_lab.format(path=path.relative_to(REPO).as_posix()))
        fold_hidden_code(nb)
        nbformat.write(nb, source / path.name)
        pages.append(path.stem)
        print(f"  {path.relative_to(REPO)}: {how}; {widgets} widget(s) shown as pictures "
              f"({time.perf_counter() - start:.1f} s)", flush=True)
    terms = glossary_terms(edition, list(pages))
    (source / "glossary.md").write_text(glossary_page(edition, terms), encoding="utf-8")
    return source


def run_sphinx(edition: Edition, source: Path) -> Path:
    """Build the edition's pages and copy them to ``build/site/html/<edition>``.

    Sphinx writes to a folder of its own because MyST-NB keeps files beside the output
    folder (``jupyter_execute``), which are no part of the site.
    """
    out = BUILD / "sphinx" / edition.code / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-c", str(CONF),
               "-D", f"language={edition.language}", "-D", f"html_title={edition.title}",
               "-D", f"project={edition.title}", "-d", str(BUILD / "sphinx" / edition.code /
                                                            "doctrees"),
               str(source), str(out)]
    subprocess.run(command, check=True)
    site = HTML / edition.code
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(out, site, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    return site


def write_landing_page(editions: list[Edition]) -> None:
    """``build/site/html/index.html``: the editions, or a redirect when there is one."""
    links = "\n".join(f'<li><a href="{e.code}/index.html">{html.escape(e.title)}</a></li>'
                      for e in editions)
    refresh = (f'<meta http-equiv="refresh" content="0; url={editions[0].code}/index.html">'
               if len(editions) == 1 else "")
    HTML.mkdir(parents=True, exist_ok=True)
    (HTML / "index.html").write_text(
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{refresh}'
        f"<title>Key Account Management (大客户管理)</title></head>\n"
        f"<body><h1>Key Account Management (大客户管理)</h1><ul>\n{links}\n</ul></body></html>\n",
        encoding="utf-8")


# --- 3. the link check ----------------------------------------------------------------------


class _Page(HTMLParser):
    """The ids a page defines and the links and resources it uses."""

    LINKS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
             ("iframe", "src"), ("source", "src")}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in self.LINKS and value:
                self.links.append((tag, value))


def check_links(root: Path = HTML) -> list[str]:
    """Problems of the built site: links to missing pages, files or anchors, and
    resources (scripts, styles, pictures) that a reader's browser would fetch from the
    network. Links to other sites (``<a href="https://…">``) are not followed."""
    pages: dict[Path, _Page] = {}
    for path in sorted(root.rglob("*.html")):
        if "_static" in path.relative_to(root).parts:
            continue  # the theme's template snippets, not pages
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    problems = []
    for path, page in pages.items():
        where = path.relative_to(root)
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("data", "mailto", "javascript"):
                continue
            if parts.scheme or parts.netloc:
                if tag != "a":
                    problems.append(f"{where}: <{tag}> loads {url} from the network")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{where}: {url} -> no such file")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: {url} -> no anchor #{parts.fragment}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "check"))
    parser.add_argument("--edition", action="append", choices=[e.code for e in EDITIONS],
                        help="only this edition (default: every edition that exists)")
    parser.add_argument("--reuse", type=Path, help="notebooks the tests executed (make test)")
    args = parser.parse_args(argv)
    if args.command == "build":
        start = time.perf_counter()
        editions = [e for e in available_editions()
                    if not args.edition or e.code in args.edition]
        cache = open_cache()
        reuse = args.reuse if args.reuse is None or args.reuse.is_absolute() \
            else REPO / args.reuse
        for edition in editions:
            print(f"{edition.code}: {edition.title}", flush=True)
            source = write_sources(edition, reuse, cache)
            sphinx_start = time.perf_counter()
            run_sphinx(edition, source)
            print(f"  Sphinx: {time.perf_counter() - sphinx_start:.1f} s", flush=True)
        write_landing_page(available_editions())
        print(f"Site built in {time.perf_counter() - start:.1f} s: "
              f"{(HTML / 'index.html').relative_to(REPO)}")
    problems = check_links()
    for problem in problems:
        print(f"BROKEN: {problem}")
    print(f"Internal links checked: {len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
