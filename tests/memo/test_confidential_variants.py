"""Every document made from a case holds no text above its audience's class, and says so.

The crafted case carries a fact, a stakeholder's input, a rationale, notes and evidence at every
class (and unmarked, taking the framework's default), each marked by its own word; a precedent
shares the words of the guarded ones, so that a reason "Shares the terms …" would carry them.
Each variant is read back as its reader gets it: the PDF's text and metadata, the HTML, the
published database.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from council_app.case import Case, Decision
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.confidentiality import class_of
from council_app.library.publish import TABLES, publish
from council_app.memo import minutes_for_date, prepare_memo, render_memo, render_minutes
from council_app.memo.html import render_memo_html
from council_app.precedent import precedent_findings
from council_app.vocabulary import may_see
from tests.factories import MARKED, confidential_case, secret
from tests.memo.test_external_redaction import SETTINGS, pdf_text

GUARDED = [w for w, kind, level in MARKED if level in ("council", "privileged")]


def _words(text: str) -> set[str]:
    return set(re.findall(r"zq[a-z]+", text))


def _above(audience: str, framework: Framework) -> set[str]:
    return {
        w for w, kind, level in MARKED if not may_see(audience, class_of(level, kind, framework))
    }


@pytest.fixture
def crafted(library: CaseLibrary) -> CaseLibrary:
    # A precedent decided first whose own text holds every guarded word: the ranking finds the
    # terms the two cases share, and must not give those as its reason in any document.
    library.save_case(
        Case(
            id="TST-2024-010",
            title="Ferry terminal",
            product="Vision AI",
            status="decided",
            use_case=" ".join(GUARDED),
            decision=Decision(outcome="approve", date=date(2024, 6, 1)),
        )
    )
    library.save_case(confidential_case())
    return library


def test_the_ranking_sees_the_guarded_words_the_documents_must_not(
    crafted: CaseLibrary, framework: Framework
) -> None:
    case = crafted.get_case("TST-2025-070")
    memo = prepare_memo(crafted, framework, case)
    found = precedent_findings(crafted, framework, case, memo.score, top=5)
    shared = {t for p in found.search.precedents for t in p.shared_terms}
    assert shared & set(GUARDED), shared  # the council's own view has them: the test can fail


@pytest.mark.parametrize("variant", ["internal", "external"])
def test_no_memo_holds_text_above_its_class(
    crafted: CaseLibrary, framework: Framework, variant: str
) -> None:
    audience = {"internal": "internal", "external": "public"}[variant]
    memo = prepare_memo(crafted, framework, crafted.get_case("TST-2025-070"))
    pdf = pdf_text(render_memo(memo, variant=variant))  # type: ignore[arg-type]
    html = render_memo_html(memo, variant=variant)  # type: ignore[arg-type]
    above = _above(audience, framework)
    for text in (pdf, html.decode("utf-8")):
        assert not _words(text) & above, sorted(_words(text) & above)
        flat = " ".join(text.split())
        assert "Left out of this version:" in flat
    flat = " ".join(pdf.split())
    # What this version may show, it shows: the public fact, the public input, the public reason.
    assert secret("facts", "public") in flat and secret("stakeholder_input", "public") in flat
    assert secret("rationales", "public") in flat
    assert "Left out of this version (legally privileged)." in flat  # the council's reasons
    if variant == "internal":
        # An internal item is shown, and marked so that it is not passed beyond the company.
        assert secret("facts", "internal") in flat and "[Internal]" in flat
    assert "1 item of stakeholder input (legally privileged)" in flat


@pytest.mark.parametrize("variant", ["internal", "external"])
def test_no_minutes_hold_text_above_their_class(
    crafted: CaseLibrary, framework: Framework, variant: str
) -> None:
    audience = {"internal": "internal", "external": "public"}[variant]
    minutes = minutes_for_date(crafted, date(2025, 3, 14), SETTINGS, framework)
    text = pdf_text(render_minutes(minutes, variant=variant))  # type: ignore[arg-type]
    above = _above(audience, framework)
    assert not _words(text) & above, sorted(_words(text) & above)
    flat = " ".join(text.split())
    assert "Left out of this version (legally privileged)." in flat
    assert "attachment" in flat and "Left out of this version:" in flat


def test_the_published_library_holds_nothing_above_public(
    crafted: CaseLibrary, framework: Framework, tmp_path: Path
) -> None:
    out = tmp_path / "decisions.sqlite"
    publish(crafted, out)
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    # The crafted case's rows, in every table (the precedent's own text is its own, and public).
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    text = "\n".join(
        str(value)
        for table in tables
        if table in TABLES
        for row in db.execute(
            f"SELECT * FROM [{table}] WHERE {'id' if table == 'cases' else 'case_id'} = ?",
            ["TST-2025-070"],
        )
        for value in row
    )
    facts = db.execute("SELECT text FROM facts WHERE case_id = 'TST-2025-070'").fetchall()
    left_out = db.execute("SELECT left_out FROM cases WHERE id = 'TST-2025-070'").fetchone()[0]
    db.close()
    assert not _words(text) & _above("public", framework)
    assert facts == [(f"Fact {secret('facts', 'public')} known.",)]
    assert "1 item of stakeholder input (legally privileged)" in left_out


def test_the_demo_keeps_counsels_view_and_the_party_inside_the_council(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    """What a new user meets: the privileged view of sanctions counsel and the party behind a
    campaign are in the council's record and in no memo, and each memo says something went."""
    carpets = demo_library.get_case("EUC-2023-085")
    campaign = demo_library.get_case("EUC-2026-083")
    assert any(s.confidentiality == "privileged" for s in carpets.stakeholder_input)
    assert [f.confidentiality for f in campaign.facts] == ["council", "internal", "public"]
    for case, secret_words, said in (
        (carpets, "prohibited facilitation", "1 item of stakeholder input (legally privileged)"),
        (campaign, "Mouvement des Territoires", "1 fact (council only)"),
    ):
        memo = prepare_memo(demo_library, framework, case)
        for variant in ("internal", "external"):
            text = " ".join(pdf_text(render_memo(memo, variant=variant)).split())  # type: ignore[arg-type]
            assert secret_words not in text, (case.id, variant)
            assert said in text, (case.id, variant)
    internal = " ".join(
        pdf_text(render_memo(prepare_memo(demo_library, framework, campaign))).split()
    )
    external = " ".join(
        pdf_text(
            render_memo(prepare_memo(demo_library, framework, campaign), variant="external")
        ).split()
    )
    assert "14,000 of the petition contacts" in internal and "[Internal]" in internal
    assert "14,000 of the petition contacts" not in external
    assert "two municipal campaigns" in external
