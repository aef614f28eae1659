"""``council-app member``: a member's kind and register of declared interests, from the command
line; bad input is refused in one sentence and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from council_app.cli import main
from council_app.library import CaseLibrary
from council_app.library.members import Member, save_members


@pytest.fixture
def lib(tmp_path: Path) -> list[str]:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        save_members(library, [Member("Mateo García", "VP Public Sector Sales"), Member("Ana")])
    return ["--library", str(path)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored(lib: list[str]) -> list[tuple[object, ...]]:
    with CaseLibrary.open(Path(lib[1])) as library:
        return list(
            library.db.execute("SELECT member, kind, text, withdrawn_on FROM member_interests")
        )


def test_a_member_declares_lists_and_withdraws_interests(
    capsys: pytest.CaptureFixture[str], lib: list[str]
) -> None:
    code, out, err = run(
        capsys, "member", "interests", "Mateo García", "--add", "sales lead for the public sector",
        "--kind", "role", "--date", "2026-01-10", *lib,
    )  # fmt: skip
    assert code == 0, err
    assert out == (
        "Declared: Mateo García's interest 1. role: sales lead for the public sector "
        "(declared 2026-01-10)\n"
    )
    run(capsys, "member", "interests", "Mateo García", "--add", "EU", "--kind", "REGION", *lib)
    code, out, _ = run(capsys, "member", "interests", "Mateo García", *lib)
    assert code == 0
    assert out.splitlines()[0] == "1. role: sales lead for the public sector (declared 2026-01-10)"
    assert out.splitlines()[1].startswith("2. region: EU (declared ")
    code, out, _ = run(
        capsys, "member", "interests", "Mateo García", "--withdraw", "1", "--date", "2026-05-01",
        *lib,
    )  # fmt: skip
    assert code == 0
    assert "withdrawn 2026-05-01" in out
    code, out, _ = run(capsys, "member", "interests", "Mateo García", "--json", *lib)
    listed = json.loads(out)
    assert [(i["number"], i["kind"], i["withdrawn_on"]) for i in listed] == [
        (1, "role", "2026-05-01"),
        (2, "region", None),
    ]
    assert stored(lib)[0] == (
        "Mateo García",
        "role",
        "sales lead for the public sector",
        "2026-05-01",
    )
    code, out, _ = run(capsys, "member", "interests", "Ana", *lib)
    assert out == "Ana has declared no interests.\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Nobody", "--add", "x", "--kind", "role"], "Nobody is not a member of the council."),
        (["Ana", "--add", "x", "--kind", "hobby"], "An interest is of one of these kinds"),
        (["Ana", "--add", "  ", "--kind", "sector"], "An interest needs words saying what it is."),
        (["Ana", "--add", "Vision AI"], "Say what kind of interest it is with --kind"),
        (["Ana", "--withdraw", "3"], "Ana has no interest number 3"),
    ],
)
def test_bad_input_is_refused_in_a_sentence_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], lib: list[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "member", "interests", *argv, *lib)
    assert code == 1
    assert err.startswith(f"council-app: {message}")
    assert err.count("\n") == 1
    assert stored(lib) == []


def test_a_member_kind_is_set_and_listed(
    capsys: pytest.CaptureFixture[str], lib: list[str]
) -> None:
    code, out, _ = run(capsys, "member", "kind", "Ana", "External", *lib)
    assert (code, out) == (0, "Ana: external.\n")
    code, out, _ = run(capsys, "member", "list", *lib)
    assert "Ana [external] — no role" in out
    code, out, err = run(capsys, "member", "kind", "Nobody", "external", *lib)
    assert code == 1 and "Nobody is not a member of the council." in err
