"""The council's work from the command line: case packages, sittings, re-review, watch list."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.cli import main
from council_app.library import CaseLibrary, import_document, parse_document
from council_app.library.exchange import case_document
from tests.factories import make_case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_package_travels_from_a_members_laptop_to_the_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session_file, laptop_file = tmp_path / "session.sqlite", tmp_path / "laptop.sqlite"
    base = make_case("CASE-1", assessments=(), decision=None, status="in_review")
    for path in (session_file, laptop_file):
        with CaseLibrary.open(path) as library:
            import_document(library, parse_document(json.dumps(case_document(base))))
    with CaseLibrary.open(laptop_file) as laptop:
        prepared = make_case("CASE-1", decision=None, status="in_review").assessments[0]

        laptop.save_case(replace(laptop.get_case("CASE-1"), assessments=(prepared,)))

    package = tmp_path / "priya.councilcase"
    code, _, err = run(
        capsys, "export", "CASE-1", "--member", "Priya Raman", "-o", str(package),
        "--library", str(laptop_file),
    )  # fmt: skip
    assert code == 0, err
    manifest = json.loads(package.read_text())["manifest"]
    assert (manifest["case_id"], manifest["member"]) == ("CASE-1", "Priya Raman")

    code, out, err = run(capsys, "import", str(package), "--library", str(session_file))
    assert code == 0, err
    assert "Priya Raman" in out
    with CaseLibrary.open(session_file) as session:
        assert [a.member for a in session.get_case("CASE-1").assessments] == ["Priya Raman"]

    # One byte changed on the way: refused, and the session library is as it was.
    data = package.read_bytes()
    tampered = tmp_path / "tampered.councilcase"
    tampered.write_bytes(data.replace(b"Visited the control room.", b"Visited the control ROOM."))
    with CaseLibrary.open(session_file) as session:
        before = list(session.db.conn.iterdump())
    code, _, err = run(capsys, "import", str(tampered), "--library", str(session_file))
    assert code == 1
    assert "does not match its checksum" in err
    with CaseLibrary.open(session_file) as session:
        assert list(session.db.conn.iterdump()) == before


def test_a_package_needs_a_member_who_assessed_the_case(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "export",
        "EUC-2026-090",
        "--member",
        "Nobody",
        "-o",
        str(tmp_path / "x.councilcase"),
    )
    assert code == 1
    assert "Nobody has not assessed EUC-2026-090" in err
    assert not (tmp_path / "x.councilcase").exists()


def test_a_sitting_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "session", "new", "--date", "2026-12-03", "--title", "December")
    assert code == 0
    assert "Present: Amara Okafor" in out
    assert run(capsys, "session", "add", "1", "EUC-2026-090", "--minutes", "20")[0] == 0
    code, _, err = run(
        capsys, "session", "attend", "1", "--absent", "Zofia Nowak", "Yusuf Demir",
        "Mateo García", "Priya Raman",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "session", "vote", "1", "EUC-2026-090", "Hannah Brennan", "decline")
    assert code == 1
    assert "still planned; open it before votes are recorded" in err
    code, out, _ = run(capsys, "session", "open", "1")
    assert code == 0 and "Sitting 1 is open" in out
    code, _, err = run(capsys, "session", "vote", "1", "EUC-2026-090", "Hannah Brennan", "decline")
    assert code == 1
    assert "No vote is recorded for EUC-2026-090. No quorum: 4 of 8" in err
    run(capsys, "session", "attend", "1", "--present", "Priya Raman")
    code, _, err = run(
        capsys, "session", "recuse", "1", "EUC-2026-090", "Amara Okafor", "--reason", "advised them"
    )
    assert code == 0, err
    for member, vote in [
        ("Hannah Brennan", "decline"),
        ("Priya Raman", "restrict"),
        ("Jonas Lindqvist", "decline"),
    ]:
        code, out, err = run(capsys, "session", "vote", "1", "EUC-2026-090", member, vote)
        assert code == 0, err
    assert "Tally: Decline 2, Restrict 1; most votes: Decline." in out
    code, out, _ = run(capsys, "session", "show", "1")
    assert "Vote: Decline carried the vote: 2 of 3 votes cast (a simple majority needs 2)." in out
    code, out, _ = run(capsys, "session", "show", "1", "--json")
    shown = json.loads(out)
    assert shown["agenda"][0]["recused"] == ["Amara Okafor"]
    assert shown["agenda"][0]["quorum"].startswith("Quorum: 4 of 7")

    decide = [
        "session", "decide", "1", "EUC-2026-090", "decline",
        "--rationale", "Health inferences", "--dissent", "Priya Raman=Restrict would do",
    ]  # fmt: skip
    code, out, err = run(capsys, *decide)
    assert code == 1  # a draft still being rated: the framework recommends deferring
    assert "Ratings are missing" in err and "recorded only with the reason" in err
    code, out, err = run(
        capsys, *decide, "--departure", "The use is unlawful whatever the missing ratings say."
    )
    assert code == 0, err
    assert "Decided: EUC-2026-090 — Decline, with 3 votes; review by 2028-12-03." in out
    code, out, _ = run(capsys, "show", "EUC-2026-090", "--json")
    decision = json.loads(out)["case"]["decision"]
    assert decision["votes"] == [
        {"member": "Hannah Brennan", "vote": "decline"},
        {"member": "Priya Raman", "vote": "restrict"},
        {"member": "Jonas Lindqvist", "vote": "decline"},
    ]

    minutes = tmp_path / "minutes.pdf"
    code, _, err = run(capsys, "session", "minutes", "1", "-o", str(minutes))
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(minutes).pages)
    assert "Recused: Amara Okafor (advised them)" in text
    assert "Restrict would do" in text
    assert run(capsys, "session", "close", "1")[0] == 0
    code, _, err = run(capsys, "session", "vote", "1", "EUC-2026-090", "Hannah Brennan", "approve")
    assert code == 1 and "closed" in err


def test_due_review_and_watch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--today", "2026-11-27", "--json")
    assert code == 0
    due = {item["id"]: item for item in json.loads(out)}
    assert due, "the demo library has decisions due for review"
    first = next(iter(due.values()))
    assert first["reasons"]

    code, out, err = run(
        capsys, "watch", "add", "--region", "fr", "--note", "elections announced",
        "--date", "2026-11-20",
    )  # fmt: skip
    assert code == 0, err
    assert "Watching region FR (entry 1)" in out
    flagged = out.split("Cases flagged for re-review: ")[1].strip().split(", ")
    assert flagged and flagged != ["none"]
    code, out, _ = run(capsys, "due", "--today", "2026-11-27", "--json")
    reasons = {item["id"]: item["reasons"] for item in json.loads(out)}
    for case_id in flagged:
        assert "Watch list, region FR (20 November 2026): elections announced" in reasons[case_id]

    target = flagged[0]
    code, out, err = run(
        capsys, "review", target, "--date", "2026-11-27", "--next", "2027-11-27",
        "--note", "Checked against the election calendar.",
    )  # fmt: skip
    assert code == 0, err
    assert "stands; next review by 2027-11-27" in out
    code, out, _ = run(capsys, "due", "--today", "2026-11-27", "--json")
    assert target not in {item["id"] for item in json.loads(out)}
    code, out, _ = run(capsys, "show", target)
    assert (
        "Reviewed 27 November 2026, the decision stands: Checked against the election calendar."
        in out
    )

    assert run(capsys, "watch", "close", "1")[0] == 0
    code, out, _ = run(capsys, "watch", "list")
    assert out.strip() == "The watch list is empty."
    code, _, err = run(capsys, "review", "EUC-2026-090", "--next", "2027-01-01")
    assert code == 1 and "has no decision to review" in err


def test_a_watch_entry_with_an_event_date_brings_reviews_forward(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "watch", "add", "--region", "fr", "--note", "snap elections",
        "--date", "2026-11-20", "--event-date", "2026-12-14",
    )  # fmt: skip
    assert code == 0, err
    flagged = out.split("Cases flagged for re-review: ")[1].strip().split(", ")
    code, out, _ = run(capsys, "watch", "list", "--json")
    assert json.loads(out)[0]["event_on"] == "2026-12-14"
    code, out, _ = run(capsys, "due", "--today", "2026-11-27", "--within", "30", "--json")
    due = {item["id"]: item for item in json.loads(out)}
    for case_id in flagged:
        assert due[case_id]["kind"] in ("due", "overdue")
        assert (
            "Watch list, region FR (20 November 2026; event on 14 December 2026): snap elections. "
            "Review brought forward to before the event." in due[case_id]["reasons"]
        )
