"""``pip install .`` (not editable) into a fresh virtual environment gives a working course.

The wheel is built from a copy of the package files, installed with the pinned dependencies
(from pip's cache after ``make setup``) into a new venv, and used from a folder outside the
repository: every table loads from site-packages, and the start-here notebook and a lecture
notebook run on that venv's Python (a kernel registered in a temporary JUPYTER_PATH).
About a minute on a quiet 2-core machine, most of it pip unpacking the dependencies; marked
``install`` and ``slow`` so a fast loop can leave it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import papermill
import pytest

REPO = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO / "requirements" / "constraints.txt"
NOTEBOOKS = ("00_start_here.ipynb", "01_kam_overview.ipynb")
KERNEL = "kamlib-installed"

pytestmark = [pytest.mark.install, pytest.mark.slow, pytest.mark.notebook]


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure show its output in the test report."""
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fresh venv with kamlib installed from its wheel, and an environment for it that
    keeps the learner's settings, workbook and Jupyter files in temporary folders."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"  # a copy: building in the course folder would leave build/ there
    shutil.copytree(REPO / "kamlib", source / "kamlib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", root / "wheel", source, cwd=root)
    wheel = next((root / "wheel").glob("kamlib-*.whl"))
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(*pip, "--python", python, "install", "--quiet", "--no-compile", "-c", CONSTRAINTS,
        wheel, cwd=root)
    elsewhere = root / "elsewhere"  # nothing of the repository is reachable from here
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KAMLIB_", "PYTHON", "JUPYTER", "VIRTUAL_ENV"))}
    env |= {"XDG_CONFIG_HOME": str(root / "config"), "XDG_DATA_HOME": str(root / "data"),
            "KAMLIB_WORKBOOK": str(root / "workbook" / "learner.json"),
            "JUPYTER_PATH": str(root / "jupyter")}
    spec = root / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kamlib installed from its wheel", "language": "python",
    }), encoding="utf-8")
    return {"python": python, "venv": venv, "elsewhere": elsewhere, "env": env}


CHECK = """
import json, sys
from pathlib import Path
import kamlib
from kamlib import datasets
tables = {name: len(datasets.load(name)) for name in datasets.TABLES}
export = Path("accounts.csv")
export.write_text("客户编号,客户名称,采购能力\\nK1,甲公司,120万\\n", encoding="utf-8")
print(json.dumps({
    "kamlib": kamlib.__file__, "data": str(datasets.data_dir()), "tables": tables,
    "dictionary": len(datasets.data_dictionary()), "prefix": sys.prefix,
    "crm": datasets.read_crm_export(export)["capacity_cny"].tolist(),
}))
"""


def test_the_installed_package_reads_its_own_data(installed):
    found = json.loads(run(installed["python"], "-c", CHECK, cwd=installed["elsewhere"],
                           env=installed["env"]))
    site_packages = Path(found["kamlib"]).parent.parent
    assert site_packages.name == "site-packages"
    assert Path(found["prefix"]) == installed["venv"]
    assert site_packages.is_relative_to(installed["venv"])
    assert Path(found["data"]) == site_packages / "kamlib" / "data"
    assert not Path(found["kamlib"]).is_relative_to(REPO)
    assert all(size > 0 for size in found["tables"].values()), found["tables"]
    assert list(found["tables"]) == ["accounts", "transactions", "product_lines", "contacts",
                                     "visits", "people"]
    assert found["dictionary"] > 50
    assert found["crm"] == [1_200_000.0]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebooks_run_on_the_installed_package(installed, notebook, tmp_path, monkeypatch):
    for key in [k for k in os.environ if k not in installed["env"]]:
        monkeypatch.delenv(key)  # the kernel inherits this process's environment
    for key, value in installed["env"].items():
        monkeypatch.setenv(key, value)
    papermill.execute_notebook(
        str(REPO / "notebooks" / notebook),
        str(tmp_path / notebook),
        kernel_name=KERNEL,
        cwd=str(installed["elsewhere"]),
        progress_bar=False,
    )
