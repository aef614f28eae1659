"""Where the bundled resources are, in one place.

An installed wheel carries ``resources/`` inside the package (``council_app/resources``); a
source checkout, including an editable install, keeps it at the top of the repository as
DESIGN.md lays out; a PyInstaller bundle puts it beside the package in the same shape as the
wheel. This module is the only code that knows that.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from council_app.errors import CouncilError

FRAMEWORK_FILE = "framework.toml"
EXCHANGE_SCHEMA_FILE = "schema/council-exchange.schema.json"
REQUEST_SCHEMA_FILE = "schema/council-request.schema.json"
REPLY_SCHEMA_FILE = "schema/council-reply.schema.json"
DEMO_REQUESTS_FOLDER = "demo-requests"
DEMO_LIBRARY_FILE = "demo-library.json"
APP_ICON_FILE = "icons/council-desk.svg"


@functools.cache
def resource_root() -> Traversable:
    """The folder that holds the bundled resources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        # PyInstaller unpacks (or, one-folder, keeps) its data files below sys._MEIPASS; the spec
        # in packaging/ places resources/ there as council_app/resources, the wheel's shape.
        frozen = Path(bundle) / "council_app" / "resources"
        if frozen.is_dir():
            return frozen
    packaged = resources.files("council_app") / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Traversable:
    """A bundled resource by its path below ``resources/`` (for example ``framework.toml``)."""
    node = resource_root()
    for part in name.split("/"):
        node = node / part
    return node


def _missing(name: str, error: OSError) -> CouncilError:
    return CouncilError(
        f"A file that comes with Council Desk is missing or unreadable: resources/{name} "
        f"({error.strerror or error}). Reinstall Council Desk to restore it."
    )


def require(name: str) -> None:
    """Refuse, as reading it would, a bundled file that is missing: before it is needed."""
    try:
        if not resource_path(name).is_file():
            raise FileNotFoundError(2, "No such file or directory")
    except OSError as error:
        raise _missing(name, error) from error


def read_text(name: str) -> str:
    try:
        return resource_path(name).read_text(encoding="utf-8")
    except OSError as error:
        raise _missing(name, error) from error


def read_bytes(name: str) -> bytes:
    try:
        return resource_path(name).read_bytes()
    except OSError as error:
        raise _missing(name, error) from error
