"""What the first case opened and the first memo need, imported before a member asks for them.

The window imports little before it is shown (start-up is measured against a bare window), so
the first case opened used to import the workspace, its pages and the case graph on the GUI
thread (about 100 ms in which the window did not turn over), and the first memo imported
reportlab, the memo's modules and the exchange format on its worker (a first memo took twice as
long as the next). Once the library is listed, a thread imports them instead. An import holds
the interpreter only between its bytecodes, so the window goes on answering meanwhile; a module
the GUI thread asks for while the thread is importing it is waited for, not imported twice.
"""

from __future__ import annotations

import importlib
import threading

MODULES = (
    "council_app.ui.workspace.case_workspace",
    "council_app.ui.workspace.precedents_page",
    "council_app.ui.graph.view",
    "council_app.ui.memo_preview",
    "council_app.memo.content",
    "council_app.memo.fingerprint",
    "council_app.memo.render",
)

_started = threading.Event()


def warm_up() -> None:
    """Start importing :data:`MODULES` on a thread of its own (once a process)."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_import_all, name="council-desk-warm-up", daemon=True).start()


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the GUI thread's own import of it tells a broken install plainly
            return
