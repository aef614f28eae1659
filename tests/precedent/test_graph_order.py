"""A memo is the same bytes in every process: the links it explains a precedent by do not
depend on Python's hash seed (which differs from one process to the next)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document

# An undecided demo case whose precedents are explained by chains of links of equal length: the
# chain chosen used to follow the order of a set of case ids.
CASE = "EUC-2026-083"


def test_the_memo_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    library = tmp_path / "demo.sqlite"
    with CaseLibrary.open(library) as lib:
        import_document(lib, demo_document())
    digests = set()
    for seed in ("0", "1"):  # these two chose different chains before
        target = tmp_path / f"memo-{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "council_app", "memo", CASE, "-o", str(target),
             "--date", "2026-12-01", "--library", str(library)],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        digests.add(hashlib.sha256(target.read_bytes()).hexdigest())
    assert len(digests) == 1
