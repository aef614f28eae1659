"""Render a memo to PDF bytes, and write it to a file without overwriting by surprise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from council_app import paths
from council_app.errors import CouncilError
from council_app.memo.canvas import DocumentInfo, build_pdf, page_canvas
from council_app.memo.content import VARIANTS, MemoInput, Variant
from council_app.memo.document import MemoWriter


def render_memo(memo: MemoInput, *, variant: Variant = "internal") -> bytes:
    """The memo as PDF bytes; the same input always gives the same bytes."""
    if variant not in VARIANTS:
        raise CouncilError(f"Unknown memo variant {variant!r}; use internal or external.")
    writer = MemoWriter(memo, variant)
    case = memo.case
    title = f"Decision memo {case.id}: {case.title}"
    info = DocumentInfo(
        title=title,
        author=memo.settings.council_name,
        subject=case.question or case.summary[:200],
        keywords=", ".join([case.id, *case.tags, *case.regions, variant]),
        app_version=memo.app_version,
        dated=memo.memo_date,
        language=memo.settings.language,
        page_size=memo.settings.page_size,
    )
    canvas_class = page_canvas(
        header=f"{memo.settings.council_name} · Decision memo {case.id}",
        footer_right=f"Fingerprint SHA-256 {memo.fingerprint}",
        marking=("DRAFT · " if memo.is_draft else "") + writer.marking(),
        draft=memo.is_draft,
        paper=info.page_size,
    )
    return build_pdf(writer.story(), info, canvas_class)


def write_pdf(path: Path | str, data: bytes, *, force: bool = False) -> None:
    """Write atomically; an existing file is replaced only with ``force``."""
    path = Path(path)
    found = paths.exists(path)
    if found and path.is_dir():
        raise CouncilError(f"{path} is a folder; give a file name for the PDF.")
    if found and not force:
        raise CouncilError(f"{path} already exists; not overwritten (use --force to replace it).")
    try:
        paths.make_parent(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CouncilError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
