"""A column of case ids, as wide as the longest id it holds: an id is what a member reads out
and types elsewhere, so it is never elided, however far the library's numbering has gone
(issue 17: EUC-2026-12034 showed as "EUC-2026-1…").

Qt's ``ResizeToContents`` would keep it so by measuring up to a thousand rows at every layout
(each time the tab is shown: 20,000 calls of the model's ``data`` and 100 ms at 10,000 cases);
the few longest ids, by characters, are measured once, when the rows change, instead.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from PySide6.QtWidgets import QTableView

COLUMN_PADDING = 24  # room for the cell's margins and the sort indicator


def fit_id_column(table: QTableView, column: int, ids: Iterable[str]) -> None:
    """Widen ``column`` to the longest of ``ids`` (never narrower than it is)."""
    longest = heapq.nlargest(10, ids, key=len)
    if not longest:
        return
    metrics = table.fontMetrics()
    needed = max(metrics.horizontalAdvance(case_id) for case_id in longest) + COLUMN_PADDING
    if table.columnWidth(column) < needed:
        table.setColumnWidth(column, needed)
