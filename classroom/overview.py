"""The class overview as a hub service: the grading results, for trainers only.

JupyterHub starts this service (``python -m classroom.overview FOLDER``) and serves it at
``/services/class-overview/``; the hub's "Services" menu links to it. Only the hub's admins
(the trainers) may open it: JupyterHub grants ``access:services`` to admins, and learners
have no such scope. It serves the results folder of the grading (``<root>/grading/results``,
the ``--out`` of ``python -m kamlib.grading batch``): its root page lists the files in it
(gradebook, feedback reports) under a link to the class overview, :data:`OVERVIEW_PAGE`.
"""

from __future__ import annotations

import asyncio
import html
import os
import signal
import sys
from pathlib import Path
from urllib.parse import quote, urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

SHOWN = (".html", ".csv", ".md", ".xlsx", ".png", ".svg", ".pdf", ".json")
#: The class overview that ``python -m kamlib.grading batch`` writes into its ``--out``.
OVERVIEW_PAGE = "class_overview.html"


def listing(folder: Path) -> str:
    """The HTML page listing the result files of ``folder`` (links relative to the page)."""
    files = sorted(
        p.relative_to(folder) for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SHOWN and not p.name.startswith(".")
    ) if folder.is_dir() else []
    items = "".join(
        f'<li><a href="{quote(str(f))}">{html.escape(str(f))}</a></li>' for f in files
    )
    overview = (
        f'<p><a href="{OVERVIEW_PAGE}"><b>Open the class overview · 打开班级概览</b></a></p>'
        if (folder / OVERVIEW_PAGE).is_file() else
        "<p>No class overview yet. Collect the class's work (<code>make classroom-collect</code>), "
        "then grade it (<code>python -m kamlib.grading batch … --out "
        f"{html.escape(str(folder))}</code>); the overview and the gradebook appear here.</p>"
    )
    body = overview + (f"<ul>{items}</ul>" if files else "")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Class overview</title></head>"
        "<body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
        f"<h1>Class overview · 班级概览</h1><p>Folder: <code>{html.escape(str(folder))}</code></p>"
        f"{body}</body></html>"
    )


class ResultsHandler(HubOAuthenticated, web.StaticFileHandler):
    """The folder's files to an authorised hub user; its listing at the service's root."""

    @web.authenticated
    async def get(self, path: str, include_body: bool = True) -> None:
        if not path:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(listing(Path(self.root)))
            return
        await super().get(path, include_body)

    def compute_etag(self) -> str | None:
        """No ETag for the generated listing (it is not a file)."""
        return super().compute_etag() if getattr(self, "absolute_path", None) else None


def make_app(folder: Path, prefix: str) -> web.Application:
    """The service's tornado application, serving ``folder`` under ``prefix``."""
    return web.Application(
        [
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (prefix + "(.*)", ResultsHandler, {"path": str(folder)}),
        ],
        cookie_secret=os.urandom(32),
    )


async def serve(folder: Path) -> None:
    """Serve ``folder`` where JupyterHub says, until SIGINT or SIGTERM (the hub stopping:
    handled even when started with SIGINT ignored, as from a background job)."""
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    server = make_app(folder, os.environ["JUPYTERHUB_SERVICE_PREFIX"]).listen(
        url.port, url.hostname
    )
    stop = asyncio.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signal_number, stop.set)
    await stop.wait()
    server.stop()


def main(argv: list[str] | None = None) -> int:
    """Serve the folder given as the only argument; return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m classroom.overview RESULTS_FOLDER", file=sys.stderr)
        return 2
    asyncio.run(serve(Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
