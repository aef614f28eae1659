"""What runs in a fresh process: the app or a bare window, the case graph, measured from inside.

``python -m benchmarks.probes KIND [options]`` prints one line ``@@{json}`` with its findings and
exits. Nothing is imported at the top beyond the standard library, so that a start-up probe
pays only for what the thing it measures imports.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _peak_rss_mib() -> float:
    """This process's peak resident memory.

    ``VmHWM`` rather than ``ru_maxrss``: on Linux the latter survives ``exec``, so a probe
    started by a large parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _current_rss_mib() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except OSError:
        return _peak_rss_mib()
    return pages * resource.getpagesize() / (1024 * 1024)


def report(**found: Any) -> None:
    found["peak_rss_mib"] = _peak_rss_mib()
    print("@@" + json.dumps(found), flush=True)


def bare_window(hold: float) -> int:
    """The baseline: QApplication, QMainWindow, show; report once the event loop has run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1360, 820)
    window.show()

    def finish() -> None:
        report()
        app.quit()

    def shown() -> None:
        if hold:  # the memory baseline stays open a moment, as the app does while it lists
            QTimer.singleShot(int(hold * 1000), finish)
        else:
            finish()

    QTimer.singleShot(0, shown)
    return app.exec()


class _AppProbe:
    """Runs the real app (``run_app``) and watches its main window from the event loop."""

    def __init__(self, library: Path | None) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from council_app.ui.main_window import MainWindow

        self.library = library
        self.app = QApplication(sys.argv[:1])
        self.window: Any = None
        self.on_shown: Any = None
        probe = self
        show = MainWindow.show

        # As for the baseline: the window's show(), then one turn of the event loop. (An event
        # filter on the whole application would see every event of every widget in Python,
        # and slow the app it measures.)
        def show_and_report(window: MainWindow) -> None:
            show(window)
            if probe.window is None:
                probe.window = window
                QTimer.singleShot(0, probe.shown)

        MainWindow.show = show_and_report  # type: ignore[method-assign,assignment]

    def shown(self) -> None:
        assert self.on_shown is not None
        self.on_shown()

    def run(self) -> int:
        from council_app.ui.app import run_app

        return run_app(self.library)

    def when_idle(
        self,
        then: Any,
        *,
        settle_ms: int = 300,
        timeout_s: float = 600,
        after_work: bool = False,
    ) -> None:
        """Call ``then`` once the window's workers have been idle for ``settle_ms``.

        With ``after_work``, only once they have been busy first: a search starts after the
        search box's typing delay, and the span measured must include it.
        """
        from PySide6.QtCore import QTimer

        deadline = time.monotonic() + timeout_s
        idle_since: list[float | None] = [None]
        seen_busy = [not after_work]
        workers = self.window.workers

        def on_busy(busy: bool) -> None:
            # A signal, not the poll: on a small library the work can start and end between
            # two polls.
            seen_busy[0] = seen_busy[0] or busy

        workers.busy_changed.connect(on_busy)

        def poll() -> None:
            if time.monotonic() > deadline:
                raise SystemExit("the app did not become idle")
            if workers.busy or not seen_busy[0]:
                idle_since[0] = None
            elif idle_since[0] is None:
                idle_since[0] = time.monotonic()
            elif (time.monotonic() - idle_since[0]) * 1000 >= settle_ms:
                workers.busy_changed.disconnect(on_busy)
                then()
                return
            QTimer.singleShot(20, poll)

        poll()

    def quit(self) -> None:
        self.window.close()
        self.app.quit()


def app_started(library: Path | None) -> int:
    """Start-up: the app to its main window shown; then quit at once."""
    probe = _AppProbe(library)

    def shown() -> None:
        report()
        probe.quit()

    probe.on_shown = shown
    return probe.run()


def app_listed(library: Path | None) -> int:
    """Start-up to the library's cases listed in the window; then quit at once."""
    from PySide6.QtCore import QTimer

    probe = _AppProbe(library)

    def poll() -> None:
        page = probe.window._library  # built after the first paint; not built here by asking
        if page is not None and page.model.rowCount() > 0:
            report()
            probe.quit()
        else:
            QTimer.singleShot(2, poll)

    probe.on_shown = poll
    return probe.run()


def app_memory(library: Path | None) -> int:
    """Peak memory of the app with its library listed, and how long listing it took."""
    probe = _AppProbe(library)
    started = time.perf_counter()

    def listed() -> None:
        report(listed_s=time.perf_counter() - started, rss_mib=_current_rss_mib())
        probe.quit()

    probe.on_shown = lambda: probe.when_idle(listed)
    return probe.run()


