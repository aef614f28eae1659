"""Keep Python's singletons alive under a Qt binding that forgets to count its references.

Shiboken 6.12.0, built for Python 3.12's immortal objects (PEP 683), hands ``None`` back from
every void Qt method, and ``True``/``False`` from every signal emit, without taking a reference.
On Python 3.12 and later that is harmless; on 3.11 each call takes one reference away, and
after some 16,000 calls (a minute of work in a 20,000-case library, or one long sitting) the
interpreter frees ``None`` and aborts with ``Fatal Python error: none_dealloc`` - no dialog, no
crash report, the member's unsaved work gone. Shiboken 6.11 does not do this, but the memo
preview's ``PySide6-Pdf`` wheel exists only for 6.12.

So on an interpreter whose singletons can die, each is given so many spare references (2**40;
a billion lost a second would take twelve days to use them up) that it lives as long as the
process: what Python 3.12 does for every process. It is done whichever binding is installed,
without importing Qt (the Qt-free parts of ``ui`` stay Qt-free), because it costs nothing where
the binding is sound and a crash where it is not; no object but these changes.
"""

from __future__ import annotations

import ctypes
import sys

# PEP 683's immortal objects: those a binding written for 3.12 may hand out without a reference.
_SINGLETONS: tuple[object, ...] = (
    None,
    True,
    False,
    Ellipsis,
    NotImplemented,
    (),
    "",
    b"",
    *range(-5, 257),
)
SPARE_REFERENCES = 1 << 40


def singletons_are_immortal() -> bool:
    return sys.version_info >= (3, 12) or sys.getrefcount(None) > SPARE_REFERENCES


def protect_singletons() -> bool:
    """Give the singletons spare references unless the interpreter already keeps them alive.

    Returns whether it did. Called once, when the ``ui`` package is imported, before any widget
    exists; calling it again adds nothing.
    """
    if singletons_are_immortal():
        return False
    for singleton in _SINGLETONS:
        # ob_refcnt is the first field of every object in CPython 3.11's layout.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += SPARE_REFERENCES
    return True
