"""The frozen bundle's entry point: one executable for the app and its command line.

Without arguments ``council-app`` opens the desktop app, so the bundle's executable starts the
app from a launcher and answers ``--self-test``, ``list``, ``memo`` and the rest in a terminal.
"""

import sys

from council_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
