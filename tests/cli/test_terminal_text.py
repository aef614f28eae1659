"""Text from a library reaches the terminal as text: no escape sequence in it runs (issue 18).

An imported case titled ``"\\x1b[2J\\x1b[31mAPPROVED"`` must not clear the member's terminal or
show a red verdict Council Desk never gave, and a right-to-left override must not reorder what
a line says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.cli import main
from council_app.cli.terminal import CONTROLS, json_visible, visible
from council_app.library import CaseLibrary, import_document
from council_app.library.exchange import ExchangeDocument
from tests.factories import make_case

HOSTILE_TITLE = "\x1b[2J\x1b[31mAPPROVED\x1b[0m \u202edecnuonna\u202c \x9b2J\r\x07"
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def _is_control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F or char in BIDI


@given(st.text())
def test_visible_leaves_no_control_character_but_line_breaks_and_tabs(text: str) -> None:
    shown = visible(text)
    assert not [c for c in shown if _is_control(c)]
    assert shown.count("\n") == text.count("\n")
    assert shown.count("\t") == text.count("\t")


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI)))
def test_visible_is_the_identity_on_ordinary_text(text: str) -> None:
    assert visible(text) == text
    assert visible(text + "\n\t" + text) == text + "\n\t" + text


@given(st.text())
def test_json_output_keeps_its_values_and_shows_no_control(text: str) -> None:
    dumped = json_visible(json.dumps({"title": text}, ensure_ascii=False))
    assert not [c for c in dumped if _is_control(c) and c not in "\n\t"]
    assert json.loads(dumped) == {"title": text}


def test_the_controls_are_named_as_escapes() -> None:
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("\u202e") == "\\u202e"
    assert visible("\x9b") == "\\x9b"
    assert {chr(c) for c in range(0x110000) if _is_control(chr(c))} == CONTROLS


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.sqlite"
    case = make_case("EVIL-2025-001", title=HOSTILE_TITLE, summary=f"Summary {HOSTILE_TITLE}")
    with CaseLibrary.open(path) as library:
        import_document(library, ExchangeDocument("council-case", (case,), "evil.json"))
    with CaseLibrary.open(path, readonly=True) as library:
        assert library.get_case("EVIL-2025-001").title == HOSTILE_TITLE  # stored as given
    return path


COMMANDS = {
    "list": ["list"],
    "show": ["show", "EVIL-2025-001"],
    "search": ["search", "Summary"],
    "precedents": ["precedents", "EVIL-2025-001"],
    "log": ["log"],
    "list --json": ["list", "--json"],
    "show --json": ["show", "EVIL-2025-001", "--json"],
}


@pytest.mark.parametrize("argv", COMMANDS.values(), ids=COMMANDS.keys())
def test_commands_print_no_terminal_control_from_a_case(
    capsys: pytest.CaptureFixture[str], hostile_library: Path, argv: list[str]
) -> None:
    code = main([*argv, "--library", str(hostile_library)])
    out, err = capsys.readouterr()
    assert code == 0, err
    for stream in (out, err):
        assert "\x1b" not in stream
        assert not [c for c in stream if _is_control(c)], stream
    if "--json" not in argv and argv[0] in ("list", "show", "search"):
        assert "\\x1b[2J\\x1b[31mAPPROVED" in out  # shown, as what it is


def test_a_refusal_naming_library_text_shows_no_control(
    capsys: pytest.CaptureFixture[str], hostile_library: Path
) -> None:
    code = main(["show", "\x1b[2Jnothing", "--library", str(hostile_library)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "\x1b" not in err
