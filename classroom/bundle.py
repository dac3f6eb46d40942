"""The learner bundle and the learners' Python environment, as the hub hands them out.

``<root>/bundle/`` (readable by every learner) holds

- ``home/``: what goes into each learner's home folder: ``notebooks/`` (start-here and the
  lectures) and ``exercises/`` (the released exercises, no solutions);
- ``python/``: what the notebooks run on: a ``kamlib`` wheel (with the case company's data
  inside), installed into the learners' Python (:func:`install_kamlib`);
- ``manifest.json``: where the bundle came from and the SHA-256 of every file of ``home/``.

The learners' environment (``paths.env``) is a virtual environment with the course's pinned
packages (``requirements/constraints.txt``), ``jupyterhub`` (for the learner's server) and
the bundle's kamlib. The learners use this Python, never the course folder's ``.venv``: the
course folder holds the solutions and stays closed to them.

:func:`bundle_source` reads the learner bundle of ``make release`` (``paths.learner_bundle``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib
from classroom.config import ClassroomSettings
from classroom.users import open_to_others

REPO = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO / "requirements" / "constraints.txt"
#: Jupyter settings every learner's server starts with, by their place under the Python
#: prefix (the learners' environment here, ``/usr/local`` in the container image, which
#: copies the same files):
#: - JupyterLab: the course's (tools/lab_overrides.json: widget state saved with the notebook,
#:   no news pop-up) and the classroom's own (a notebook's kernel is shut down when its tab
#:   is closed, so memory comes back on a shared machine);
#: - the Jupyter server: the server extensions learners do not use (language servers,
#:   terminals, the classic notebook's shim, Voilà) are not loaded, which saves every learner's
#:   server about 12 MB and 0.2 s of CPU at its start (a root ``jupyter_server_config.json``
#:   takes precedence over the packages' ``jupyter_server_config.d`` files); and kernels are
#:   reached through Unix sockets in the learner's own runtime folder, not TCP ports: thirty
#:   servers each picking "free" ports for their kernels sometimes picked the same one (a
#:   kernel then died at start with "Address already in use" and its learner waited a minute
#:   for nothing), and a TCP port on the machine is open to every other learner.
LEARNER_JUPYTER_SETTINGS = {
    "share/jupyter/lab/settings/overrides.json": REPO / "tools" / "lab_overrides.json",
    "share/jupyter/lab/settings/overrides.d/kam-classroom.json":
        Path(__file__).resolve().with_name("lab_overrides.json"),
    "etc/jupyter/jupyter_server_config.json":
        Path(__file__).resolve().with_name("server_config.json"),
}
#: Files that make every learner's kernel share the machine's turns at running cells
#: (:mod:`classroom.cell_turns`), by their place in the learners' environment: the module, and
#: the kernel settings that load it. Not in the container image, where each learner's pod has
#: a share of the machine of its own.
CELL_TURNS_FILES = {
    f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"
    "kam_cell_turns.py": Path(__file__).resolve().with_name("cell_turns.py"),
    "etc/ipython/ipython_kernel_config.json":
        Path(__file__).resolve().with_name("kernel_config.json"),
}
#: Packages removed from the learners' environment after the install: nothing a learner's
#: server or kernel runs needs them. ``rfc3987-syntax`` comes with ``jsonschema``'s optional
#: format checks (through jupyter-events) and, when present, builds 38 Lark grammars as the
#: server starts: 0.75 s of CPU and 24 MB in every learner's server; without it, jsonschema
#: leaves IRIs unchecked. ``lark`` is there only for it.
LEFT_OUT_OF_LEARNER_ENV = ("rfc3987-syntax", "lark")
_STAMP = ".kam-classroom-installed"


@dataclass(frozen=True)
class BundleSource:
    """Where the parts of the learner bundle come from.

    Attributes
    ----------
    home : dict
        ``{path in the learner's home: file to copy}``.
    kamlib : pathlib.Path
        The source tree (``pyproject.toml`` and ``kamlib/``) the kamlib wheel is built from.
    origin : str
        Said in the manifest: which learner bundle, made when.
    """

    home: dict[str, Path]
    kamlib: Path
    origin: str


def bundle_source(folder: Path) -> BundleSource:
    """The parts of the learner bundle that ``make release`` wrote to ``folder``
    (:mod:`kamlib.grading.bundle`): everything under ``notebooks/`` and ``exercises/`` for
    the home folders, and its ``kamlib`` source tree (without the grading tools).

    Raises
    ------
    FileNotFoundError
        If ``folder`` holds no learner bundle (its ``manifest.json``): run ``make release``.
    """
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        raise FileNotFoundError(f"no learner bundle in {folder}: run `make release` first.")
    home = {
        path.relative_to(folder).as_posix(): path
        for part in ("notebooks", "exercises")
        for path in sorted((folder / part).rglob("*"))
        if path.is_file() and ".ipynb_checkpoints" not in path.parts
    }
    created = json.loads(manifest.read_text(encoding="utf-8")).get("created", "?")
    return BundleSource(home=home, kamlib=folder,
                        origin=f"learner bundle {folder} made {created}")


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assemble(settings: ClassroomSettings, source: BundleSource | None = None) -> dict[str, str]:
    """Write ``<root>/bundle`` from ``source`` (default: the learner bundle of the settings,
    :func:`bundle_source`), replacing the previous bundle at once; the kamlib source tree is
    built into a wheel (pip), which is installed into the learners' Python
    (:func:`install_kamlib`).

    Returns
    -------
    dict
        ``{path in the home folder: sha256}``, as written to ``manifest.json``.
    """
    source = source or bundle_source(settings.learner_bundle)
    settings.root.mkdir(parents=True, exist_ok=True)
    settings.root.chmod(0o755)
    fresh = Path(tempfile.mkdtemp(dir=settings.root, prefix=".bundle-"))
    for relative, path in source.home.items():
        target = fresh / "home" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (fresh / "python").mkdir()
    wheel = kamlib_wheel(settings, source.kamlib)
    shutil.copy2(wheel, fresh / "python" / wheel.name)
    hashes = {relative: sha256(fresh / "home" / relative) for relative in source.home}
    manifest = {
        "made": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "origin": source.origin,
        "home": hashes,
    }
    (fresh / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    _open_to_learners(fresh)
    old = settings.bundle_dir.with_name(".bundle-old")
    shutil.rmtree(old, ignore_errors=True)
    if settings.bundle_dir.exists():
        settings.bundle_dir.rename(old)
    fresh.rename(settings.bundle_dir)
    shutil.rmtree(old, ignore_errors=True)
    install_kamlib(settings)
    return hashes


def add_to_bundle(settings: ClassroomSettings, files: dict[str, Path]) -> dict[str, str]:
    """Put ``files`` (``{path in the home folder: file}``) into the current bundle's ``home/``
    and its manifest; return ``{path: sha256}`` of the files added."""
    added = {}
    for relative, path in files.items():
        target = settings.bundle_dir / "home" / relative
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        shutil.copyfile(path, target)
        target.chmod(0o644)
        added[relative] = sha256(target)
    manifest = manifest_of(settings)
    manifest["home"].update(added)
    (settings.bundle_dir / "manifest.json").write_text(json.dumps(manifest, indent=1),
                                                       encoding="utf-8")
    return added


def manifest_of(settings: ClassroomSettings) -> dict:
    """The current bundle's manifest (``{"made", "origin", "home": {path: sha256}}``)."""
    return json.loads((settings.bundle_dir / "manifest.json").read_text(encoding="utf-8"))


def _open_to_learners(folder: Path) -> None:
    """Folders 0755, files 0644: every learner reads, nobody but root writes."""
    folder.chmod(0o755)
    for directory, subdirs, files in os.walk(folder):
        for name in subdirs:
            Path(directory, name).chmod(0o755)
        for name in files:
            Path(directory, name).chmod(0o644)


def runtime_requirements(repo: Path = REPO) -> list[str]:
    """What a learner's server needs: kamlib's runtime dependencies and ``jupyterhub``
    (its single-user server), each held to the pinned version by the constraints."""
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], "jupyterhub"]


