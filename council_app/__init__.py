"""Council Desk: decision support for an ethical-use advisory council.

The packages below this one are the Qt-free core (``framework``, ``scoring``, ``library``,
``precedent``, ``memo``); ``council_app.ui`` is the thin PySide6 layer over them and
``council_app.cli`` is its command-line twin.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("council-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

APP_NAME = "Council Desk"
# The reverse-DNS id that names the Linux menu entry, icon and AppStream data (packaging/linux).
APP_ID = "org.councildesk.CouncilDesk"
