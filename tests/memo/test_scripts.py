"""Every script renders: a case written in Japanese, Chinese, Korean, Arabic and Hebrew, with
emoji, reads back from the memo and the minutes as it was written (pypdf, in logical order)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from council_app.case import (
    Assessment,
    Case,
    Condition,
    Decision,
    Dissent,
    Rating,
    StakeholderInput,
    Vote,
)
from council_app.council.settings import CouncilSettings
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import minutes_for_date, prepare_memo, render_memo, render_minutes
from council_app.memo.fonts import typefaces
from council_app.memo.scripts import plain_text, set_in_faces

SETTINGS = CouncilSettings(council_name="Meridian Ethical Use Council")

JAPANESE = "東京都の交通局が顔認証を導入する"
CHINESE = "深圳市公安局要求使用人脸识别系统"
KOREAN = "서울특별시 교통공사의 요청"
ARABIC = "تطلب شركة الاتصالات استخدام المنتج لمراقبة الشبكة في مدينة الرياض"
HEBREW = "הלקוח מבקש להשתמש במוצר לניטור רשת הטלפון בעיר תל אביב"
MIXED = "The council heard שרה כהן from the clinic today."
EMOJI = "🚀✅😀"
# A long Hebrew rationale, broken over several lines of the column.
HEBREW_LONG = " ".join([HEBREW] * 4)
ARABIC_LONG = " ".join([ARABIC] * 4)


def _unspaced(text: str) -> str:
    """pypdf puts a space between a right-to-left run and what follows on the wrong side of the
    run (it cannot know where a neutral belongs), so text is compared without spaces; the
    characters and the words stay in logical order."""
    return re.sub(r"\s+", "", text)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def world_case(library: CaseLibrary, sample_case: Case) -> Case:
    members = ("Zofia Nowak", "Kwame Mensah")
    assessments = tuple(
        Assessment(
            member=member,
            considerations={
                "use_case": Rating(2, f"{JAPANESE} {EMOJI}"),
                "harm": Rating(3, HEBREW_LONG),
                "actions": Rating(2, ARABIC_LONG),
                "geopolitics": Rating(1, f"{KOREAN} {CHINESE}"),
            },
            principles={
                k: Rating(1, MIXED)
                for k in ("human_rights", "privacy", "safety", "honesty", "inclusion")
            },
        )
        for member in members
    )
    case = replace(
        sample_case,
        id="WORLD-1",
        title=f"{JAPANESE} — {HEBREW} {EMOJI}",
        summary=f"{CHINESE}. {ARABIC}. {KOREAN}.",
        question=MIXED,
        customer=KOREAN,
        assessments=assessments,
        stakeholder_input=(
            StakeholderInput(group="impacted_communities", summary=ARABIC_LONG, source=HEBREW),
            StakeholderInput(group="experts", summary=f"{JAPANESE} {EMOJI}", source=CHINESE),
        ),
        decision=Decision(
            outcome="restrict",
            date=date(2025, 5, 1),
            rationale=f"{HEBREW_LONG}\n{MIXED}",
            conditions=(
                Condition(text=f"{ARABIC} {EMOJI}", owner=KOREAN, due=date(2026, 1, 1)),
                Condition(text=CHINESE, owner="Legal", due=date(2026, 2, 1)),
            ),
            votes=tuple(Vote(member=m, vote="restrict") for m in members),
            dissent=(Dissent(member=members[1], text=ARABIC),),
        ),
    )
    library.save_case(case)
    return library.get_case("WORLD-1")


WRITTEN = (JAPANESE, CHINESE, KOREAN, ARABIC, HEBREW, MIXED, EMOJI, HEBREW_LONG, ARABIC_LONG)


@pytest.mark.parametrize("variant", ["internal", "external"])
def test_a_memo_in_every_script_reads_back_as_written(
    library: CaseLibrary, framework: Framework, world_case: Case, variant: str
) -> None:
    memo = prepare_memo(library, framework, world_case, settings=SETTINGS)
    pdf = render_memo(memo, variant=variant)  # type: ignore[arg-type]
    text = _text(pdf)
    assert "\x00" not in text  # no glyph left undrawn
    assert "[U+" not in text  # every character had a face
    for written in WRITTEN:
        assert _unspaced(written) in _unspaced(text), written
    # The title, as the reader sees it at the top of the first page.
    assert _unspaced(world_case.title) in _unspaced(_text(pdf).split("\n1.")[0])
    assert render_memo(memo, variant=variant) == pdf  # type: ignore[arg-type]


def test_minutes_in_every_script_read_back_as_written(
    library: CaseLibrary, framework: Framework, world_case: Case
) -> None:
    minutes = minutes_for_date(library, date(2025, 5, 1), SETTINGS, framework)
    for variant in ("internal", "external"):
        pdf = render_minutes(minutes, variant=variant)  # type: ignore[arg-type]
        text = _text(pdf)
        assert "\x00" not in text and "[U+" not in text
        for written in (JAPANESE, HEBREW, MIXED, HEBREW_LONG, ARABIC, EMOJI):
            assert _unspaced(written) in _unspaced(text), written
        assert render_minutes(minutes, variant=variant) == pdf  # type: ignore[arg-type]


def _line_starts(pdf: bytes, needle: str) -> list[float]:
    """Where each drawn piece of text containing ``needle`` starts, from the left edge."""
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if needle in text:
            starts.append(tm[4] * cm[0] + cm[4])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return starts


def test_right_to_left_paragraphs_are_set_from_the_right(
    library: CaseLibrary, framework: Framework, world_case: Case
) -> None:
    pdf = render_memo(prepare_memo(library, framework, world_case, settings=SETTINGS))
    # The last line of the long Hebrew rationale is short: set from the right, it starts well
    # to the right of the column's left edge (20 mm, 57 pt), where a Latin line starts.
    hebrew_lines = _line_starts(pdf, "אביב")
    assert hebrew_lines and max(hebrew_lines) > 150
    # The English sentence that quotes a Hebrew name starts at the left, as English does.
    assert min(_line_starts(pdf, "The council heard")) < 80


def test_a_character_no_face_draws_is_shown_as_missing() -> None:
    # U+1FAE8 (shaking face, Unicode 15) is newer than every face in the chain.
    assert "[U+1FAE8]" in set_in_faces("Mood: \U0001fae8")
    assert "Mood:" in set_in_faces("Mood: \U0001fae8")


def test_runs_are_set_in_the_face_that_has_them() -> None:
    markup = set_in_faces(f"<b>Customer:</b> {JAPANESE} {KOREAN} {EMOJI} & more")
    assert f'<font face="CouncilHan">{JAPANESE}' in markup
    assert f'<font face="CouncilHangul">{KOREAN}' in markup
    assert '<font face="CouncilSymbols">' in markup
    assert (
        set_in_faces("Plain Latin <b>text</b> &amp; more") == "Plain Latin <b>text</b> &amp; more"
    )


def test_arabic_is_joined_before_lines_are_broken() -> None:
    joined = plain_text(set_in_faces("مرحبا"))
    # Initial, medial and final forms, not the five isolated letters.
    assert joined != "مرحبا"
    assert all("\ufe70" <= c <= "\ufeff" for c in joined)


def test_the_typefaces_are_recorded_in_the_fingerprint(
    library: CaseLibrary, framework: Framework, world_case: Case
) -> None:
    files = [t.file for t in typefaces()]
    assert files[:1] == ["DejaVuSans.ttf"]
    assert {"DroidSansFallbackFull.ttf", "NanumSquareR.ttf", "Symbola_hint.ttf"} <= set(files)
    assert all(len(t.sha256) == 64 for t in typefaces())
    memo = prepare_memo(library, framework, world_case, settings=SETTINGS)
    assert memo.fingerprint in _text(render_memo(memo)).replace("\n", "")
