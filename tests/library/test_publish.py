"""The published library: decided cases only, no personal data, searchable, served by Datasette."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from council_app.cli import main
from council_app.library import CaseLibrary
from council_app.library.personal_data import known_people
from tests.leaks import leaks
from tests.memo.test_external_redaction import crafted


def publish(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> tuple[int, str]:
    code = main(["--library", str(library), "publish", *argv])
    return code, capsys.readouterr().err


def every_value(path: Path) -> list[str]:
    """Every value of every column of every table, full-text index included."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    values = [str(v) for t in tables for row in db.execute(f"SELECT * FROM [{t}]") for v in row]
    db.close()
    return values


async def serve(path: Path, metadata: Path, *urls: str) -> list[Any]:
    ds = Datasette(immutables=[str(path)], metadata=json.loads(metadata.read_text()))
    await ds.invoke_startup()
    out = []
    for url in urls:
        response = await ds.client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        out.append(response.json())
    return out


def test_published_library_is_searchable_in_datasette_and_names_nobody(
    demo_library: CaseLibrary, library_path: Path, tmp_path: Path, capsys
) -> None:
    case = crafted(demo_library)  # names members every way, with e-mails and phone numbers
    out = tmp_path / "shared" / "decisions.sqlite"
    code, err = publish(capsys, library_path, "-o", str(out))
    assert code == 0, err
    assert "datasette serve --immutable" in err
    metadata = out.with_suffix(".json")
    decided = {
        r[0]
        for r in demo_library.db.execute(
            "SELECT c.id FROM cases c JOIN decisions d ON d.case_id = c.id "
            "WHERE c.status = 'decided'"
        )
    }
    assert case.id in decided

    cases, search, due, facets = asyncio.run(
        serve(
            out,
            metadata,
            "/decisions/cases.json?_shape=objects&_size=max",
            "/decisions/cases.json?_search=refugees&_shape=objects",
            "/decisions/decisions_due_for_review.json?_shape=objects",
            "/decisions/cases.json?_size=0",
        )
    )
    assert {row["id"] for row in cases["rows"]} == decided  # real rows, decided cases only
    assert "EUC-2025-011" in {row["id"] for row in search["rows"]}
    assert all(row["review_by"] for row in due["rows"])
    assert {"outcome", "product", "regions"} <= set(facets["facet_results"])

    text = "\n".join([*every_value(out), metadata.read_text()])
    assert leaks(text, known_people(demo_library)) == []
    assert "Station analytics Member" in text  # the crafted title, redacted


def test_the_published_file_is_read_only(
    demo_library: CaseLibrary, library_path: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "decisions.sqlite"
    assert publish(capsys, library_path, "-o", str(out))[0] == 0
    assert not out.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    out.chmod(0o644)  # even with write permission given back, every table refuses writes
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    for sql in (
        "UPDATE cases SET title = 'x'",
        "DELETE FROM votes",
        "INSERT INTO dissents (case_id, member, text) VALUES ('x', 'Zofia Nowak', 'x')",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="read-only"):
            db.execute(sql)
    db.close()


def test_publish_keeps_files_already_there_unless_forced(
    demo_library: CaseLibrary, library_path: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "decisions.sqlite"
    meta = tmp_path / "served" / "meta.json"
    meta.parent.mkdir()
    meta.write_text("{}")
    code, err = publish(capsys, library_path, "-o", str(out), "--metadata", str(meta))
    assert code != 0 and "already exists" in err and "Traceback" not in err
    assert not out.exists() and meta.read_text() == "{}"
    assert publish(capsys, library_path, "-o", str(out), "--metadata", str(meta), "--force")[0] == 0
    before = out.stat().st_mtime_ns
    assert json.loads(meta.read_text())["databases"]["decisions"]["queries"]
    assert publish(capsys, library_path, "-o", str(out), "--metadata", str(meta), "--force")[0] == 0
    assert out.stat().st_mtime_ns >= before


def test_the_published_conditions_say_their_kind_and_last_recorded_status(
    demo_library: CaseLibrary, library_path: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "decisions.sqlite"
    code, err = publish(capsys, library_path, "-o", str(out))
    assert code == 0, err
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    rows = {
        (case, position): rest
        for case, position, *rest in db.execute(
            "SELECT case_id, position, kind, every_months, status, status_on, evidence "
            "FROM conditions"
        )
    }
    left_out = dict(db.execute("SELECT id, left_out FROM cases"))
    db.close()
    # Its one piece of evidence is internal (the framework's default for attachments): a public
    # copy leaves it out whole, counts none, and the case says what went.
    assert rows[("EUC-2025-055", 2)] == ["before_launch", None, "breached", "2026-03-16", 0]
    assert left_out["EUC-2025-055"] == (
        "Left out of this version: 3 members' notes (council only); 1 attachment (internal)."
    )
    assert rows[("EUC-2025-011", 1)][:3] == ["report_due", 1, "met"]
    assert rows[("EUC-2023-085", 1)] == ["information_request", None, "open", None, 0]
