"""Rows a window keeps for as long as it shows them, left out of the garbage collector's walks.

At 100,000 cases the library's list holds 100,000 summaries and the Re-review tab some 78,000
decisions due. Python's cyclic collector walks every object it tracks in each full collection,
and those came every few seconds as members worked (a search, a memo and a case opened each
make tens of thousands of objects): each held the whole process, every thread with it, for
160 to 360 ms, the longest pauses a member felt. Once a large read has been shown, the objects
alive are moved out of the collector's generations (``gc.freeze``): they are still freed when
nothing refers to them any more (the rows of the list read before are, when it is read again),
only no longer walked. What a freeze costs is a reference cycle among them never being
collected, so it is done only for a large read, where the pauses are.
"""

from __future__ import annotations

import gc

# Fewer rows than this make collections short enough not to be felt; at 10,000 cases (some
# 7,700 decisions due) they still took up to 90 ms, during a memo.
LARGE_READ_ROWS = 5_000


def rows_shown(count: int) -> None:
    """``count`` rows of a read are now held by a view: a large read is frozen."""
    if count >= LARGE_READ_ROWS:
        gc.freeze()
