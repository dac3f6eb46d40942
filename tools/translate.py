"""The Chinese edition, from one source: gettext catalogs keyed to the English text.

    python tools/translate.py update   # extract the English texts, update every catalog,
                                       # then write the Chinese notebooks
    python tools/translate.py check    # exit 1 if a catalog or a Chinese notebook is out of
                                       # date, or a text lacks its translation
    python tools/translate.py status   # how many texts each catalog has and lacks

Two kinds of catalog, both gettext ``.po`` files handled with Babel:

- kamlib's own texts (widget labels, messages, feedback, documents): every ``_()``,
  ``gettext()``, ``ngettext()`` and ``N_()`` in ``kamlib/`` is extracted into
  ``kamlib/locale/zh_CN/LC_MESSAGES/kamlib.po``, which kamlib reads at run time, with the
  prose of the shipped case data (the distinct values of ``kamlib.datasets.TEXT_COLUMNS``
  in ``kamlib/data/*.csv``, shown through ``kamlib.datasets.shown_texts``).
- each English notebook's markdown, and the README and instructor guide: split into blocks
  (a paragraph, a heading, a list item, a table row) that become the entries of
  ``translations/zh_CN/<folder>/<name>.po``. The
  Chinese notebook ``<folder>/zh/<name>.ipynb`` is written from the English one: markdown
  blocks replaced by their translations, code cells copied unchanged except the ``language``
  parameter, which becomes ``"zh"``. The documents' Chinese editions are ``README.zh-CN.md``
  and ``docs/zh/instructor_guide.md``.

A translator edits only the ``msgstr`` lines of the ``.po`` files (any PO editor works), then
runs ``update``. An entry whose English changed is marked fuzzy by the merge and counts as
untranslated until a translator confirms it.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
LOCALE = "zh_CN"
LANGUAGE = "zh"
KAMLIB_CATALOG = REPO / "kamlib" / "locale" / LOCALE / "LC_MESSAGES" / "kamlib.po"
NOTEBOOK_CATALOGS = REPO / "translations" / LOCALE
#: English notebooks that have a Chinese edition (the bilingual start-here has none).
SOURCE_GLOBS = ("notebooks/*.ipynb", "exercises/source/*.ipynb")
BILINGUAL = {"notebooks/00_start_here.ipynb"}
#: English documents and where their Chinese edition goes.
DOCUMENTS = {
    "README.md": "README.zh-CN.md",
    "docs/instructor_guide.md": "docs/zh/instructor_guide.md",
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
_LANGUAGE_PARAMETER = re.compile(r"""^(language\s*=\s*)(["'])en\2""", re.M)
#: nbval's marker of a cell whose output is checked, with its line.
_PINNED = re.compile(r"^# NBVAL_CHECK_OUTPUT[^\n]*\n?", re.M)
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s")
_HAS_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]")


# --- markdown blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of markdown: translatable text, or layout kept as it is (blank lines, fences)."""

    text: str
    translatable: bool


def _blocks(markdown: str) -> Iterator[list[str]]:
    """Lines grouped into blocks separated by blank lines; a fenced code block is one block."""
    block: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip() and not _FENCE.match(line):
            if block:
                yield block
                block = []
            yield [line]  # the blank line itself, kept as layout
            continue
        block.append(line)
    if block:
        yield block


def _is_code(block: list[str]) -> bool:
    """A fenced block, or an indented code block (every line indented by 4 or more)."""
    return bool(_FENCE.match(block[0])) or all(
        line.startswith(("    ", "\t")) for line in block
    )


def _units(block: list[str]) -> list[list[str]]:
    """A block cut into translation units: each heading, list item (with its continuation
    lines), table row and paragraph is one unit."""
    if _is_code(block) or not any(_HAS_WORDS.search(line) for line in block):
        return [block]
    units: list[list[str]] = []
    kind = ""
    for line in block:
        if _HEADING.match(line):
            units.append([line])
            kind = "heading"
        elif line.lstrip().startswith("|"):
            units.append([line])
            kind = "row"
        elif _LIST_ITEM.match(line):
            units.append([line])
            kind = "item"
        elif kind in ("item", "paragraph"):
            units[-1].append(line)
        else:
            units.append([line])
            kind = "paragraph"
    return units


