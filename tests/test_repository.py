"""The repository keeps its promises: one set of versions, two commands, a lean import."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
# conda-forge names that differ from the PyPI names
CONDA_NAMES = {"python-duckdb": "duckdb"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_requirements(this_python_only: bool = False) -> dict[str, str]:
    """name -> version specifier of every runtime, test and classroom dependency."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    reqs = map(Requirement, project["dependencies"] + extras)
    return {
        _normal(r.name): str(r.specifier)
        for r in reqs
        if not (this_python_only and r.marker and not r.marker.evaluate())
    }


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    found = {}
    for entry in env["dependencies"]:
        if not isinstance(entry, str):
            continue
        match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", entry)
        name, spec = match.group(1), match.group(2).replace(" ", "")
        if name in ("python", "pip"):
            continue
        found[_normal(CONDA_NAMES.get(name, name))] = str(Requirement(f"x{spec}").specifier)
    return found


def test_environment_yml_matches_pyproject() -> None:
    assert conda_requirements() == pyproject_requirements()


def test_constraints_pin_every_declared_package() -> None:
    pinned = {}
    for line in (REPO / "requirements" / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pinned[_normal(name)] = version.strip()
    for name, spec in pyproject_requirements(this_python_only=True).items():
        assert name in pinned, f"{name} is not pinned in requirements/constraints.txt"
        assert Requirement(f"x{spec}").specifier.contains(pinned[name]), (name, spec, pinned[name])


def test_readme_opens_with_the_two_commands_ci_uses() -> None:
    head = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "make lab" in head and "make test" in head
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M), ".ci/run must call the README's test command"


def test_makefile_has_the_documented_targets() -> None:
    makefile = (REPO / "Makefile").read_text()
    for target in ("lab", "test", "release", "benchmarks"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "ruff check" in makefile and "--nbval-lax" in makefile


def test_import_kamlib_does_not_load_plotting_or_widgets() -> None:
    code = (
        "import sys, kamlib, kamlib.grid, kamlib.pareto\n"
        "heavy = [m for m in ('matplotlib', 'seaborn', 'ipywidgets') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
