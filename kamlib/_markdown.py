"""Text that goes into Markdown the course writes (workbook and account plan documents).

:func:`escape` makes a learner's text render as the words they typed, whatever renders the
Markdown: no raw HTML (``<script>``, ``<img onerror=...>``), no link or image (``[x](...)``,
``<javascript:...>``), no emphasis or heading by accident, no broken table.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SCHEME = re.compile(r"\b(javascript|vbscript|data)(\s*):", re.IGNORECASE)
_EDGE_HASHES = re.compile(r"^#|#$")


def escape(text: str, *, table: bool = False) -> str:
    """Return ``text`` as inline Markdown that shows exactly that text.

    HTML's ``<``, ``>`` and entity-like ``&...;`` become entities; Markdown's
    ``\\ ` * _ [ ]`` (and ``|`` in a table cell, ``#`` first or last, where a heading would
    take it) are backslash-escaped; the colon of a ``javascript:``, ``vbscript:`` or
    ``data:`` scheme becomes ``&#58;`` so that no renderer makes a link of it; line breaks
    become ``<br>``, so the text stays on its table row or list item.

    Examples
    --------
    >>> print(escape("<b>R&D</b> [x](javascript:alert(1))"))
    &lt;b&gt;R&D&lt;/b&gt; \\[x\\](javascript&#58;alert(1))
    >>> print(escape("a|b", table=True))
    a\\|b
    """
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _EDGE_HASHES.sub(r"\\#", text)
    if table:
        text = text.replace("|", "\\|")
    text = _SCHEME.sub(r"\1\2&#58;", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