def pieces(markdown: str) -> list[Piece]:
    """``markdown`` as pieces whose texts joined with newlines give it back exactly."""
    found = []
    for block in _blocks(markdown):
        for unit in _units(block):
            text = "\n".join(unit)
            translatable = (
                bool(text.strip())
                and not _is_code(unit)
                and bool(_HAS_WORDS.search(text))
                and not re.fullmatch(r"\|?[\s:|-]+\|?", text.strip())  # a table's rule row
            )
            found.append(Piece(text, translatable))
    return found


def translate_markdown(markdown: str, translations: dict[str, str]) -> tuple[str, list[str]]:
    """``markdown`` with every translatable piece replaced; also the pieces left English."""
    out, missing = [], []
    for piece in pieces(markdown):
        if piece.translatable:
            key = piece.text.strip()
            translated = translations.get(key)
            if translated is None:
                missing.append(key)
                out.append(piece.text)
            else:
                indent = piece.text[: len(piece.text) - len(piece.text.lstrip())]
                out.append(indent + translated)
        else:
            out.append(piece.text)
    return "\n".join(out), missing


# --- notebooks ---------------------------------------------------------------------------


def source_notebooks() -> list[Path]:
    """The English notebooks that have a Chinese edition."""
    found = []
    for pattern in SOURCE_GLOBS:
        found += [p for p in sorted(REPO.glob(pattern)) if _relative(p) not in BILINGUAL]
    return found


def _relative(path: Path) -> str:
    """``path`` as the repository names it (a path outside the repository as it is)."""
    resolved = path.resolve()
    return resolved.relative_to(REPO).as_posix() if resolved.is_relative_to(REPO) else str(path)


def chinese_path(source: Path) -> Path:
    return source.parent / LANGUAGE / source.name


def catalog_path(source: Path) -> Path:
    folder = source.resolve().parent.relative_to(REPO)
    return NOTEBOOK_CATALOGS / folder / f"{source.stem}.po"


