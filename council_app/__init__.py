"""Council Desk: decision support for an ethical-use advisory council.

The packages below this one are the Qt-free core (``framework``, ``scoring``, ``library``,
``precedent``, ``memo``); ``council_app.ui`` is the thin PySide6 layer over them and
``council_app.cli`` is its command-line twin.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> Any:
    """``__version__``, read from the package metadata when first asked for.

    importlib.metadata takes a tenth of a second to import; opening the app does not need the
    version before its window is shown (the About box, the memo and the CLI ask for it).
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("council-desk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


APP_NAME = "Council Desk"
# The reverse-DNS id that names the Linux menu entry, icon and AppStream data (packaging/linux).
APP_ID = "org.councildesk.CouncilDesk"
