"""What the command line writes reaches the terminal as text, never as terminal commands.

A library holds text that others wrote: an imported case titled ``"\\x1b[2J\\x1b[31mAPPROVED"``
would, printed as it is, clear the member's terminal and show a red "APPROVED" that Council Desk
never said; a right-to-left override (U+202E) makes text read in an order it is not stored in.
:func:`visible` is the one rule that makes such characters harmless, and :func:`visible_output`
applies it at the one place all the commands' output passes: ``sys.stdout`` and ``sys.stderr``
while a command runs. No command has to remember it, and a new command is covered too.

This module imports nothing heavy: ``main`` uses it before it knows what the command needs.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, TextIO

# Kept as they are: a line break and a tab only lay text out, and multi-line fields need them.
_KEPT = {"\n", "\t"}
# The characters that can make a terminal do something instead of showing a character: the C0
# controls (ESC starts colour, cursor movement, clearing, title changes; CR overwrites a line;
# BS erases), DEL, the C1 controls (U+009B is an 8-bit ESC [) and the bidirectional embeddings,
# overrides and isolates, which reorder the text shown around them.
CONTROLS = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in _KEPT]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_TABLE = {ord(c): _escape(c) for c in CONTROLS}


def visible(text: str) -> str:
    """``text`` with every control character written out as its escape: ESC becomes ``\\x1b``.

    Why backslash escapes rather than the control pictures (``␛``): they are ASCII, so they
    show in any terminal font and encoding; they name every character, C1 controls and bidi
    overrides included, which have no pictures; and they read as Python and JSON write the
    same characters, so a member can tell exactly what is in the library. A title that holds
    the four characters ``\\x1b`` literally looks the same: harmless, and rare enough to accept
    (escaping every backslash too would change ordinary paths and text).
    """
    return text.translate(_TABLE)


_JSON_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in CONTROLS}


def json_visible(dumped: str) -> str:
    """JSON text from ``json.dumps`` with the controls it leaves raw (C1, bidi) as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls itself; outside strings JSON has only ASCII punctuation,
    so every other control is inside a string, where ``\\uXXXX`` is the same value. The data a
    program reads is unchanged; a terminal showing it is not commanded by it.
    """
    return dumped.translate(_JSON_ESCAPES)


class VisibleStream:
    """A text stream that writes what it is given through :func:`visible`.

    Everything else (``isatty``, ``flush``, ``encoding``, ``buffer``…) is the wrapped stream's,
    so commands that ask whether they write to a terminal get the true answer.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def write_styled(self, text: str) -> None:
        """Write ``text`` as it is: only for text built from pieces already made visible, to
        which Council Desk added its own emphasis (bold search matches)."""
        self.stream.write(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def write_styled(text: str) -> None:
    """Print ``text`` (with a line break) to stdout, letting Council Desk's own styling through.

    ``text``'s library pieces must already have gone through :func:`visible`.
    """
    out = sys.stdout
    if isinstance(out, VisibleStream):
        out.write_styled(text + "\n")
    else:
        out.write(text + "\n")


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    """While a command runs, its stdout and stderr show controls as escapes (and after, not)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = VisibleStream(saved[0])
    sys.stderr = VisibleStream(saved[1])
    try:
        yield
    finally:
        # A command may have replaced stdout (a reader that went away: devnull); keep that.
        if isinstance(sys.stdout, VisibleStream):
            sys.stdout = saved[0]
        if isinstance(sys.stderr, VisibleStream):
            sys.stderr = saved[1]
