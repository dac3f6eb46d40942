"""Beyond one machine: the container image and the Zero to JupyterHub values say what the
classroom on one machine does (the image cannot be built here: no container engine)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from classroom import bundle, config, hub

REPO = Path(__file__).resolve().parents[2]
CONTAINERFILE = (REPO / "classroom" / "Containerfile").read_text(encoding="utf-8")
VALUES = yaml.safe_load((REPO / "classroom" / "helm" / "values.yaml").read_text(encoding="utf-8"))


def instructions(keyword: str) -> list[str]:
    """The arguments of every ``keyword`` instruction (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", CONTAINERFILE)
    return [line.split(None, 1)[1] for line in text.splitlines()
            if line.startswith(f"{keyword} ")]


def test_the_image_installs_from_the_course_s_pinned_versions() -> None:
    (base,) = instructions("FROM")
    assert base.startswith(f"python:{sys.version_info.major}.{sys.version_info.minor}-")
    copies = instructions("COPY")
    assert "requirements/constraints.txt /opt/kam/constraints.txt" in copies
    (install,) = [r for r in instructions("RUN") if "pip install" in r]
    assert "-c /opt/kam/constraints.txt" in install
    # The same packages as the learners' Python on one machine (bundle.runtime_requirements:
    # JupyterHub, and kamlib's runtime dependencies, installed with the bundle's kamlib).
    assert {"jupyterhub", "/opt/kam/learner-bundle"} <= set(install.split())
    assert "jupyterhub" in bundle.runtime_requirements()
    # ... less the same packages as on one machine
    removed = install.split("pip uninstall --yes", 1)[1].split()
    assert removed == list(bundle.LEFT_OUT_OF_LEARNER_ENV)


def test_the_image_and_the_helm_values_start_what_the_local_hub_starts() -> None:
    (command,) = instructions("CMD")
    assert json.loads(command) == list(hub.SINGLEUSER_COMMAND)
    assert VALUES["singleuser"]["cmd"] == list(hub.SINGLEUSER_COMMAND)


def test_the_image_holds_the_learner_bundle_and_nothing_else_of_the_course() -> None:
    copies = dict(c.split() for c in instructions("COPY"))
    assert copies == {
        "requirements/constraints.txt": "/opt/kam/constraints.txt",
        "build/learner-bundle": "/opt/kam/learner-bundle",
        # the learners' JupyterLab and server settings, as on one machine
        **{str(source.relative_to(REPO)): f"/usr/local/{place}"
           for place, source in bundle.LEARNER_JUPYTER_SETTINGS.items()},
    }
    hook = VALUES["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert hook[:3] == ["cp", "-r", "-n"]  # -n: a learner's file is never overwritten
    assert hook[3:-1] == ["/opt/kam/learner-bundle/notebooks", "/opt/kam/learner-bundle/exercises"]


def test_the_helm_values_have_the_classroom_settings() -> None:
    settings = config.load()
    single = VALUES["singleuser"]
    assert single["defaultUrl"] == f"/lab/tree/{settings.start_page}"
    assert single["startTimeout"] == settings.start_timeout_seconds
    assert single["extraEnv"]["KAMLIB_WORKBOOK"] == f"/home/jovyan/{settings.workbook}"
    assert single["extraEnv"]["KAMLIB_LANGUAGE"] == settings.language
    assert VALUES["cull"] == {
        "enabled": True,
        "timeout": round(settings.idle_timeout_minutes * 60),
        "every": round(settings.idle_check_every_minutes * 60),
    }
    extra = VALUES["hub"]["extraConfig"]["classroom"]
    assert "classroom.auth.ClassListAuthenticator" in extra
    mounted = {Path(f["mountPath"]).name for f in VALUES["hub"]["extraFiles"].values()}
    # auth.py and what it imports, all standard library and JupyterHub only
    assert {"__init__.py", "auth.py", "roster.py", "users.py", "roster.json"} <= mounted
    for module in ("auth.py", "roster.py", "users.py"):
        source = (REPO / "classroom" / module).read_text(encoding="utf-8")
        assert "kamlib" not in re.findall(r"^(?:from|import) (\w+)", source, re.M)
