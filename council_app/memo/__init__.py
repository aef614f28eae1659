"""PDF decision memos that stand on their own (reportlab).

The names are loaded when first used (PEP 562): reportlab takes a few hundred milliseconds to
import, and the app should not pay for it at start-up, before anyone asks for a memo.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from council_app.memo.content import (
        VARIANTS,
        MemoInput,
        Variant,
        prepare_memo,
    )
    from council_app.memo.fingerprint import case_fingerprint
    from council_app.memo.html import render_memo_html
    from council_app.memo.minutes import (
        MinutesInput,
        minutes_for_date,
        minutes_for_day,
        minutes_for_session,
        render_minutes,
    )
    from council_app.memo.render import memo_format, render_memo, render_memo_as, write_pdf

_WHERE = {
    "VARIANTS": "content",
    "MemoInput": "content",
    "Variant": "content",
    "prepare_memo": "content",
    "case_fingerprint": "fingerprint",
    "MinutesInput": "minutes",
    "minutes_for_date": "minutes",
    "minutes_for_day": "minutes",
    "minutes_for_session": "minutes",
    "render_minutes": "minutes",
    "render_memo": "render",
    "render_memo_as": "render",
    "render_memo_html": "html",
    "memo_format": "render",
    "write_pdf": "render",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "VARIANTS",
    "MemoInput",
    "MinutesInput",
    "Variant",
    "case_fingerprint",
    "memo_format",
    "minutes_for_date",
    "minutes_for_day",
    "minutes_for_session",
    "prepare_memo",
    "render_memo",
    "render_memo_as",
    "render_memo_html",
    "render_minutes",
    "write_pdf",
]
