"""Small helpers shared by the test files (import them as ``from helpers import ...``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CJK = ("\u3400", "\u9fff")  # the CJK Unified Ideographs blocks, extension A included


def saved(path: Path, section: str | None = None) -> Any:
    """What the workbook file at ``path`` holds: all sections, or the one named."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if section is None else data[section]


def figure_texts(ax: Any) -> str:
    """Every text of ``ax``'s figure (titles, labels, ticks, legend, annotations), joined."""
    from matplotlib.text import Text

    return " ".join(text.get_text() for text in ax.figure.findobj(Text))


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (that a font without them draws as tofu)."""
    return any(CJK[0] <= char <= CJK[1] for char in text)
