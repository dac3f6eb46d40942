"""Small helpers shared by the test files (import them as ``from helpers import ...``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CJK = ("\u3400", "\u9fff")  # the CJK Unified Ideographs blocks, extension A included


def saved(path: Path, section: str | None = None) -> Any:
    """What the workbook file at ``path`` holds: all sections (without kamlib's metadata
    key ``__kamlib__``), or the one named, read as plain JSON as a grader would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("__kamlib__", None)
    return data if section is None else data[section]


def figure_texts(ax: Any) -> str:
    """Every text of ``ax``'s figure (titles, labels, ticks, legend, annotations), joined."""
    from matplotlib.text import Text

    return " ".join(text.get_text() for text in ax.figure.findobj(Text))


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (that a font without them draws as tofu)."""
    return any(CJK[0] <= char <= CJK[1] for char in text)


SAFE_TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "br", "table",
             "thead", "tbody", "tr", "th", "td", "hr", "div", "html", "head", "body", "meta",
             "title", "style"}


def live_html(markup: str, *, from_markdown: bool = True) -> list[str]:
    """What in ``markup`` (Markdown rendered by the ``markdown`` package, or HTML) could run
    or lead somewhere: tags other than plain text structure, ``on...`` handlers, links and
    sources, ``javascript:``/``data:`` URLs. An empty list means the text is inert."""
    from html.parser import HTMLParser

    if from_markdown:
        import markdown

        markup = markdown.markdown(markup, extensions=["tables"])
    found: list[str] = []

    class Inspector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in SAFE_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name.startswith("on") or name in ("href", "src", "srcdoc", "action") or (
                    value and any(s in value.lower() for s in ("javascript:", "data:",
                                                               "vbscript:"))
                ):
                    found.append(f"{tag} {name}={value!r}")

    Inspector().feed(markup)
    return found