def notebook_messages(source: Path) -> Catalog:
    """A template catalog of ``source``'s markdown pieces, each with the cell it is in."""
    template = Catalog(locale=None, project="kamlib course", fuzzy=False)
    nb = nbformat.read(source, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for piece in pieces(cell.source):
            if piece.translatable:
                template.add(piece.text.strip(), locations=[(_relative(source), None)],
                             auto_comments=[f"cell {index}"])
    return template


def markdown_messages(source: Path) -> Catalog:
    """A template catalog of a Markdown document's pieces."""
    template = Catalog(locale=None, project="kamlib course", fuzzy=False)
    for piece in pieces(source.read_text(encoding="utf-8")):
        if piece.translatable:
            template.add(piece.text.strip(), locations=[(_relative(source), None)])
    return template


def document_catalog_path(source: Path) -> Path:
    return NOTEBOOK_CATALOGS / Path(_relative(source)).with_suffix(".po")


def source_digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()[:16]


_LINK = re.compile(r"(\]\()([^)\s#]+)(\S*?\))")


def relink(markdown: str, source: Path) -> str:
    """Relative links of ``source``'s markdown, for its Chinese edition one folder down: a
    sibling notebook with a Chinese edition stays a sibling (its Chinese edition), anything
    else gains ``../``."""
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        sibling = source.parent / target
        if "/" not in target and sibling.suffix == ".ipynb" and sibling in source_notebooks():
            return match.group(0)
        return f"{match.group(1)}../{target}{match.group(3)}"

    return _LINK.sub(fix, markdown)


def build_chinese(source: Path, catalog: Catalog) -> tuple[nbformat.NotebookNode, list[str]]:
    """The Chinese notebook of ``source`` and the texts it had to leave in English."""
    translations = _translations(catalog)
    nb = nbformat.read(source, as_version=4)
    zh = copy.deepcopy(nb)
    missing: list[str] = []
    parameters_set = False
    for cell in zh.cells:
        if cell.cell_type == "markdown":
            text, left = translate_markdown(cell.source, translations)
            cell.source = relink(text, source)
            missing += left
        elif cell.cell_type == "code":
            # A pinned English output cannot be the Chinese one: the Chinese edition pins
            # nothing (its texts are checked in Chinese by the lessons' tests).
            cell.source = _PINNED.sub("", cell.source)
            cell.outputs, cell.execution_count = [], None
            if "parameters" in cell.metadata.get("tags", []):
                cell.source, count = _LANGUAGE_PARAMETER.subn(r'\1\2zh\2', cell.source)
                parameters_set = parameters_set or count == 1
    if not parameters_set:
        raise SystemExit(
            f"{_relative(source)}: its parameters cell needs a line language = \"en\" "
            "for the Chinese edition to set"
        )
    zh.metadata.setdefault("kamlib", {})["edition"] = {
        "language": LANGUAGE,
        "source": _relative(source),
        "source_sha256": source_digest(source),
    }
    return zh, missing


def code_differences(english: nbformat.NotebookNode, chinese: nbformat.NotebookNode) -> list[str]:
    """Where a Chinese notebook's code differs from its English source beyond the language."""
    problems = []
    if len(english.cells) != len(chinese.cells):
        return [f"{len(chinese.cells)} cells, the English has {len(english.cells)}"]
    for index, (en, zh) in enumerate(zip(english.cells, chinese.cells, strict=True)):
        if en.cell_type != zh.cell_type:
            problems.append(f"cell {index}: {zh.cell_type}, the English is {en.cell_type}")
        elif en.cell_type == "code":
            english = _PINNED.sub("", en.source)
            expected = _LANGUAGE_PARAMETER.sub(r'\1\2zh\2', english)
            if zh.source not in (english, expected):
                problems.append(f"cell {index}: code differs from the English")
    return problems


def _translations(catalog: Catalog) -> dict[str, str]:
    return {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy and isinstance(message.id, str)
    }


# --- catalogs ----------------------------------------------------------------------------


def kamlib_messages() -> Catalog:
    """A template catalog of every translatable text in kamlib's code."""
    template = Catalog(locale=None, project="kamlib", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        REPO / "kamlib", method_map=[("**.py", "python")], keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
    ):
        template.add(message, locations=[(f"kamlib/{filename}", lineno)],
                     auto_comments=comments, context=context)
    add_case_texts(template)
    return template


def add_case_texts(template: Catalog) -> None:
    """Add to ``template`` the prose of the shipped case data (``TEXT_COLUMNS``): each
    distinct value, located at its CSV, commented with its table and column. The columns of
    ``TEXT_PATTERNS`` are left out: their phrasing is an ``N_()`` text of the code."""
    import csv

    from kamlib.datasets import TEXT_COLUMNS, TEXT_PATTERNS

    for table, columns in TEXT_COLUMNS.items():
        location = f"kamlib/data/{table}.csv"
        with (REPO / location).open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        for column in columns:
            if column in TEXT_PATTERNS:
                continue
            for value in dict.fromkeys(row[column] for row in rows):
                if value:
                    template.add(value, locations=[(location, None)],
                                 auto_comments=[f"case data: {table}.{column}"])


def read_catalog(path: Path) -> Catalog:
    """The catalog at ``path``, or a new empty one with the course's header."""
    if not path.exists():
        return Catalog(
            locale=LOCALE, project="kamlib course", version="1", fuzzy=False,
            header_comment="# Simplified Chinese edition of the KAM course.\n"
            "# Keyed to the English text; edit only the msgstr lines, then run\n"
            "# python tools/translate.py update",
            msgid_bugs_address="", last_translator="", language_team="",
        )
    with path.open("rb") as stream:
        return read_po(stream, locale=LOCALE)


def merged(template: Catalog, path: Path) -> Catalog:
    """The catalog at ``path`` brought up to date with ``template`` (Babel's msgmerge)."""
    catalog = read_catalog(path)
    catalog.update(template, update_creation_date=False)
    catalog.obsolete.clear()
    for message in catalog:  # the course formats with str.format, never with %
        message.flags.discard("python-format")
    catalog.fuzzy = False
    return catalog


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False,
             include_previous=True)
    return buffer.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """Entries with no confirmed translation (empty or fuzzy)."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(message.id if isinstance(message.id, str) else message.id[0])
    return found


def _jobs() -> list[tuple[str, Catalog, Path]]:
    jobs = [("kamlib", kamlib_messages(), KAMLIB_CATALOG)]
    jobs += [(_relative(s), notebook_messages(s), catalog_path(s)) for s in source_notebooks()]
    jobs += [(name, markdown_messages(REPO / name), document_catalog_path(REPO / name))
             for name in DOCUMENTS]
    return jobs


def _chinese_documents() -> dict[Path, str]:
    """Each Chinese document's path and the text it must have."""
    found = {}
    for name, target in DOCUMENTS.items():
        source = REPO / name
        catalog = read_catalog(document_catalog_path(source))
        text, _missing = translate_markdown(source.read_text(encoding="utf-8"),
                                            _translations(catalog))
        found[REPO / target] = text
    return found


