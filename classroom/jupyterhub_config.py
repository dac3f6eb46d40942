"""JupyterHub configuration of the classroom (run it with ``make classroom``).

Every value comes from the classroom settings (``classroom/classroom.toml``, or the file named
by ``KAM_CLASSROOM_CONFIG``); see :mod:`classroom.hub` for what is set up.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classroom import config, hub  # noqa: E402

hub.configure(get_config(), config.load())  # noqa: F821 - get_config: given by JupyterHub
