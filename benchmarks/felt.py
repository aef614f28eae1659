"""What a member feels: from a key press or a click in the real app to the frame that shows the
answer (``python -m benchmarks.probes app-felt``, run by the ``felt`` figure).

The app runs as it does on a laptop (its own start-up, its workers, its timers), offscreen.
Each event is sent the way Qt delivers the user's (``QTest`` key presses and mouse clicks on the
widgets a member would use), and the time is taken at the end of the first frame, painted after
the event, in which the answer is there: the probe watches each top-level window for Qt's
``UpdateRequest`` (the event in which the window paints everything that changed, all at once)
and, at the start of a frame, asks whether what the member waits for is now in the widgets (the
search's rows, the workspace's score, the memo's first page rasterised); the frame's end is the
figure. Only the top-level windows are watched, so the probe adds a check a frame, not a Python
call an event. A 10 ms timer meanwhile measures the longest the event loop was held up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from benchmarks.probes import _AppProbe, report

Condition = Callable[[], bool]
Step = Callable[[Callable[[], None]], None]  # does something, then calls its continuation

EVENT_TIMEOUT_S = 20.0
WATCHED = "felt_probe_watched"  # a dynamic property: this window's frames are watched


class FrameWatch:
    """Times one event at a time: from ``arm`` to the end of the first frame showing the answer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication

        self._armed: tuple[float, Condition, Callable[[float, float], None]] | None = None
        self._answered: float | None = None
        self._update = QEvent.Type.UpdateRequest
        self._app = QApplication.instance()
        watch = self

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == watch._update and watch._armed is not None:
                    watch._frame_starts()
                return False

        self._filter = Filter()
        self._single_shot = QTimer.singleShot
        # The longest the event loop went without turning, between arm and answer.
        self._tick = QTimer()
        self._tick.setInterval(10)
        self._tick.timeout.connect(self._on_tick)
        self._last_tick = 0.0
        self._max_gap = 0.0
        # New windows (the memo preview) are watched from their first frame: looked for often.
        self._windows = QTimer()
        self._windows.setInterval(2)
        self._windows.timeout.connect(self.watch_windows)

    def watch_windows(self) -> None:
        # A widget and its window are watched each when first seen: a dialog seen before it is
        # shown has no window yet, and its frames (the memo preview's page) were missed, so the
        # answer was timed at the main window's next frame, up to a second later.
        # Marked on the object itself: an id() of a preview closed and collected is reused by
        # the next one, which then went unwatched.
        for widget in self._app.topLevelWidgets():  # type: ignore[union-attr]
            for watched in (widget, widget.windowHandle()):
                if watched is not None and not watched.property(WATCHED):
                    watched.setProperty(WATCHED, True)
                    watched.installEventFilter(self._filter)

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self._max_gap = max(self._max_gap, now - self._last_tick)
        self._last_tick = now

    def arm(self, name: str, answered: Condition, done: Callable[[float, float], None]) -> None:
        """Start the clock; ``done(ms, longest gap ms)`` once a frame has shown the answer."""
        self.watch_windows()
        self._max_gap = 0.0
        self._last_tick = time.perf_counter()
        self._tick.start()
        self._windows.start()
        started = time.perf_counter()
        self._armed = (started, answered, done)
        deadline = started + EVENT_TIMEOUT_S

        def give_up() -> None:
            if self._armed is not None and self._armed[0] == started:
                if time.perf_counter() < deadline:
                    self._single_shot(200, give_up)
                    return
                raise SystemExit(f"{name}: no frame showed the answer in time")

        self._single_shot(200, give_up)

    def _frame_starts(self) -> None:
        assert self._armed is not None
        started, answered, _done = self._armed
        if self._answered is not None or not answered():
            return
        self._answered = started
        # This frame paints the answer; it ends when the event that carries it returns, and the
        # zero timer runs right after.
        self._single_shot(0, self._frame_ended)

    def _frame_ended(self) -> None:
        assert self._armed is not None
        started, _answered, done = self._armed
        elapsed = time.perf_counter() - started
        self._tick.stop()
        self._windows.stop()
        gap = max(self._max_gap, time.perf_counter() - self._last_tick)
        self._armed = None
        self._answered = None
        done(elapsed * 1000, gap * 1000)


