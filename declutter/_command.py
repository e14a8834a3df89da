"""The ``declutter`` command's entry point, kept light so Ctrl-C is caught from the start.

The console script and ``python -m declutter`` call :func:`entry_point`.
Importing this module loads nothing else of declutter (the package's names
are imported on first use), so a Ctrl-C that arrives while the command
loads its modules exits with status 130 and no traceback, like one that
arrives while it cleans.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130


def entry_point() -> None:
    """Console-script entry: ``sys.exit(main())``, 130 on Ctrl-C at any point."""
    try:
        from declutter.cli import main

        status = main()
    except KeyboardInterrupt:
        status = INTERRUPTED
    sys.exit(status)
