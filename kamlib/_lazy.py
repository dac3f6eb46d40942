"""Lazy attribute loading for packages whose members pull in heavy libraries.

``kamlib.widgets`` and ``kamlib.views`` list their public names with the module that defines
each; the module is imported (and matplotlib or ipywidgets with it) on first use only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_members(
    package: str, namespace: dict[str, Any], table: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of ``package`` for the names in ``table``."""

    def __getattr__(name: str) -> Any:
        if name not in table:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        member = getattr(importlib.import_module(table[name]), name)
        namespace[name] = member
        return member

    def __dir__() -> list[str]:
        return sorted([*namespace, *table])

    return __getattr__, __dir__