class FeltProbe:
    """Drives the app through each event ``rounds`` times and reports every timing."""

    def __init__(
        self,
        library: Any,
        *,
        queries: list[str],
        case_ids: list[str],
        sitting: int,
        rounds: int,
    ) -> None:
        self.probe = _AppProbe(library)
        self.queries = queries
        self.case_ids = case_ids
        self.sitting = sitting
        self.rounds = rounds
        self.found: dict[str, dict[str, list[float]]] = {}
        self.watch: FrameWatch | None = None

    def record(self, name: str, ms: float, gap: float) -> None:
        entry = self.found.setdefault(name, {"ms": [], "gap_ms": []})
        entry["ms"].append(ms)
        entry["gap_ms"].append(gap)

    def run(self) -> int:
        self.probe.on_shown = lambda: self.probe.when_idle(lambda: self.checked(self.begin))
        return self.probe.run()

    def checked(self, then: Callable[[], None], waited_s: float = 0.0) -> None:
        """Once the library's health check is done: a library over 500 MB is checked on a
        worker once its cases are listed (seconds at 100,000 cases, once a start-up), quietly;
        the events are timed as a member feels them once the app has settled, not beside it."""
        from council_app.library import case_library

        key = str(self.window.library_path.resolve())
        if key in case_library._CHECKED or self.window.workers.read_only:
            then()
        elif waited_s > 300:
            raise SystemExit("the library's health check did not end")
        else:
            self.later(50, lambda: self.checked(then, waited_s + 0.05))

    @property
    def window(self) -> Any:
        return self.probe.window

    def idle(self, then: Callable[[], None], settle_ms: int = 250) -> None:
        self.probe.when_idle(then, settle_ms=settle_ms)

    def later(self, ms: int, then: Callable[[], None]) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(ms, then)

    def sequence(self, steps: list[Step], then: Callable[[], None]) -> None:
        """Run ``steps`` one after another, each once the one before has called on."""
        if not steps:
            then()
            return
        first, rest = steps[0], steps[1:]
        first(lambda: self.sequence(rest, then))

    def begin(self) -> None:
        self.watch = FrameWatch()
        steps: list[Step] = [self.typing_round(q) for q in self.queries[: self.rounds]]
        steps.append(self.back_to_all_cases)
        for number in range(self.rounds):
            steps.append(self.case_round(self.case_ids[number % len(self.case_ids)]))
        steps.append(self.open_one_workspace)
        for _ in range(self.rounds):
            for tab in ("library", "sittings", "review"):
                steps.append(self.tab_round(tab))
        self.sequence(steps, self.finish)

    def finish(self) -> None:
        report(**self.found)
        self.probe.quit()

    # -- typing a query --------------------------------------------------------------------------

    def typing_round(self, query: str) -> Step:
        """The query but its last letter is typed (unmeasured); the last key press is timed to
        the frame in which the list shows the search's rows for the whole query."""

        def step(then: Callable[[], None]) -> None:
            from PySide6.QtTest import QTest

            page = self.window.library
            box = page.search
            box.setFocus()
            box.setText(query[:-1])

            def measure() -> None:
                assert self.watch is not None

                def answered() -> bool:
                    return bool(page.shown_query == query)

                def done(ms: float, gap: float) -> None:
                    self.record("search", ms, gap)
                    self.idle(then, settle_ms=50)

                self.watch.arm("search", answered, done)
                QTest.keyClicks(box, query[-1])

            self.idle(measure, settle_ms=100)

        return step

    def back_to_all_cases(self, then: Callable[[], None]) -> None:
        self.window.library.search.setText("")
        self.idle(then)

    # -- a case: open it, change a rating, its precedents, its memo ---------------------------

    def _workspace(self, case_id: str) -> Any:
        workspace = self.window.current_workspace()
        return workspace if workspace is not None and workspace.editor.key == case_id else None

    def case_round(self, case_id: str) -> Step:
        def step(then: Callable[[], None]) -> None:
            self.sequence(
                [
                    self.open_step(case_id),
                    self.rating_step(case_id),
                    self.precedents_step(case_id),
                    self.memo_step(case_id),
                    self.close_step(case_id),
                ],
                then,
            )

        return step

    def open_step(self, case_id: str) -> Step:
        """Enter on the case's row in the library list → the workspace and its score painted."""

        def step(then: Callable[[], None]) -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            window = self.window
            window.tabs.setCurrentIndex(0)
            if not window.select_case(case_id):
                raise SystemExit(f"{case_id} is not in the list")
            table = window.library.table
            table.setFocus()
            assert self.watch is not None

            def answered() -> bool:
                workspace = self._workspace(case_id)
                return (
                    workspace is not None
                    and workspace.score is not None
                    and workspace.panel.isVisible()
                )

            def done(ms: float, gap: float) -> None:
                self.record("open_case", ms, gap)
                self.idle(then)

            self.watch.arm("open_case", answered, done)
            QTest.keyClick(table, Qt.Key.Key_Return)

        return step

    def rating_step(self, case_id: str) -> Step:
        """A click on another level of the first consideration's scale → the panel's new score."""

        def step(then: Callable[[], None]) -> None:
            workspace = self._workspace(case_id)
            framework = self.window.framework
            key = framework.considerations[0].key
            workspace.go_to(key)

            def measure() -> None:
                assert self.watch is not None
                page = workspace.page(key)
                scale = page.scale
                checked = scale.group.checkedId()
                levels = sorted(score for score in scale.buttons if score >= 0)
                choice = levels[0] if checked != levels[0] else levels[-1]
                before = workspace.score

                def answered() -> bool:
                    return workspace.score is not before

                def done(ms: float, gap: float) -> None:
                    self.record("rating", ms, gap)
                    then()  # not idle: the precedents asked for by this change are still due

                self.watch.arm("rating", answered, done)
                # click(): what a mouse release on the button does (offscreen, QTest's press at
                # the centre can miss a radio button's indicator and label).
                scale.buttons[choice].click()

            self.idle(measure)

        return step

    def precedents_step(self, case_id: str) -> Step:
        """Right after a rating change, a click on the Precedents step → the precedents of the
        case as it now stands, list and graph, painted."""

        def step(then: Callable[[], None]) -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            workspace = self._workspace(case_id)
            steps = workspace.step_list
            row = next(
                r
                for r in range(steps.count())
                if workspace.steps[r].key == "precedents"  # the walk's own order
            )
            rect = steps.visualItemRect(steps.item(row))
            page = workspace.page("precedents")
            shown = {"precedents": False}
            page.precedents_shown.connect(lambda _case: shown.__setitem__("precedents", True))
            assert self.watch is not None

            def answered() -> bool:
                return shown["precedents"] and page.isVisible()

            def done(ms: float, gap: float) -> None:
                self.record("precedents", ms, gap)
                self.idle(then)

            self.watch.arm("precedents", answered, done)
            QTest.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

        return step

    def memo_step(self, case_id: str) -> Step:
        """Ctrl+M → the memo preview's first page painted (its raster, not a blank page)."""

        def step(then: Callable[[], None]) -> None:
            from PySide6.QtGui import QAction, QKeySequence
            from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
            from PySide6.QtPdfWidgets import QPdfView

            from council_app.ui.memo_preview import MemoPreview

            window = self.window
            rendered = {"pages": 0}
            step_number = time.perf_counter_ns()  # marks the renderer hooked in this step

            def preview() -> Any:
                for widget in window.findChildren(MemoPreview):
                    if widget.isVisible() and widget.case_id == case_id:
                        return widget
                return None

            def hook(shown: Any) -> None:
                renderer = shown.findChild(QPdfView).findChild(QPdfPageRenderer)
                if renderer.property(WATCHED) != step_number:
                    renderer.setProperty(WATCHED, step_number)
                    renderer.pageRendered.connect(
                        lambda *_a: rendered.__setitem__("pages", rendered["pages"] + 1)
                    )

            # QPdfView rasterises pages on a thread (its QPdfPageRenderer) and repaints when one
            # is ready: its renderer is hooked as the preview is made, before the event loop
            # runs again (hooked at the first frame instead, a page drawn before that frame was
            # missed, and the probe waited for the next, which came with an unrelated repaint
            # a second later).
            made = MemoPreview.__init__

            def making(shown: Any, *args: Any, **kwargs: Any) -> None:
                made(shown, *args, **kwargs)
                hook(shown)

            MemoPreview.__init__ = making  # type: ignore[method-assign, assignment]

            def answered() -> bool:
                shown = preview()
                if shown is None:
                    return False
                hook(shown)  # a preview made before this step, shown again
                ready = shown.document.status() == QPdfDocument.Status.Ready
                return ready and rendered["pages"] > 0

            def done(ms: float, gap: float) -> None:
                MemoPreview.__init__ = made  # type: ignore[method-assign]
                self.record("memo", ms, gap)
                shown = preview()
                if shown is not None:
                    shown.close()
                self.idle(then)

            assert self.watch is not None
            self.watch.arm("memo", answered, done)
            # The menu's action, as Ctrl+M triggers it (an offscreen window is never the active
            # one, so Qt would not route the shortcut to it).
            memo_action = next(
                a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+M")
            )
            memo_action.trigger()

        return step

    def close_step(self, case_id: str) -> Step:
        def step(then: Callable[[], None]) -> None:
            window = self.window
            workspace = self._workspace(case_id)
            if workspace is None:
                self.idle(then)
                return
            # The rating changes are thrown away (the editor's own Discard, so that no draft is
            # left to be offered again when the case is next opened), then the tab is closed.
            workspace.editor.discard()

            def close() -> None:
                window.tabs.removeTab(window.tabs.indexOf(workspace))
                workspace.deleteLater()
                self.idle(then)

            self.idle(close)

        return step

    # -- the tabs ----------------------------------------------------------------------------------

    def open_one_workspace(self, then: Callable[[], None]) -> None:
        """The tabs are timed from a case's workspace, where a member comes back from; the
        Sittings tab has the long sitting chosen once (unmeasured), as after a member's first
        look at it, so that each return to the tab reads and paints its 30-item agenda."""
        window = self.window
        window.show_page(window.sittings)

        def choose_sitting() -> None:
            if not window.sittings.page.select_sitting(self.sitting):
                raise SystemExit(f"sitting {self.sitting} is not in the list")
            self.idle(open_case)

        def open_case() -> None:
            window.open_case(self.case_ids[0])
            self.idle(then)

        self.idle(choose_sitting)

    def tab_round(self, tab: str) -> Step:
        """From the case's workspace, a click on the tab → the tab painted with its data."""
        index = {"library": 0, "sittings": 1, "review": 2}[tab]

        def step(then: Callable[[], None]) -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            window = self.window
            workspace = window.workspaces()[0]
            window.tabs.setCurrentWidget(workspace)

            def measure() -> None:
                assert self.watch is not None
                bar = window.tabs.tabBar()

                def answered() -> bool:
                    if window.tabs.currentIndex() != index or window.workers.busy:
                        return False
                    return self._tab_has_data(tab)

                def done(ms: float, gap: float) -> None:
                    self.record(f"tab_{tab}", ms, gap)
                    then()

                self.watch.arm(f"tab_{tab}", answered, done)
                QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())

            self.idle(measure, settle_ms=100)

        return step

    def _tab_has_data(self, tab: str) -> bool:
        from PySide6.QtWidgets import QAbstractItemView

        window = self.window
        if tab == "library":
            return bool(window.library.proxy.rowCount())
        page = window.tabs.currentWidget()
        views = page.findChildren(QAbstractItemView)
        if tab == "sittings":
            # The sitting with the long agenda is shown, its items listed.
            return any(
                v.isVisible() and v.model() is not None and v.model().rowCount() >= 30
                for v in views
            )
        return any(
            v.isVisible() and v.model() is not None and v.model().rowCount() > 0 for v in views
        )


def run(library: Any, queries: list[str], case_ids: list[str], sitting: int, rounds: int) -> int:
    return FeltProbe(
        library, queries=queries, case_ids=case_ids, sitting=sitting, rounds=rounds
    ).run()
