"""Who is changing a library, as the audit log names them: the login name and the interface.

Apart from the audit log so that the app can say it is the app at start without importing the
log's machinery (json, hashing, the case model), which it needs only once it writes.
"""

from __future__ import annotations

_interface = "Council Desk"


def set_interface(name: str) -> None:
    """Say how changes are being made ("app", "command line"), for the log's "who"."""
    global _interface
    _interface = name


def actor() -> str:
    import getpass

    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers and services)
        user = "unknown user"
    return f"{user} ({_interface})"
