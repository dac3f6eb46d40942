"""The Examples sections of kamlib's docstrings (and of tools/) run as doctests.

A test per module, so that `make unit` and `make test` run them with everything else (and
without pytest's --doctest-modules, which would also import each folder's conftest.py as a
module named "conftest" and collide).
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

import kamlib

REPO = Path(__file__).resolve().parent.parent
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
KAMLIB_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(kamlib.__path__, "kamlib.")
    if not info.name.endswith("__main__")
)
TOOLS = sorted(REPO.glob("tools/*.py"))


def _tool(path: Path) -> ModuleType:
    name = f"kam_tool_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _run_examples(module: ModuleType) -> None:
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    for test in doctest.DocTestFinder().find(module, module.__name__):
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_the_harness_finds_and_fails_a_wrong_example() -> None:
    module = ModuleType("wrong")
    module.__doc__ = ">>> 1 + 1\n3\n"
    with pytest.raises(AssertionError, match=r"Expected:\s+3\s+Got:\s+2"):
        _run_examples(module)


@pytest.mark.parametrize("name", KAMLIB_MODULES)
def test_kamlib_examples(name: str) -> None:
    _run_examples(importlib.import_module(name))


@pytest.mark.parametrize("path", TOOLS, ids=lambda p: p.name)
def test_tools_examples(path: Path) -> None:
    _run_examples(_tool(path))
