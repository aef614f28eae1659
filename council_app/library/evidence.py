"""Evidence files: kept in the library itself, once each, under their SHA-256.

A condition's evidence names a file by its digest (council_app.case.Evidence), so the same
report attached twice is stored once, and a case travels with the bytes it names (exports and
packages carry them, see council_app.library.exchange). A file is read by the rule for every
file a user names (a regular file, bounded, read bounded: council_app.user_files), no larger
than ``MAX_EVIDENCE_BYTES``, and only of a kind a council keeps as evidence, its bytes checked
against what its name says it is: a ``.pdf`` that is not a PDF is refused, not stored.
``check`` recomputes every stored file's digest (:func:`evidence_problems`), so a file changed
behind Council Desk's back is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from council_app.errors import CouncilError
from council_app.user_files import MB, read_user_file, size_words

if TYPE_CHECKING:
    from sqlite_utils import Database

    from council_app.case import Case
    from council_app.library.case_library import CaseLibrary

MAX_EVIDENCE_BYTES = 20 * MB


class EvidenceRefused(CouncilError):
    """A file was not attached as evidence; the message says why and that nothing changed."""


def _zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def _text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


# What a council keeps as evidence, by the file's suffix: its media type and how its bytes
# show they are what the name says.
KINDS: Mapping[str, tuple[str, Callable[[bytes], bool]]] = {
    ".pdf": ("application/pdf", lambda d: d.startswith(b"%PDF-")),
    ".png": ("image/png", lambda d: d.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", lambda d: d.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda d: d.startswith(b"\xff\xd8\xff")),
    ".txt": ("text/plain", _text),
    ".md": ("text/markdown", _text),
    ".csv": ("text/csv", _text),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _zip),
    ".odt": ("application/vnd.oasis.opendocument.text", _zip),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _zip),
}


def kinds_text() -> str:
    return ", ".join(sorted({suffix.lstrip(".") for suffix in KINDS}))


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def read_evidence_file(path: Path | str) -> EvidenceFile:
    """The file at ``path`` as evidence, or a refusal in words (nothing is stored)."""
    path = Path(path)
    outcome = "nothing was attached"
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise EvidenceRefused(
            f"{path.name}: a file of this kind is not kept as evidence ({outcome}); "
            f"attach one of: {kinds_text()}."
        )
    data = read_user_file(
        path,
        limit=MAX_EVIDENCE_BYTES,
        what="an evidence file",
        outcome=outcome,
        advice="Attach a smaller copy, or note where the full file is kept.",
        error=EvidenceRefused,
    )
    media_type, looks_right = kind
    if not looks_right(data):
        raise EvidenceRefused(
            f"{path.name}: the file's content is not {media_type} as its name says; {outcome}."
        )
    return EvidenceFile(path.name, media_type, data)


def check_evidence_content(sha256: str, media_type: str, content: bytes) -> str:
    """Why stored bytes cannot be taken as the file ``sha256`` ("": they can): for files
    arriving in an import, checked as a file attached from disk is."""
    if hashlib.sha256(content).hexdigest() != sha256:
        return f"the content of evidence file {sha256[:12]}… does not have that SHA-256"
    if len(content) > MAX_EVIDENCE_BYTES:
        return (
            f"evidence file {sha256[:12]}… is {size_words(len(content))}, more than the "
            f"{size_words(MAX_EVIDENCE_BYTES)} an evidence file may be"
        )
    known = dict(KINDS.values())
    looks_right = known.get(media_type)
    if looks_right is None:
        return f"evidence file {sha256[:12]}… is of a kind not kept as evidence ({media_type})"
    if not looks_right(content):
        return f"the content of evidence file {sha256[:12]}… is not {media_type}"
    return ""


def store_evidence(db: Database, sha256: str, media_type: str, content: bytes) -> None:
    """Keep the bytes in the library (once: a file already there is left as it is). Called
    inside the write that records the evidence, so the two land together or not at all."""
    db.execute(
        "INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, content, stored_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            sha256,
            len(content),
            media_type,
            content,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ],
    )


def evidence_content(library: CaseLibrary, sha256: str) -> bytes | None:
    row = library.db.execute(
        "SELECT content FROM evidence_files WHERE sha256 = ?", [sha256]
    ).fetchone()
    return bytes(row[0]) if row else None


def named_files(cases: Iterable[Case]) -> list[str]:
    """The digests of the files the cases' evidence names, each once, in order."""
    named: dict[str, None] = {}
    for case in cases:
        if case.decision is None:
            continue
        for condition in case.decision.conditions:
            for e in condition.evidence:
                if e.sha256:
                    named[e.sha256] = None
    return list(named)


def files_for(library: CaseLibrary, cases: Iterable[Case]) -> dict[str, tuple[str, bytes]]:
    """The files the cases name, as (media type, bytes) by digest: what an export carries."""
    out: dict[str, tuple[str, bytes]] = {}
    for sha in named_files(cases):
        row = library.db.execute(
            "SELECT media_type, content FROM evidence_files WHERE sha256 = ?", [sha]
        ).fetchone()
        if row is not None:
            out[sha] = (str(row[0]), bytes(row[1]))
    return out


def evidence_problems(library: CaseLibrary) -> list[str]:
    """Every stored file whose bytes no longer have its digest or size, and every file a case's
    evidence names that the library does not hold: what ``check`` reports of evidence."""
    problems: list[str] = []
    db = library.db
    stored: set[str] = set()
    for sha, size, content in db.execute("SELECT sha256, size, content FROM evidence_files"):
        stored.add(sha)
        data = bytes(content)
        if hashlib.sha256(data).hexdigest() != sha or len(data) != size:
            problems.append(
                f"evidence file {sha[:12]}… has changed since it was stored (its content no "
                "longer has its SHA-256)"
            )
    for case_id, evidence in db.execute(
        "SELECT case_id, evidence FROM conditions WHERE evidence != '[]' ORDER BY case_id, position"
    ):
        for item in json.loads(evidence):
            sha = item.get("sha256", "")
            if sha and sha not in stored:
                name = item.get("file_name", "") or sha[:12]
                problems.append(f"{case_id}: the evidence file {name} is missing from the library")
    return problems
