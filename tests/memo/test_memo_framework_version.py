"""A memo reads a case under the framework it was made under, and says so when another is in force."""

from __future__ import annotations

from pathlib import Path

from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.memo import prepare_memo, render_memo
from council_app.memo.html import render_memo_html
from tests.agreement import pdf_text
from tests.cli.test_framework_commands import revised
from tests.factories import make_case


def test_a_decided_case_is_memod_in_its_own_terms_after_a_new_framework(tmp_path: Path) -> None:
    with CaseLibrary.open(tmp_path / "lib.sqlite") as library:
        library.save_case(make_case("EUC-1"))
        case = library.get_case("EUC-1")
        before = prepare_memo(library, fw.case_framework(library, case), case)
        assert before.framework_note == ""
        assert "the framework in force is" not in pdf_text(render_memo(before))

        text = revised(tmp_path).read_text(encoding="utf-8")
        fw.adopt(library, text, note="Tighter bands", source="2027.1.toml")
        memo = prepare_memo(library, fw.case_framework(library, case), case)
        assert memo.framework.version == "2026.1"
        assert memo.framework.scoring.bands[0].below == 25
        note = "Decided under framework 2026.1; the framework in force is 2027.1."
        assert memo.framework_note == note
        assert note in " ".join(pdf_text(render_memo(memo)).split())
        assert note in render_memo_html(memo).decode("utf-8")
        assert memo.fingerprint != before.fingerprint
