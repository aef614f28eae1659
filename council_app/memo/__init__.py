"""PDF decision memos that stand on their own (reportlab)."""

from council_app.memo.content import (
    VARIANTS,
    MemoInput,
    MemoSettings,
    Variant,
    prepare_memo,
)
from council_app.memo.fingerprint import case_fingerprint
from council_app.memo.minutes import (
    MinutesInput,
    minutes_for_date,
    minutes_for_session,
    render_minutes,
)
from council_app.memo.render import render_memo, write_pdf

__all__ = [
    "VARIANTS",
    "MemoInput",
    "MemoSettings",
    "MinutesInput",
    "Variant",
    "case_fingerprint",
    "minutes_for_date",
    "minutes_for_session",
    "prepare_memo",
    "render_memo",
    "render_minutes",
    "write_pdf",
]
