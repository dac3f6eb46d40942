"""The Chinese edition's mechanism (tools/translate.py): catalogs keyed to the English text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from babel.messages.catalog import Catalog

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def translate():
    spec = importlib.util.spec_from_file_location("translate", REPO / "tools" / "translate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["translate"] = module
    spec.loader.exec_module(module)
    return module


MARKDOWN = """## Heading [L1.1]

A paragraph that
runs over two lines.

- first item
  continued
- second item
1. numbered

| what | zh |
|---|---|
| key account | 大客户 |

```python
print("code stays")
```

---"""


def test_markdown_comes_back_exactly_without_translations(translate) -> None:
    assert translate.translate_markdown(MARKDOWN, {})[0] == MARKDOWN
    for path in translate.source_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert translate.translate_markdown(cell.source, {})[0] == cell.source


def test_units_are_paragraphs_list_items_and_table_rows(translate) -> None:
    units = [p.text.strip() for p in translate.pieces(MARKDOWN) if p.translatable]
    assert units == [
        "## Heading [L1.1]",
        "A paragraph that\nruns over two lines.",
        "- first item\n  continued",
        "- second item",
        "1. numbered",
        "| what | zh |",
        "| key account | 大客户 |",
    ]


def test_translations_replace_their_units_only(translate) -> None:
    translated, missing = translate.translate_markdown(
        MARKDOWN, {"- second item": "- 第二项", "| what | zh |": "| 内容 | 中文 |"}
    )
    assert "- 第二项" in translated and "| 内容 | 中文 |" in translated
    assert 'print("code stays")' in translated and "|---|---|" in translated
    assert "- first item\n  continued" in missing and "- second item" not in missing


def _notebook(tmp_path: Path, code: str = 'language = "en"\naccount_id = "AC001"') -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nSome text."),
        nbformat.v4.new_code_cell(code, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(1)"),
    ]
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_chinese_notebook_changes_prose_and_the_language_only(translate, tmp_path) -> None:
    source = _notebook(tmp_path)
    catalog = Catalog(locale="zh_CN")
    catalog.add("# Title", "# 标题")
    zh, missing = translate.build_chinese(source, catalog)
    assert zh.cells[0].source == "# 标题\n\nSome text."
    assert missing == ["Some text."]
    assert zh.cells[1].source == 'language = "zh"\naccount_id = "AC001"'
    assert zh.cells[2].source == "print(1)"
    assert zh.metadata["kamlib"]["edition"]["language"] == "zh"
    english = nbformat.read(source, as_version=4)
    assert translate.code_differences(english, zh) == []
    zh.cells[2].source = "print(2)"
    assert translate.code_differences(english, zh) == ["cell 2: code differs from the English"]


def test_fuzzy_entries_count_as_untranslated(translate) -> None:
    catalog = Catalog(locale="zh_CN")
    catalog.add("Done", "完成")
    catalog.add("Changed", "旧译文", flags=["fuzzy"])
    catalog.add("New", "")
    assert translate.untranslated(catalog) == ["Changed", "New"]


def test_a_notebook_without_a_language_parameter_is_refused(translate, tmp_path) -> None:
    source = _notebook(tmp_path, code='account_id = "AC001"')
    with pytest.raises(SystemExit, match='needs a line language = "en"'):
        translate.build_chinese(source, Catalog(locale="zh_CN"))


def test_headings_lists_and_rows_are_units_even_without_blank_lines(translate) -> None:
    text = "## Steps\nIntro line:\n1. first\n   more\n2. second\n| a | b |\n\n    make lab"
    units = [p.text for p in translate.pieces(text) if p.translatable]
    assert units == ["## Steps", "Intro line:", "1. first\n   more", "2. second", "| a | b |"]
    assert translate.translate_markdown(text, {})[0] == text


def test_chinese_links_lead_to_chinese_notebooks_and_keep_other_targets(translate) -> None:
    """The Chinese notebook sits one folder down: a sibling lecture's link opens its Chinese
    edition; start-here (bilingual), exercises and files keep working through ``../``."""
    source = REPO / "notebooks" / "01_kam_overview.ipynb"
    text = ("[next](02a_market_environment.ipynb) [start](00_start_here.ipynb) "
            "[task](../exercises/release/exercise_1_kam_overview.ipynb) [web](https://a.b/c) "
            "[here](#sources)")
    assert translate.relink(text, source) == (
        "[next](02a_market_environment.ipynb) [start](../00_start_here.ipynb) "
        "[task](../../exercises/release/exercise_1_kam_overview.ipynb) [web](https://a.b/c) "
        "[here](#sources)")