def app_responsiveness(library: Path | None, query: str, case_id: str) -> int:
    """The longest gap between ticks of a 10 ms timer while the whole case list is sorted by
    title (on the GUI thread, as a click on the heading does), then while a search and a
    precedent ranking run in the app's workers: how long the window could not answer the user."""
    from PySide6.QtCore import Qt, QTimer

    from council_app.ui.library.case_table_model import CaseTableModel

    probe = _AppProbe(library)
    found: dict[str, Any] = {}
    tick = {"last": 0.0, "max": 0.0, "ticks": 0}
    timer = QTimer()
    timer.setInterval(10)

    def on_tick() -> None:
        now = time.perf_counter()
        tick["max"] = max(tick["max"], now - tick["last"])
        tick["last"] = now
        tick["ticks"] += 1

    timer.timeout.connect(on_tick)

    def measure(name: str, start: Any, then: Any, *, after_work: bool = True) -> None:
        tick.update(last=time.perf_counter(), max=0.0, ticks=0)
        began = time.perf_counter()
        timer.start()
        start()

        def finished() -> None:
            timer.stop()
            found[name] = {
                "max_gap_ms": tick["max"] * 1000,
                "took_s": time.perf_counter() - began,
                "ticks": tick["ticks"],
                "rows": probe.window.library.proxy.rowCount(),
            }
            then()

        # The work is over when the workers fall idle; settle_ms is kept short so that the
        # measured span is the work and the GUI's handling of its result.
        probe.when_idle(finished, settle_ms=30, after_work=after_work)

    def sort() -> None:
        table = probe.window.library.table
        measure(
            "sort",
            lambda: table.sortByColumn(CaseTableModel.TITLE, Qt.SortOrder.AscendingOrder),
            search,
            after_work=False,  # no worker: the model sorts its rows on the GUI thread
        )

    def search() -> None:
        measure("search", lambda: probe.window.library.search.setText(query), open_case)

    def open_case() -> None:
        probe.window.open_case(case_id)
        probe.when_idle(rank)

    def rank() -> None:
        workspace = next(w for w in probe.window.workspaces() if w.editor.key == case_id)
        measure("precedents", workspace.find_precedents, done)

    def done() -> None:
        report(**found)
        probe.quit()

    probe.on_shown = lambda: probe.when_idle(sort)
    return probe.run()


def case_graph(library: Path) -> int:
    """The library-wide case graph and its communities, with the memory they take."""
    from council_app.library import CaseLibrary
    from council_app.precedent.graph import library_graph, themes

    with CaseLibrary.open(library, readonly=True) as lib:
        before = _current_rss_mib()
        started = time.perf_counter()
        graph = library_graph(lib)
        built = time.perf_counter()
        found = themes(lib, graph)
        finished = time.perf_counter()
        report(
            build_s=built - started,
            communities_s=finished - built,
            total_s=finished - started,
            nodes=graph.number_of_nodes(),
            edges=graph.number_of_edges(),
            themes=len(found),
            rss_before_mib=before,
            rss_after_mib=_current_rss_mib(),
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.probes")
    parser.add_argument(
        "kind",
        choices=[
            "bare",
            "app-start",
            "app-listed",
            "app-memory",
            "app-responsiveness",
            "app-felt",
            "graph",
        ],
    )
    parser.add_argument("--library", type=Path, help="library file (default: the data folder's)")
    parser.add_argument("--hold", type=float, default=0.0, help="seconds to stay open (bare)")
    parser.add_argument("--query", default="")
    parser.add_argument("--case", default="")
    parser.add_argument("--queries", default="[]", help="JSON list of queries (app-felt)")
    parser.add_argument("--cases", default="[]", help="JSON list of case ids (app-felt)")
    parser.add_argument("--sitting", type=int, default=0, help="sitting with a long agenda")
    parser.add_argument("--rounds", type=int, default=30, help="events of each kind (app-felt)")
    args = parser.parse_args(argv)
    if args.kind == "bare":
        return bare_window(args.hold)
    if args.kind == "app-start":
        return app_started(args.library)
    if args.kind == "app-listed":
        return app_listed(args.library)
    if args.kind == "app-memory":
        return app_memory(args.library)
    if args.kind == "app-responsiveness":
        return app_responsiveness(args.library, args.query, args.case)
    if args.kind == "app-felt":
        from benchmarks import felt

        return felt.run(
            args.library,
            json.loads(args.queries),
            json.loads(args.cases),
            args.sitting,
            args.rounds,
        )
    return case_graph(args.library)


if __name__ == "__main__":
    sys.exit(main())
