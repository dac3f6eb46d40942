"""kamlib: the helper package of the Key Account Management (大客户管理) course.

Importing ``kamlib`` is cheap: it does not import matplotlib, seaborn or ipywidgets.
Submodules load on first use, e.g. ``kamlib.grid.classify(...)``.
"""

from __future__ import annotations

import importlib
from typing import Any

from kamlib.i18n import get_language, set_language
from kamlib.validation import KamValueError

__version__ = "0.1.0"
__all__ = ["KamValueError", "get_language", "set_language", "__version__"]


def __getattr__(name: str) -> Any:
    """Load a submodule lazily so that ``import kamlib`` stays fast."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        module = importlib.import_module(f"kamlib.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"kamlib.{name}":
            raise
        raise AttributeError(f"module 'kamlib' has no attribute {name!r}") from None
    globals()[name] = module
    return module
