"""``conditions``, ``condition`` and the conditions of ``session decide``, on the demo library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app import paths
from council_app.cli import main

TODAY = "2026-12-03"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_conditions_not_kept_are_listed_with_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "conditions", "--overdue", "--today", TODAY, "--json")
    assert code == 0, err
    listed = {(c["case"], c["number"]): c for c in json.loads(out)}
    breached = listed[("EUC-2025-055", 2)]
    assert breached["status"] == "breached" and breached["kind"] == "before_launch"
    assert breached["calls_review"] is True
    assert breached["evidence"][0]["file_name"] == "evermore-incident-note.txt"
    lapsed = listed[("EUC-2023-085", 1)]
    assert lapsed["lapses_deferral"] is True and lapsed["status"] == "overdue"
    assert all(c["status"] in ("overdue", "breached") for c in listed.values())

    code, out, _ = run(capsys, "due", "--today", TODAY)
    assert "The deferral lapsed on 22 December 2023" in out
    assert "Breached on 16 March 2026 by Hannah Brennan" in out


def test_a_condition_is_met_with_evidence_and_check_keeps_the_file_honest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    letter = tmp_path / "licence-check.txt"
    letter.write_text("Watchlist limit of 10 enforced in licence 4711.\n", encoding="utf-8")
    code, out, err = run(
        capsys, "condition", "EUC-2025-033", "2", "--status", "met", "--note", "Licence checked",
        "--evidence", str(letter), "--evidence-note", "The platform team's letter.",
        "--evidence-class", "council", "--date", TODAY, "--by", "Priya Raman",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        "EUC-2025-033 condition 2: Met. Met on 3 December 2026 by Priya Raman: Licence checked.",
        "Evidence recorded (1 in all).",
    ]
    code, out, _ = run(capsys, "conditions", "--case", "EUC-2025-033", "--today", TODAY)
    assert "EUC-2025-033 #2  Met" in out
    assert (
        "Evidence (2026-12-03): licence-check.txt: The platform team's letter. [Council only]"
        in out
    )
    code, out, _ = run(capsys, "conditions", "--case", "EUC-2025-033", "--json")
    (listed,) = [c for c in json.loads(out) if c["number"] == 2]
    assert [e["confidentiality"] for e in listed["evidence"]] == ["council"]
    code, out, _ = run(capsys, "show", "EUC-2025-033")
    assert "Evidence: licence-check.txt (48 bytes, SHA-256" in out
    code, out, err = run(capsys, "check")
    assert code == 0, err
    assert "Evidence files checked against their SHA-256: 4; all match." in out

    conn = sqlite3.connect(paths.default_library_path())
    conn.execute("UPDATE evidence_files SET content = CAST('Limit of 50.' AS BLOB) WHERE size = 48")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check")
    assert code == 1
    assert "has changed since it was stored" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["EUC-2025-033", "2", "--status", "waived"], "waived only with a reason"),
        (["EUC-2025-033", "9", "--status", "met"], "there is no condition 9"),
        (["NOPE-1", "1", "--status", "met"], "No case with id 'NOPE-1'"),
        (["EUC-2025-033", "2"], "Say what to record"),
    ],
)
def test_a_condition_update_that_cannot_be_made_says_why_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    before = run(capsys, "conditions", "--case", "EUC-2025-033", "--json", "--today", TODAY)[1]
    code, _, err = run(capsys, "condition", *argv)
    assert code == 1 and words in err
    assert "Traceback" not in err
    after = run(capsys, "conditions", "--case", "EUC-2025-033", "--json", "--today", TODAY)[1]
    assert after == before


def test_session_decide_takes_each_conditions_owner_kind_due_and_recurrence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "session", "new", "--date", TODAY, "--title", "December sitting")[0] == 0
    assert run(capsys, "session", "add", "1", "EUC-2026-090")[0] == 0
    assert run(capsys, "session", "open", "1")[0] == 0
    for member in ("Hannah Brennan", "Priya Raman", "Jonas Lindqvist", "Amara Okafor"):
        code, _, err = run(
            capsys, "session", "vote", "1", "EUC-2026-090", member, "approve_with_conditions"
        )
        assert code == 0, err
    decide = [
        "session", "decide", "1", "EUC-2026-090", "approve_with_conditions",
        "--departure", "The council decides on what it has.",
        "--condition", "No health inferences are drawn.", "--owner", "Customer legal",
        "--due", "2027-03-01",
        "--condition", "Quarterly report of requests refused.", "--kind", "report_due",
        "--every", "3", "--owner", "Trust and Safety",
    ]  # fmt: skip
    code, out, err = run(capsys, *decide)
    assert code == 0, err
    code, out, _ = run(capsys, "conditions", "--case", "EUC-2026-090", "--json", "--today", TODAY)
    listed = json.loads(out)
    assert [(c["text"], c["kind"], c["owner"], c["due"], c["every_months"]) for c in listed] == [
        ("No health inferences are drawn.", "before_launch", "Customer legal", "2027-03-01", None),
        (
            "Quarterly report of requests refused.",
            "report_due",
            "Trust and Safety",
            "2027-03-03",
            3,
        ),
    ]
    minutes = tmp_path / "minutes.pdf"
    assert run(capsys, "session", "minutes", "1", "-o", str(minutes))[0] == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(minutes).pages)
    assert (
        "Before launch · Owner: Customer legal · Due: 2027-03-01 · Open; due on 1 March 2027."
        in text
    )
    assert "Report due · Owner: Trust and Safety · Due: not set · every 3 months" in text


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--owner", "Legal"], "give --condition TEXT first"),
        (["--condition", "A", "--due", "2027-01-01", "--due", "2027-02-01"], "given twice"),
    ],
)
def test_a_condition_option_out_of_place_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], extra: list[str], words: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["session", "decide", "1", "EUC-2026-090", "approve", *extra])
    assert stopped.value.code == 2
    assert words in capsys.readouterr().err


def test_a_condition_of_a_kind_the_framework_lacks_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "session", "new", "--date", TODAY, "--title", "December sitting")
    run(capsys, "session", "add", "1", "EUC-2026-090")
    run(capsys, "session", "open", "1")
    for member in ("Hannah Brennan", "Priya Raman", "Jonas Lindqvist", "Amara Okafor"):
        run(capsys, "session", "vote", "1", "EUC-2026-090", member, "approve_with_conditions")
    code, _, err = run(
        capsys, "session", "decide", "1", "EUC-2026-090", "approve_with_conditions",
        "--departure", "x", "--condition", "Audit.", "--kind", "someday",
    )  # fmt: skip
    assert code == 1
    assert "condition 1 is of kind 'someday', which is not a condition kind" in err
    code, out, _ = run(capsys, "show", "EUC-2026-090", "--json")
    assert "decision" not in json.loads(out)["case"]


def test_a_lapsed_deferral_is_proposed_for_the_next_sitting_until_it_is_on_an_agenda(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "session", "new", "--date", TODAY, "--title", "December sitting")
    assert code == 0
    assert (
        "EUC-2023-085 comes back to the agenda: its deferral lapsed on 22 December 2023. "
        "Add it with: council-app session add 1 EUC-2023-085"
    ) in out
    assert run(capsys, "session", "add", "1", "EUC-2023-085")[0] == 0
    code, out, _ = run(capsys, "session", "new", "--date", "2026-12-17", "--title", "Extra")
    assert "comes back to the agenda" not in out
