"""What the framework asks of a kind of case: the rule, the library, the command line, the memo."""

from __future__ import annotations

from dataclasses import replace

import pytest

from council_app.case import CoverageNote, StakeholderInput
from council_app.case_edits import set_coverage_note
from council_app.cli import main
from council_app.council.coverage import coverage, open_requirements, open_summary
from council_app.errors import FrameworkError
from council_app.framework import Framework
from council_app.framework.loader import bundled_framework_text, parse_framework
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo
from tests.factories import make_case
from tests.memo.test_external_redaction import pdf_text


def biometric_case():  # type: ignore[no-untyped-def]
    """Tagged facial-recognition: the shipped rule asks for impacted communities and experts,
    a DPIA and error rates; the case has heard only the impacted communities."""
    return make_case("TST-2025-300", tags=("facial-recognition", "public-space"))


def test_a_rule_applies_by_tag_or_product_and_names_what_is_missing(framework: Framework) -> None:
    assert coverage(framework, make_case(tags=("crowd-counting",))) == []
    case = biometric_case()
    found = {r.key: r for r in coverage(framework, case)}
    assert list(found) == [
        "biometrics.group.impacted_communities",
        "biometrics.group.experts",
        "biometrics.question.dpia",
        "biometrics.question.error_rates",
    ]
    assert found["biometrics.group.impacted_communities"].heard
    assert [r.key for r in open_requirements(framework, case)] == list(found)[1:]
    assert open_summary(framework, case) == (
        "Coverage the framework asks of this case (Biometric identification) is missing: "
        "Experts not heard; a question unanswered; a question unanswered. Say why or answer."
    )
    # A reason is an answer too; so is hearing the group.
    why = set_coverage_note(case, "biometrics.group.experts", "No expert was free in time.")
    answered = set_coverage_note(why, "biometrics.question.dpia", "Done in May: low risk.")
    answered = set_coverage_note(answered, "biometrics.question.error_rates", "Tested by NIST.")
    assert open_requirements(framework, answered) == []
    assert open_summary(framework, answered) == ""
    heard = replace(
        case,
        stakeholder_input=(
            *case.stakeholder_input,
            StakeholderInput(group="experts", summary="A biometrics researcher was heard."),
        ),
    )
    assert [r.key for r in open_requirements(framework, heard)] == list(found)[2:]
    # Cleared, the answer goes.
    assert set_coverage_note(answered, "biometrics.question.dpia", " ").coverage == (
        CoverageNote("biometrics.group.experts", "No expert was free in time."),
        CoverageNote("biometrics.question.error_rates", "Tested by NIST."),
    )


def test_a_rule_naming_a_group_the_framework_lacks_is_refused() -> None:
    text = bundled_framework_text().replace(
        'stakeholder_groups = ["impacted_communities"]\nquestions = [\n  { key = "consent"',
        'stakeholder_groups = ["voters"]\nquestions = [\n  { key = "consent"',
    )
    assert "voters" in text
    with pytest.raises(FrameworkError, match="unknown group 'voters'"):
        parse_framework(text, source="edited.toml", checked=False)


def test_answers_are_kept_by_the_library_and_the_memo_says_what_is_open(
    library: CaseLibrary, framework: Framework
) -> None:
    case = set_coverage_note(biometric_case(), "biometrics.question.dpia", "Done in May: low risk.")
    library.save_case(case)
    back = library.get_case(case.id)
    assert back.coverage == (CoverageNote("biometrics.question.dpia", "Done in May: low risk."),)
    text = " ".join(pdf_text(render_memo(prepare_memo(library, framework, back))).split())
    assert "What the framework asks of this kind of case" in text
    assert "Has a data protection impact assessment been carried out" in text
    assert "what did it find? Done in May: low risk." in text
    assert "Biometric identification — Experts: not heard, and no reason given; say why." in text


def test_a_reason_naming_a_member_is_redacted_in_the_external_memo(
    library: CaseLibrary, framework: Framework
) -> None:
    case = set_coverage_note(
        biometric_case(), "biometrics.group.experts", "Priya Raman could not find one in time."
    )
    library.save_case(case)
    external = pdf_text(render_memo(prepare_memo(library, framework, case), variant="external"))
    assert "Priya" not in external and "could not find one in time" in " ".join(external.split())


def test_the_command_line_lists_and_answers_the_coverage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["coverage", "EUC-2026-022"]) == 0
    out = capsys.readouterr().out
    assert "OPEN biometrics.question.error_rates:" in out and "1 of 4 open." in out
    code = main(
        [
            "coverage",
            "EUC-2026-022",
            "biometrics.question.error_rates",
            "Vendor tests only; none independent.",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "All 4 covered." in out
    # A requirement the case does not have, or no text: a clear refusal, nothing changed.
    assert main(["coverage", "EUC-2026-022", "minors.question.age_assurance", "x"]) != 0
    err = capsys.readouterr().err
    assert "is not a requirement of EUC-2026-022" in err and "Traceback" not in err
    assert main(["coverage", "EUC-2026-022", "biometrics.question.dpia"]) != 0
    assert "Give the answer or the reason" in capsys.readouterr().err
    assert main(["coverage", "EUC-2026-022", "biometrics.question.error_rates", "--clear"]) == 0
    assert "1 of 4 open." in capsys.readouterr().out
