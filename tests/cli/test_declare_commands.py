"""``council-app session declare`` and ``session show``: members whose interests touch a case on
the agenda are flagged with the match, and what they declare is recorded."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from council_app.cli import main
from council_app.council import sessions as s
from council_app.library import CaseLibrary
from council_app.library.interests import add_interest
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
        save_members(library, [Member("Ana", "Chair"), Member("Ben"), Member("Mateo García")])
        add_interest(
            library, "Mateo García", "role", "sales lead for the public sector",
            declared_on=date(2026, 1, 10),
        )  # fmt: skip
        library.save_case(
            make_case("GOV-1", sector="public sector", decision=None, status="in_review")
        )
        session_id = s.create_session(library, "December sitting", date(2026, 12, 3))
        s.add_to_agenda(library, session_id, "GOV-1")
        s.set_status(library, session_id, "open")
    return ["--library", str(path)]


def test_show_flags_the_member_and_declare_records_a_recusal(
    capsys: pytest.CaptureFixture[str], lib: list[str]
) -> None:
    code, out, err = run(capsys, "session", "show", "1", *lib)
    assert code == 0, err
    assert (
        '   Interest: Mateo García: role "sales lead for the public sector" matches the sector '
        '"public sector" — not yet declared'
    ) in out.splitlines()
    code, out, err = run(
        capsys, "session", "declare", "1", "GOV-1", "Mateo García", "--outcome", "recused",
        "--note", "sells to the customer", *lib,
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        "Declared on GOV-1: Mateo García: recused (sells to the customer).",
        "Mateo García stands aside on GOV-1.",
        "Quorum: 2 of 2 voting members present (Mateo García recused); 2 needed (a majority of "
        "the voting members).",
    ]
    code, out, _ = run(capsys, "session", "show", "1", *lib)
    assert "— declared recused" in out
    assert "   Declared: Mateo García: recused (sells to the customer)" in out.splitlines()
    assert "   Recused: Mateo García" in out.splitlines()
    code, out, _ = run(capsys, "session", "show", "1", "--json", *lib)
    [item] = json.loads(out)["agenda"]
    assert item["flags"] == [
        {"member": "Mateo García", "declared": "recused",
         "matches": [{"interest": "sales lead for the public sector", "kind": "role",
                      "field": "sector", "value": "public sector"}]},
    ]  # fmt: skip
    assert item["declarations"] == [
        {"member": "Mateo García", "outcome": "recused", "note": "sells to the customer"}
    ]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["Ana", "--outcome", "managed"], 1, "A managed conflict needs a note saying how"),
        (["Nobody", "--outcome", "no_conflict"], 1, "Nobody is not a member of the council."),
        (["Ana", "--outcome", "maybe"], 2, "invalid choice: 'maybe'"),
    ],
)
def test_a_bad_declaration_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], lib: list[str], argv: list[str], code: int, message: str
) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as usage:
            main(["session", "declare", "1", "GOV-1", *argv, *lib])
        assert usage.value.code == 2
        assert message in capsys.readouterr().err
    else:
        got, _, err = run(capsys, "session", "declare", "1", "GOV-1", *argv, *lib)
        assert got == 1 and message in err
    with CaseLibrary.open(Path(lib[1])) as library:
        assert list(library.db.execute("SELECT * FROM session_declarations")) == []
        assert list(library.db.execute("SELECT * FROM recusals")) == []
