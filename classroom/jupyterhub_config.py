"""JupyterHub configuration of the classroom (run it with ``make classroom``).

Every value comes from the classroom settings (``classroom/classroom.toml``, or the file named
by ``KAM_CLASSROOM_CONFIG``); see :mod:`classroom.hub` for what is set up.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classroom import config, hub  # noqa: E402

hub.configure(
    get_config(),  # noqa: F821 - provided by JupyterHub when it reads this file
    config.load(),
    os.environ.get(config.CONFIG_VARIABLE) or None,
)
