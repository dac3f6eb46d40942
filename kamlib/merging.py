"""Merging two edits of the same saved value: a three-way merge of plain JSON data.

Two browser tabs on one notebook, a cell run again, two kernels: each holds an edit of the
section it loaded. :func:`merge_values` combines my edit and theirs, given what both started
from. Only *collections of entries* merge when both sides changed them (lists of SWOT items,
visits, actions; dicts of ratings by key); anything else changed on both sides is a
:class:`MergeConflict`, so that no one's work is overwritten silently.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any

from kamlib.i18n import _
from kamlib.validation import KamValueError, fail


class MergeConflict(KamValueError):
    """Two edits of a section change the same thing differently and cannot be merged.

    Examples
    --------
    >>> try:
    ...     merge_values(1, 2, 3)
    ... except MergeConflict as conflict:
    ...     print(conflict)
    value was changed in two places
    """


_MISSING = object()
MAX_MERGE_ITEMS = 5_000


def merge_values(base: Any, mine: Any, theirs: Any, *,
                 collections: Iterable[str] = ()) -> Any:
    """Merge two edits (``mine``, ``theirs``) of the same saved ``base`` value.

    Where one side left a part as it was, the other side's part wins. Where both changed
    it, only *collections of entries* merge: the parts named in ``collections``, as paths of
    keys separated by ``/`` (``*`` matches any key), e.g. ``"swot/*"`` or ``"entries"``
    (``""``: the whole value). A list there merges entry by entry (both sides' additions are
    kept, in order, an entry added on both sides once; removals and edits of one side are
    applied), a dict key by key. Anything else changed on both sides is a conflict.

    Parameters
    ----------
    base, mine, theirs : object
        Plain JSON data: what both sides started from (``None`` if nothing) and each edit.
    collections : iterable of str
        Paths of the lists or dicts that hold independent entries.

    Returns
    -------
    object
        The merged value.

    Raises
    ------
    MergeConflict
        If both sides changed the same thing differently.
    KamValueError
        For a malformed ``collections``.

    Examples
    --------
    >>> merge_values({"items": ["a"]}, {"items": ["a", "b"]}, {"items": ["a", "c"]},
    ...              collections=["items"])
    {'items': ['a', 'c', 'b']}
    """
    if isinstance(collections, str) or not isinstance(collections, Iterable):
        raise fail("collections", collections, _("a list of paths such as ['swot/*', 'entries']"))
    patterns = []
    for path in collections:
        parts = tuple(path.split("/")) if isinstance(path, str) and path else ()
        if not isinstance(path, str) or not all(part.strip() for part in parts):
            raise fail("collections", path,
                       _("paths of keys separated by '/', e.g. 'swot/*' ('' for the whole value)"))
        patterns.append(parts)
    for field, value in (("base", base), ("mine", mine), ("theirs", theirs)):
        try:
            _canon(value)
        except (TypeError, ValueError, RecursionError):
            raise fail(field, value, _("plain JSON data: dicts, lists, text, numbers, "
                                       "True/False or None")) from None
    return _merge(base, mine, theirs, patterns, "value")


def _canon(value: Any) -> Any:
    if value is _MISSING:
        return _MISSING
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _merge(base: Any, mine: Any, theirs: Any, patterns: Sequence[tuple[str, ...]],
           where: str) -> Any:
    b, m, t = _canon(base), _canon(mine), _canon(theirs)
    if m == t or m == b:
        return theirs
    if t == b:
        return mine
    if () in patterns:  # a collection of entries
        if all(x is _MISSING or x is None or isinstance(x, list) for x in (base, mine, theirs)):
            return _merge_lists(*(x if isinstance(x, list) else [] for x in (base, mine, theirs)),
                                where=where)
        if all(x is _MISSING or x is None or isinstance(x, dict) for x in (base, mine, theirs)):
            return _merge_keys(*(x if isinstance(x, dict) else {} for x in (base, mine, theirs)),
                               where=where)
    deeper = [p for p in patterns if p]
    if not deeper or not isinstance(mine, dict) or not isinstance(theirs, dict):
        raise MergeConflict(_("{where} was changed in two places").format(where=where))
    base = base if isinstance(base, dict) else {}
    keys = list(theirs) + [key for key in mine if key not in theirs]
    covered = {key for key in keys if any(p[0] in ("*", key) for p in deeper)}
    rest = _merge(*({k: v for k, v in side.items() if k not in covered}
                    for side in (base, mine, theirs)), [], where)
    merged = {}
    for key in keys:
        if key in covered:
            value = _merge(base.get(key, _MISSING), mine.get(key, _MISSING),
                           theirs.get(key, _MISSING),
                           [p[1:] for p in deeper if p[0] in ("*", key)], f"{where}/{key}")
        else:
            value = rest.get(key, _MISSING)
        if value is not _MISSING:
            merged[key] = value
    return merged


def _merge_keys(base: dict, mine: dict, theirs: dict, where: str) -> dict:
    """Key by key: each key's value is taken whole from the side that changed it."""
    merged = {}
    for key in list(theirs) + [key for key in mine if key not in theirs]:
        value = _merge(base.get(key, _MISSING), mine.get(key, _MISSING),
                       theirs.get(key, _MISSING), [], f"{where}/{key}")
        if value is not _MISSING:
            merged[key] = value
    return merged


def _merge_lists(base: list, mine: list, theirs: list, where: str) -> list:
    """Apply my changes to ``base`` (found with difflib) to ``theirs``.

    An entry both sides added (counted by value) is added once; my edit or removal of an
    entry they changed or removed is a conflict for an edit, already done for a removal.
    """
    if max(len(base), len(mine), len(theirs)) > MAX_MERGE_ITEMS:
        raise MergeConflict(_("{where} has too many entries to merge").format(where=where))
    b, m, t = ([_canon(x) for x in side] for side in (base, mine, theirs))
    in_theirs = {}
    for block in SequenceMatcher(None, b, t, autojunk=False).get_matching_blocks():
        in_theirs.update({block.a + k: block.b + k for k in range(block.size)})
    both_added = (Counter(m) - Counter(b)) & (Counter(t) - Counter(b))
    edits: list[tuple[int, int, list]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, b, m, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        mapped = [in_theirs.get(k) for k in range(i1, i2)]
        new = []
        for item, key in zip(mine[j1:j2], m[j1:j2], strict=True):
            if both_added[key] > 0:  # they added the same entry: keep theirs
                both_added[key] -= 1
            else:
                new.append(item)
        if tag == "insert":
            at = next((in_theirs[k] for k in range(i1, len(b)) if k in in_theirs), len(t))
            edits.append((at, at, new))
        elif tag == "delete" or all(k is None for k in mapped) and not new:
            edits += [(k, k + 1, []) for k in mapped if k is not None]
        elif None in mapped or mapped != list(range(mapped[0], mapped[0] + len(mapped))):
            raise MergeConflict(_("an entry of {where} was changed in two places").format(
                where=where))
        else:
            edits.append((mapped[0], mapped[-1] + 1, new))
    merged, cursor = [], 0
    for start, end, items in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < cursor:
            raise MergeConflict(_("{where} was changed in two places").format(where=where))
        merged += theirs[cursor:start] + items
        cursor = end
    return merged + theirs[cursor:]