def _write_notebook(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def update() -> int:
    """Update every catalog from the English sources, then write the Chinese notebooks."""
    for name, template, path in _jobs():
        catalog = merged(template, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = po_text(catalog)
        if not path.exists() or path.read_bytes() != text:
            path.write_bytes(text)
            print(f"updated {path.relative_to(REPO)}")
        left = untranslated(catalog)
        if left:
            print(f"  {name}: {len(left)} of {len(catalog)} texts lack a translation")
    for source in source_notebooks():
        zh, _missing = build_chinese(source, read_catalog(catalog_path(source)))
        target = chinese_path(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _write_notebook(zh)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(REPO)}")
    for target, text in _chinese_documents().items():
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(REPO)}")
    return 0


def problems() -> list[str]:
    """Everything that makes the Chinese edition out of step with the English source."""
    found = []
    for name, template, path in _jobs():
        if not path.exists():
            found.append(f"{name}: no catalog {path.relative_to(REPO)}")
            continue
        current = read_catalog(path)
        if po_text(merged(template, path)) != path.read_bytes():
            found.append(f"{name}: catalog {path.relative_to(REPO)} is out of date (run update)")
        for text in untranslated(merged(template, path)):
            found.append(f"{name}: no translation for {text[:70]!r}")
        del current
    expected_targets = set()
    for source in source_notebooks():
        target = chinese_path(source)
        expected_targets.add(target)
        zh, missing = build_chinese(source, read_catalog(catalog_path(source)))
        if not target.exists():
            found.append(f"{_relative(target)}: missing (run update)")
        elif target.read_text(encoding="utf-8") != _write_notebook(zh):
            found.append(f"{_relative(target)}: out of date with its source or catalog")
        else:
            english = nbformat.read(source, as_version=4)
            found += [f"{_relative(target)}: {p}"
                      for p in code_differences(english, nbformat.read(target, as_version=4))]
        del missing  # reported above as catalog entries without a translation
    for target, text in _chinese_documents().items():
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            found.append(f"{_relative(target)}: missing or out of date (run update)")
    for pattern in SOURCE_GLOBS:
        folder = (REPO / pattern).parent / LANGUAGE
        for stray in sorted(folder.glob("*.ipynb")):
            if stray not in expected_targets:
                found.append(f"{_relative(stray)}: no English source")
    return found


def status() -> int:
    for name, template, path in _jobs():
        catalog = merged(template, path)
        print(f"{name}: {len(catalog)} texts, {len(untranslated(catalog))} untranslated")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("update", "check", "status"))
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    if args.command == "status":
        return status()
    found = problems()
    for problem in found[:200]:
        print(problem)
    if len(found) > 200:
        print(f"... and {len(found) - 200} more")
    print(f"{len(found)} problem(s)." if found else "The Chinese edition is up to date.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
