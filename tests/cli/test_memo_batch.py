"""``council-app memo ID ID … -o FOLDER`` and ``memo --all -o FOLDER``: many memos, one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.cli import main
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from tests.factories import make_case

DECIDED = "EUC-2022-040"
DRAFT = "EUC-2026-014"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path) -> list[str]:
    path = tmp_path / "demo.sqlite"
    with CaseLibrary.open(path) as lib:
        import_document(lib, demo_document())
    return ["--library", str(path)]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_several_ids_give_the_same_bytes_as_one_memo_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    folder = tmp_path / "memos"
    ids = [DECIDED, DRAFT, "EUC-2025-011"]
    date = ["--date", "2026-12-01"]
    code, out, err = run(capsys, "memo", *ids, "-o", str(folder), *date, *library)
    assert code == 0, err
    assert "3 internal memos written to" in err and "2 decided, 1 draft." in err
    assert out.split() == [str(folder / f"{i}.pdf") for i in ids]
    batch = files(folder)
    assert sorted(batch) == sorted(f"{i}.pdf" for i in ids)
    for case_id in ids:
        single = tmp_path / f"single-{case_id}.pdf"
        assert run(capsys, "memo", case_id, "-o", str(single), *date, *library)[0] == 0
        assert batch[f"{case_id}.pdf"] == single.read_bytes(), case_id


def test_all_writes_every_case_and_the_external_ones_say_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    folder = tmp_path / "external"
    code, _, err = run(
        capsys, "memo", "--all", "-o", str(folder), "--variant", "external", *library
    )
    assert code == 0, err
    cases = demo_document().cases
    assert sorted(files(folder)) == sorted(f"{c.id}-external.pdf" for c in cases)
    assert f"{len(cases)} external memos written to {folder}" in err
    single = tmp_path / "one.pdf"
    assert (
        run(capsys, "memo", DECIDED, "-o", str(single), "--variant", "external", *library)[0] == 0
    )
    assert (folder / f"{DECIDED}-external.pdf").read_bytes() == single.read_bytes()
    assert "EXTERNAL VERSION" in PdfReader(single).pages[0].extract_text()


def test_nothing_is_overwritten_unless_forced_and_nothing_half_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    folder = tmp_path / "memos"
    folder.mkdir()
    kept = folder / f"{DRAFT}.pdf"
    kept.write_bytes(b"the secretary's copy")
    code, out, err = run(capsys, "memo", DECIDED, DRAFT, "-o", str(folder), *library)
    assert code == 1
    assert f"1 of the 2 files already exist in {folder} ({DRAFT}.pdf)" in err
    assert "nothing was written (use --force to replace them)" in err
    assert "Traceback" not in err and out == ""
    assert files(folder) == {kept.name: b"the secretary's copy"}  # the other was not written

    code, _, err = run(capsys, "memo", DECIDED, DRAFT, "-o", str(folder), "--force", *library)
    assert code == 0, err
    assert kept.read_bytes().startswith(b"%PDF") and (folder / f"{DECIDED}.pdf").exists()


def test_bad_requests_are_refused_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    folder = tmp_path / "memos"
    code, _, err = run(capsys, "memo", DECIDED, "EUC-1999-404", "-o", str(folder), *library)
    assert code == 1 and "Not in this library: EUC-1999-404. No memo was written." in err
    assert not folder.exists()
    code, _, err = run(capsys, "memo", DECIDED, "--all", "-o", str(folder), *library)
    assert code == 1 and "Give case ids or --all, not both." in err
    code, _, err = run(capsys, "memo", "-o", str(folder), *library)
    assert code == 1 and "Name a case" in err
    a_file = tmp_path / "memo.pdf"
    a_file.write_bytes(b"x")
    code, _, err = run(capsys, "memo", DECIDED, DRAFT, "-o", str(a_file), *library)
    assert code == 1 and "is a file; give a folder for the memos." in err
    assert a_file.read_bytes() == b"x"


def test_ids_that_are_not_file_names_are_made_safe_and_never_collide(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "odd.sqlite"
    with CaseLibrary.open(path) as lib:
        for case_id in ("A/1", "A:1", "../B"):
            lib.save_case(make_case(case_id, decision=None, status="draft"))
    folder = tmp_path / "memos"
    code, _, err = run(capsys, "memo", "../B", "A/1", "-o", str(folder), "--library", str(path))
    assert code == 0, err
    assert sorted(files(folder)) == ["A_1.pdf", "_B.pdf"]
    code, _, err = run(
        capsys, "memo", "A/1", "A:1", "-o", str(tmp_path / "x"), "--library", str(path)
    )
    assert code == 1 and "A/1 and A:1 would both be written to A_1.pdf" in err
    assert not (tmp_path / "x").exists()


def test_the_one_memo_form_still_writes_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    target = tmp_path / "memo.pdf"
    code, _, err = run(capsys, "memo", DECIDED, "-o", str(target), *library)
    assert code == 0 and f"Memo for {DECIDED} (internal) written to {target}." in err
    # As before: one id names a file, and a folder there is not replaced.
    code, _, err = run(capsys, "memo", DECIDED, "-o", str(tmp_path), *library)
    assert code == 1 and "already exists; not overwritten" in err


def test_the_accessible_html_edition_comes_in_batches_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: list[str]
) -> None:
    folder = tmp_path / "html"
    code, _, err = run(capsys, "memo", DECIDED, DRAFT, "-o", str(folder), "--format", "html",
                       "--date", "2026-12-01", *library)  # fmt: skip
    assert code == 0, err
    assert sorted(files(folder)) == [f"{DECIDED}.html", f"{DRAFT}.html"]
    single = tmp_path / "one.html"
    assert run(capsys, "memo", DECIDED, "-o", str(single), *library)[0] == 0
    assert (folder / f"{DECIDED}.html").read_bytes() == single.read_bytes()
