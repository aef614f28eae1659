"""``council-app session quorum --require 1:external``: no quorum without a member of a kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from council_app.cli import main
from council_app.council import sessions as s
from council_app.library import CaseLibrary
from council_app.library.members import Member, save_members
from tests.factories import make_case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path) -> list[str]:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        save_members(library, [Member("Ana", "Chair"), Member("Ben"), Member("Zofia Nowak")])
        library.save_case(make_case("CASE-1", decision=None, status="in_review"))
        session_id = s.create_session(library, "December sitting", date(2026, 12, 3))
        s.add_to_agenda(library, session_id, "CASE-1")
        s.set_attendance(library, session_id, absent=["Zofia Nowak"])
        s.set_status(library, session_id, "open")
    return ["--library", str(path)]


def meta(lib: list[str]) -> str | None:
    with CaseLibrary.open(Path(lib[1])) as library:
        return library.meta("quorum_composition")


def test_an_external_member_is_required_and_named_when_missing(
    capsys: pytest.CaptureFixture[str], lib: list[str]
) -> None:
    code, _, err = run(capsys, "session", "quorum", "majority", "--require", "1:external", *lib)
    assert code == 1
    assert "No voting member is of the kind 'external'" in err
    assert meta(lib) is None
    run(capsys, "member", "kind", "Zofia Nowak", "external", *lib)
    code, out, err = run(capsys, "session", "quorum", "majority", "--require", "1:external", *lib)
    assert code == 0, err
    assert (
        out
        == "Quorum: majority (a majority of the voting members, with at least 1 external member).\n"
    )
    code, out, _ = run(capsys, "session", "show", "1", *lib)
    assert (
        "   No quorum: 2 of 3 voting members present; 2 needed (a majority of the voting "
        "members); at least 1 external member must be present; none is."
    ) in out.splitlines()
    code, _, err = run(capsys, "session", "vote", "1", "CASE-1", "Ana", "approve", *lib)
    assert code == 1 and "at least 1 external member must be present; none is." in err
    run(capsys, "session", "attend", "1", "--present", "Zofia Nowak", *lib)
    code, out, err = run(capsys, "session", "vote", "1", "CASE-1", "Ana", "approve", *lib)
    assert code == 0, err
    assert "at least 1 external member present (Zofia Nowak)." in out
    code, out, _ = run(capsys, "session", "quorum", "--no-require", *lib)
    assert out == "Quorum: majority (a majority of the voting members).\n"
    assert meta(lib) == ""


@pytest.mark.parametrize("argv", [["--require", "external"], ["thirds", "--require", "1:x"]])
def test_a_bad_requirement_or_rule_changes_nothing(
    capsys: pytest.CaptureFixture[str], lib: list[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, "session", "quorum", *argv, *lib)
    assert code == 1 and err.count("\n") == 1
    assert meta(lib) is None
    code, out, _ = run(capsys, "session", "quorum", *lib)
    assert out == "Quorum: majority (a majority of the voting members).\n"
