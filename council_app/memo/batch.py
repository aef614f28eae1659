"""Many memos in one go: the library opened once, the framework loaded once, every file checked
before any is written.

A council sends a set of memos at once (a sitting's decisions, the whole library for an
archive). One process per memo pays the start-up, the library opening and reportlab's import
every time; here they are paid once, and each memo is still exactly the memo
``council-app memo ID -o FILE.pdf`` (or ``FILE.html``) writes (the same :func:`prepare_memo`
and :func:`render_memo_as`, so the same bytes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from council_app import paths
from council_app.council.settings import load_settings
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo.content import VARIANTS, Variant, prepare_memo
from council_app.memo.render import MEMO_FORMATS, render_memo_as, write_pdf

# Cases are read from the library this many at a time: a 20,000-case library is not held whole.
CHUNK = 50
# A file name keeps letters, digits, dots, hyphens and underscores of the case id.
_UNSAFE = re.compile(r"[^\w.-]")


def memo_file_name(case_id: str, variant: Variant, file_format: str = "pdf") -> str:
    """``EUC-2024-001.pdf``; the external variant says so: ``EUC-2024-001-external.pdf``."""
    stem = _UNSAFE.sub("_", case_id).lstrip(".") or "_"
    return f"{stem}-external.{file_format}" if variant == "external" else f"{stem}.{file_format}"


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    written: tuple[Path, ...]
    drafts: int  # of those, memos of cases not yet decided

    def sentence(self, variant: Variant) -> str:
        count = len(self.written)
        decided = count - self.drafts
        return (
            f"{count} {variant} memo{'s' if count != 1 else ''} written to {self.folder}: "
            f"{decided} decided, {self.drafts} draft{'s' if self.drafts != 1 else ''}."
        )


def _listed(names: Sequence[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def memo_targets(
    library: CaseLibrary,
    case_ids: Sequence[str] | None,
    folder: Path,
    variant: Variant,
    file_format: str = "pdf",
) -> list[tuple[str, Path]]:
    """Each case to render and the file it goes to; ``None``: every case in the library.

    Refuses, before anything is written, a variant it does not know, a case the library does
    not hold, two cases whose ids give the same file name, and a folder that is a file.
    """
    if variant not in VARIANTS:
        raise CouncilError(f"Unknown memo variant {variant!r}; use internal or external.")
    if file_format not in MEMO_FORMATS:
        raise CouncilError(f"Unknown memo format {file_format!r}; use pdf or html.")
    ids = library.case_ids() if case_ids is None else list(dict.fromkeys(case_ids))
    if not ids:
        raise CouncilError("The library holds no cases; no memos to write.")
    missing = [i for i in ids if not library.has_case(i)]
    if missing:
        raise CouncilError(f"Not in this library: {_listed(missing)}. No memo was written.")
    if paths.exists(folder) and not folder.is_dir():
        raise CouncilError(f"{folder} is a file; give a folder for the memos.")
    taken: dict[str, str] = {}
    targets: list[tuple[str, Path]] = []
    for case_id in ids:
        name = memo_file_name(case_id, variant, file_format)
        if name in taken:
            raise CouncilError(
                f"{taken[name]} and {case_id} would both be written to {name}. No memo was written."
            )
        taken[name] = case_id
        targets.append((case_id, folder / name))
    return targets


def write_memos(
    library: CaseLibrary,
    framework: Framework,
    case_ids: Sequence[str] | None,
    folder: Path,
    *,
    variant: Variant = "internal",
    force: bool = False,
    memo_date: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    file_format: str = "pdf",
) -> BatchResult:
    """Render the memos of ``case_ids`` (``None``: all) into ``folder``, one PDF each.

    Every target is checked first: if any file exists and ``force`` is not given, nothing is
    written and the refusal names them.
    """
    targets = memo_targets(library, case_ids, folder, variant, file_format)
    existing = [path.name for _, path in targets if paths.exists(path)]
    if existing and not force:
        raise CouncilError(
            f"{len(existing)} of the {len(targets)} files already exist in {folder} "
            f"({_listed(existing)}); nothing was written (use --force to replace them)."
        )
    settings = load_settings(library)
    written: list[Path] = []
    drafts = 0
    for start in range(0, len(targets), CHUNK):
        chunk = targets[start : start + CHUNK]
        for case, (_, path) in zip(library.get_cases([i for i, _ in chunk]), chunk, strict=True):
            memo = prepare_memo(library, framework, case, settings=settings, memo_date=memo_date)
            write_pdf(path, render_memo_as(memo, file_format, variant=variant), force=force)
            written.append(path)
            drafts += memo.is_draft
            if progress is not None:
                progress(len(written), len(targets))
    return BatchResult(folder, tuple(written), drafts)


__all__ = ["BatchResult", "memo_file_name", "memo_targets", "write_memos"]
