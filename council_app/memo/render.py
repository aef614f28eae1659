"""Render a memo to PDF bytes, and write it to a file without overwriting by surprise."""

from __future__ import annotations

from pathlib import Path

from council_app import paths
from council_app.errors import CouncilError
from council_app.memo.canvas import DocumentInfo, build_pdf, page_canvas
from council_app.memo.content import VARIANTS, MemoInput, Variant
from council_app.memo.document import MemoWriter


def memo_edition(memo: MemoInput, variant: Variant) -> tuple[MemoWriter, DocumentInfo]:
    """The writer of one variant, and what the memo says about itself: the PDF and the HTML
    edition both start here. The external variant's content is redacted, its metadata too."""
    if variant not in VARIANTS:
        raise CouncilError(f"Unknown memo variant {variant!r}; use internal or external.")
    writer = MemoWriter(memo, variant)
    return writer, memo_info(writer.memo, variant)


def render_memo(memo: MemoInput, *, variant: Variant = "internal") -> bytes:
    """The memo as PDF bytes; the same input always gives the same bytes."""
    writer, info = memo_edition(memo, variant)
    memo = writer.memo
    canvas_class = page_canvas(
        header=f"{memo.settings.council_name} · Decision memo {memo.case.id}",
        footer_right=f"Fingerprint SHA-256 {memo.fingerprint}",
        marking=memo_marking(memo, writer),
        draft=memo.is_draft,
        paper=info.page_size,
    )
    return build_pdf(writer.story(), info, canvas_class)


def memo_info(memo: MemoInput, variant: Variant) -> DocumentInfo:
    """What the memo says about itself, in its PDF metadata and its HTML head alike."""
    case = memo.case
    return DocumentInfo(
        title=f"Decision memo {case.id}: {case.title}",
        author=memo.settings.council_name,
        subject=case.question or case.summary[:200],
        keywords=", ".join([case.id, *case.tags, *case.regions, variant]),
        app_version=memo.app_version,
        dated=memo.memo_date,
        language=memo.settings.language,
        page_size=memo.settings.page_size,
    )


def memo_marking(memo: MemoInput, writer: MemoWriter) -> str:
    """The marking at the foot of every page (and of the HTML)."""
    return ("DRAFT · " if memo.is_draft else "") + writer.marking()


MEMO_FORMATS = ("pdf", "html")


def memo_format(path: Path, chosen: str | None = None) -> str:
    """The format asked for, else the one the file name says (``.html``/``.htm``: HTML)."""
    if chosen is not None:
        if chosen not in MEMO_FORMATS:
            raise CouncilError(f"Unknown memo format {chosen!r}; use pdf or html.")
        return chosen
    return "html" if path.suffix.lower() in (".html", ".htm") else "pdf"


def render_memo_as(memo: MemoInput, file_format: str, *, variant: Variant = "internal") -> bytes:
    """The memo as a PDF or as its accessible HTML edition (see :mod:`.html`)."""
    if file_format == "html":
        from council_app.memo.html import render_memo_html

        return render_memo_html(memo, variant=variant)
    return render_memo(memo, variant=variant)


def write_pdf(path: Path | str, data: bytes, *, force: bool = False) -> None:
    """Write atomically; an existing file is replaced only with ``force``."""
    paths.write_user_file(path, data, force=force, what="a file name for the document")
