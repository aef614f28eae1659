from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from council_app.case import (
    Assessment,
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
from council_app.memo import case_fingerprint, prepare_memo, render_memo
from council_app.memo.layout import MACHINE_TAG
from tests.factories import case_on_a_half

SETTINGS = CouncilSettings(
    council_name="Meridian Ethical Use Council", letterhead="Meridian Systems"
)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in read(pdf).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def decided_memo(demo_library: CaseLibrary, framework: Framework):
    case = demo_library.get_case("EUC-2025-011")
    return prepare_memo(demo_library, framework, case, settings=SETTINGS)


def test_every_section_is_in_the_memo(decided_memo) -> None:
    text = flat(" ".join(page_texts(render_memo(decided_memo))))
    for expected in (
        "Meridian Ethical Use Council",
        "Meridian Systems",
        "DECISION MEMO",
        "Case EUC-2025-011",
        "CONFIDENTIAL — INTERNAL",
        "Iris and face registration of refugees for food and cash assistance",
        "1. The question before the council",
        "May Common Shelter International use Vision AI face and iris matching",
        "Common Shelter International",
        "2. Decision and recommendation",
        "Decision: Restrict",
        "Recommendation of the framework: Restrict",
        "The concern index 72.5 is in the band 50 to 75: Restrict.",
        "3. The five considerations",
        "Potential connection to harm",
        "Residual concern (with the proposed actions as rated): 72.5 of 100",
        "Inherent concern (if none of them worked): 80.0",
        "4. Principle findings",
        "Human rights",
        "5. Robustness of the recommendation",
        "The recommendation (Restrict) holds unless",
        "random weightings",
        "6. Members: disagreement, votes and dissent",
        "Zofia Nowak",
        "Every safeguard here assumes CSI",
        "7. Stakeholder input",
        "Impacted communities",
        "8. Precedents considered",
        "9. Conditions and review",
        "Biometric enrolment is voluntary in fact",
        "Review by:",
        "10. Provenance",
        "Written by people:",
        "Drafted automatically",
    ):
        assert expected in text, expected


def test_every_number_is_rounded_as_the_index_is(
    library: CaseLibrary, framework: Framework
) -> None:
    case = case_on_a_half()
    text = flat(" ".join(page_texts(render_memo(prepare_memo(library, framework, case)))))
    assert "Residual concern (with the proposed actions as rated): 88.8 of 100" in text
    # The actions' row of the table (rating 1, weight 0.150, 11.25 points) and its bar's label.
    assert re.search(r"Effectiveness of proposed actions 1 .*? concern 3\) 0\.150 11\.3 ", text)
    assert "11.3 of 15.0" in text
    assert "11.2" not in text
    assert "The proposed actions take off 3.8 points." in text


def test_the_robustness_sentence_quotes_the_tables_figures(decided_memo) -> None:
    text = flat(" ".join(page_texts(render_memo(decided_memo))))
    # The flip as the score table prints it (517/9000 = 0.0574…), not 0.06; the weight now as
    # the weights column shows it.
    assert "falls below 0.057 (now 0.150), when it becomes Decline" in text
    assert re.search(r"Effectiveness of proposed actions 2 .*? concern 2\) 0\.150 7\.5 ", text)


def test_every_page_has_page_x_of_y_and_the_fingerprint(decided_memo) -> None:
    pages = page_texts(render_memo(decided_memo))
    fingerprint = decided_memo.fingerprint
    assert fingerprint != case_fingerprint(decided_memo.case)  # it covers more than the record
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert fingerprint in flat(text).replace(" ", "") or fingerprint in text
    # The record's own fingerprint, as the audit log has it, is in the provenance.
    assert case_fingerprint(decided_memo.case) in flat(" ".join(pages)).replace(" ", "")


def test_machine_drafted_text_is_marked(decided_memo) -> None:
    text = flat(" ".join(page_texts(render_memo(decided_memo))))
    assert text.count(MACHINE_TAG) >= 5
    # The recommendation's reason sits under the tag, the council's reasons do not.
    tag = text.index(MACHINE_TAG)
    assert text.index("The concern index 72.5 is in the band") > tag
    assert "Reasons of the council" in text


def test_metadata_and_embedded_font(decided_memo) -> None:
    reader = read(render_memo(decided_memo))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == (
        "Decision memo EUC-2025-011: Iris and face registration of refugees for food and cash assistance"
    )
    assert meta.author == "Meridian Ethical Use Council"
    assert meta.subject.startswith("May Common Shelter International")
    assert "EUC-2025-011" in meta["/Keywords"] and "biometrics" in meta["/Keywords"]
    assert meta.creator.startswith("Council Desk")
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            data = font.get_object()
            fonts[str(data["/BaseFont"])] = "/FontDescriptor" in data or "/DescendantFonts" in data
    assert any("DejaVuSans" in name for name in fonts)
    assert all(fonts.values()), fonts  # every font is embedded


def test_same_case_gives_the_same_bytes_and_an_edit_changes_the_fingerprint(
    demo_library: CaseLibrary, framework: Framework, decided_memo
) -> None:
    first = render_memo(decided_memo)
    again = render_memo(prepare_memo(demo_library, framework, decided_memo.case, settings=SETTINGS))
    assert first == again
    edited = replace(decided_memo.case, title=decided_memo.case.title + " (amended)")
    assert case_fingerprint(edited) != case_fingerprint(decided_memo.case)
    edited_memo = prepare_memo(demo_library, framework, edited, settings=SETTINGS)
    other = render_memo(edited_memo)
    assert other != first
    assert edited_memo.fingerprint != decided_memo.fingerprint
    assert edited_memo.fingerprint in flat(page_texts(other)[0]).replace(" ", "")


def test_external_variant_leaves_out_personal_data(decided_memo) -> None:
    text = flat(" ".join(page_texts(render_memo(decided_memo, variant="external"))))
    for member in ("Zofia Nowak", "Amara Okafor", "Mateo García", "Élodie Marchand"):
        assert member not in text
    assert "Member A" in text
    assert "EXTERNAL VERSION — personal data left out" in text
    assert "Names are left out of this version" in text
    assert "personal data has been left out" in text


def test_stakeholder_contacts_only_internal(
    demo_library: CaseLibrary, framework: Framework, sample_case
) -> None:
    demo_library.save_case(sample_case)
    memo = prepare_memo(demo_library, framework, sample_case, settings=SETTINGS)
    assert "chair@commuters.example.org" in " ".join(page_texts(render_memo(memo)))
    assert "chair@commuters.example.org" not in " ".join(
        page_texts(render_memo(memo, variant="external"))
    )


def test_a_draft_says_draft_on_every_page(demo_library: CaseLibrary, framework: Framework) -> None:
    case = demo_library.get_case("EUC-2026-014")
    memo = prepare_memo(
        demo_library, framework, case, settings=SETTINGS, memo_date=date(2026, 11, 27)
    )
    pages = page_texts(render_memo(memo))
    assert memo.is_draft
    assert all("DRAFT" in text for text in pages)
    assert "Dated 2026-11-27" in pages[0]
    assert "No decision has been recorded yet." in flat(" ".join(pages))


def test_a_huge_case_with_foreign_names_renders_without_losing_text(
    library: CaseLibrary, framework: Framework, sample_case
) -> None:
    words = " ".join(f"word{i}" for i in range(5000)) + " FINALTOKEN"
    unbroken = "x" * 600
    names = (
        "Александра Иванова",
        "Γιώργος Παπαδόπουλος",
        "محمد عبد الله",
        "Zoë Ångström-Łukasiewicz",
    )
    assessments = tuple(
        Assessment(
            member=name,
            considerations={
                "use_case": Rating(2, words if i == 0 else f"Rationale by {name} {unbroken}"),
                "harm": Rating(2),
                "actions": Rating(2),
                "geopolitics": Rating(1),
            },
            principles={
                k: Rating(1) for k in ("human_rights", "privacy", "safety", "honesty", "inclusion")
            },
        )
        for i, name in enumerate(names)
    )
    conditions = tuple(
        Condition(
            text=f"Condition number {i} for {names[i % 4]}", owner="Owner", due=date(2026, 1, 1)
        )
        for i in range(40)
    )
    huge = replace(
        sample_case,
        id="HUGE-1",
        title="A case with everything: Ελληνικά, Кириллица, العربية",
        assessments=assessments,
        stakeholder_input=(
            StakeholderInput(
                group="experts", summary="A URL " + "https://example.org/" + "a" * 300
            ),
        ),
        decision=Decision(
            outcome="restrict",
            date=date(2025, 5, 1),
            rationale=words,
            conditions=conditions,
            votes=tuple(Vote(member=n, vote="restrict") for n in names),
            dissent=(Dissent(member=names[2], text="لا أوافق " + unbroken),),
        ),
    )
    library.save_case(huge)
    pdf = render_memo(prepare_memo(library, framework, huge, settings=SETTINGS))
    reader = read(pdf)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert len(reader.pages) > 10
    assert "FINALTOKEN" in text
    assert "Condition number 39" in text
    for name in names[:2] + names[3:]:
        assert name in text
    assert "Кириллица" in text and "Ελληνικά" in text
    # Nothing is drawn off the page: every piece of text starts inside the page's width.
    for page in reader.pages:
        width = float(page.mediabox.width)
        xs: list[float] = []

        def where(text, cm, tm, font, size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=where)
        assert all(-1 <= x <= width for x in xs)
    # The 600-character word was wrapped onto several lines rather than run off the page.
    assert text.count("x" * 60) >= 10


def test_no_member_is_named_in_any_external_demo_memo(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    members = {a.member for c in demo_library.get_cases() for a in c.assessments}
    for case in demo_library.get_cases():
        if case.decision is None:
            continue
        memo = prepare_memo(demo_library, framework, case, settings=SETTINGS)
        text = flat(" ".join(page_texts(render_memo(memo, variant="external"))))
        named = [m for m in members if m in text]
        assert named == [], (case.id, named)


def test_recusals_and_reviews_are_in_the_memo(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    from council_app.council import sessions

    sitting = sessions.create_session(demo_library, "December sitting", date(2026, 12, 3))
    sessions.add_to_agenda(demo_library, sitting, "EUC-2025-011")
    sessions.recuse(
        demo_library, sitting, "EUC-2025-011", "Priya Raman", "Priya Raman advised the NGO"
    )
    memo = prepare_memo(
        demo_library, framework, demo_library.get_case("EUC-2025-011"), settings=SETTINGS
    )
    internal = flat(" ".join(page_texts(render_memo(memo))))
    assert "Recused: Priya Raman (Priya Raman advised the NGO)" in internal
    # The demo decision was reviewed once and let stand.
    assert "Reviewed 21 October 2025, the decision stands" in internal
    # A note that ends its own sentence gets no second full stop.
    assert ".." not in internal
    external = flat(" ".join(page_texts(render_memo(memo, variant="external"))))
    assert "Priya Raman" not in external
    assert "advised the NGO" not in external
    assert re.search(r"Recused: Member [A-Z]+\b", external)
