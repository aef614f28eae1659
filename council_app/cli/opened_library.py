"""The library a command works on, opened and closed the same way for every command.

Also what every command prints its JSON with, and the framework it reads a case in.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.cli.terminal import json_visible
from council_app.errors import CouncilError, LibraryError


@contextlib.contextmanager
def open_library(args: argparse.Namespace, *, readonly: bool = False) -> Any:
    from council_app.library import CaseLibrary, backup
    from council_app.library.demo import open_default_library

    path = Path(args.library) if args.library is not None else None
    if readonly and paths.exists(path or paths.default_library_path(), LibraryError):
        # Reading needs no write access, and works on a damaged library too (to export it).
        try:
            library = CaseLibrary.open(path or paths.default_library_path(), readonly=True)
        except LibraryError as error:
            if "needs upgrading" not in str(error):
                raise
            library = CaseLibrary.open(path or paths.default_library_path(), create=False)
    else:
        library = open_default_library() if path is None else CaseLibrary.open(path)
        try:
            backup.backup_if_due(library)  # the scheduled daily backup
        except CouncilError as error:
            # The command itself may still be fine to run; the next one tries the backup again.
            print(f"council-app: warning: the daily backup was not taken. {error}", file=sys.stderr)
    try:
        yield library
    finally:
        library.close()


def in_force_framework(library: Any) -> Any:
    """The framework in force in the library: lists and anything not about one case."""
    from council_app.library.frameworks import framework_in_force

    return framework_in_force(library)


def framework_of_case(library: Any, case: Any) -> Any:
    """The framework a case was made under: it is scored, shown and memo'd in its terms."""
    from council_app.library.frameworks import case_framework

    return case_framework(library, case)


def print_version_note(library: Any, case: Any) -> None:
    from council_app.library.frameworks import version_note

    note = version_note(library, case)
    if note:
        print(note)


def print_json(data: Any) -> None:
    sys.stdout.write(json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