def learner_python(settings: ClassroomSettings) -> Path:
    """The Python of the learners' environment."""
    return settings.env_dir / "bin" / "python"


def kamlib_wheel(settings: ClassroomSettings, tree: Path) -> Path:
    """The kamlib wheel built from the source ``tree`` (pip), kept beside the learners'
    environment and built again only when ``pyproject.toml`` or ``kamlib/`` changed."""
    digest = hashlib.sha256()
    for path in [tree / "pyproject.toml", *sorted((tree / "kamlib").rglob("*"))]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(tree)).encode() + path.read_bytes())
    cache = settings.env_dir.with_name(settings.env_dir.name + "-wheels") / digest.hexdigest()
    built = sorted(cache.glob("kamlib-*.whl"))
    if not built:
        for old in cache.parent.glob("*"):  # wheels of sources that changed since
            shutil.rmtree(old, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--disable-pip-version-check", "-w", str(cache), str(tree)], check=True)
        built = sorted(cache.glob("kamlib-*.whl"))
    return built[-1]


def install_kamlib(settings: ClassroomSettings) -> None:
    """Install the bundle's kamlib wheel into the learners' Python, unless it is there."""
    (wheel,) = (settings.bundle_dir / "python").glob("kamlib-*.whl")
    stamp = settings.env_dir / ".kam-classroom-kamlib"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == sha256(wheel):
        return
    subprocess.run(
        [str(learner_python(settings)), "-m", "pip", "install", "--quiet", "--no-deps",
         "--force-reinstall", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    stamp.write_text(sha256(wheel), encoding="utf-8")


def base_python(settings: ClassroomSettings) -> Path:
    """A Python of this version that every learner may run, to build their environment on.

    The Python running the classroom if every user may run it (a system Python), else a
    copy of it beside the learners' environment (``<env>-python``): a Python installed in
    root's home folder, as pyenv does, is closed to learners. The copy holds the
    interpreter, its shared library and the standard library, and finds its library
    relative to itself (``patchelf``, Debian's package, rewrites the search path).

    Raises
    ------
    FileNotFoundError
        If a copy is needed and ``patchelf`` is missing (``make classroom-deps`` installs it).
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    prefix = Path(sys.base_prefix)
    running = prefix / "bin" / version
    if open_to_others(running, stat.S_IXOTH) and open_to_others(prefix / "lib" / version / "os.py"):
        return running
    copy = settings.env_dir.with_name(settings.env_dir.name + "-python")
    copied = copy / "bin" / version
    if not (copied.exists() and (copy / _STAMP).read_text(encoding="utf-8") == str(prefix)):
        patchelf = shutil.which("patchelf")
        if patchelf is None:
            raise FileNotFoundError(
                f"{running} is closed to learners and patchelf (to copy it) is missing: "
                "run `make classroom-deps` or `apt-get install patchelf`."
            )
        shutil.rmtree(copy, ignore_errors=True)
        (copy / "bin").mkdir(parents=True)
        shutil.copy2(running, copied)
        (copy / "bin" / "python3").symlink_to(version)
        (copy / "lib").mkdir()
        for library in (prefix / "lib").glob("libpython*.so*"):
            shutil.copy2(library, copy / "lib" / library.name, follow_symlinks=False)
        shutil.copytree(prefix / "lib" / version, copy / "lib" / version, symlinks=True,
                        ignore=shutil.ignore_patterns("site-packages", "test", "idlelib",
                                                      "turtledemo", "config-*"))
        subprocess.run([patchelf, "--set-rpath", "$ORIGIN/../lib", str(copied)], check=True)
        (copy / _STAMP).write_text(str(prefix), encoding="utf-8")
        _open_to_learners(copy)
        copied.chmod(0o755)
    return copied


def build_env(settings: ClassroomSettings, *, python: Path | None = None) -> bool:
    """Create or update the learners' environment (``paths.env``) from the pinned versions.

    Installs only when the constraints, the requirements or the base Python (default
    :func:`base_python`) changed since the last build (a stamp file records them), removes
    :data:`LEFT_OUT_OF_LEARNER_ENV`, then writes the learners' Jupyter settings and the
    turns at running cells (:data:`CELL_TURNS_FILES`).

    Returns
    -------
    bool
        True if packages were installed, False if the environment was up to date.

    Raises
    ------
    subprocess.CalledProcessError
        If ``venv`` or ``pip`` fails (their output says why).
    """
    env = settings.env_dir
    python = python or base_python(settings)
    wanted = hashlib.sha256("\n".join(
        [str(python), CONSTRAINTS.read_text(encoding="utf-8"), *runtime_requirements(),
         *LEFT_OUT_OF_LEARNER_ENV]
    ).encode()).hexdigest()
    stamp = env / _STAMP
    installed = False
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted):
        subprocess.run([str(python), "-m", "venv", "--clear", str(env)], check=True)
        subprocess.run(
            [str(learner_python(settings)), "-m", "pip", "install", "--quiet",
             "--disable-pip-version-check", "-c", str(CONSTRAINTS), *runtime_requirements()],
            check=True,
        )
        subprocess.run(
            [str(learner_python(settings)), "-m", "pip", "uninstall", "--quiet", "--yes",
             "--disable-pip-version-check", *LEFT_OUT_OF_LEARNER_ENV],
            check=True,
        )
        stamp.write_text(wanted, encoding="utf-8")
        installed = True
    for name, source in {**LEARNER_JUPYTER_SETTINGS, **CELL_TURNS_FILES}.items():
        target = env / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return installed

