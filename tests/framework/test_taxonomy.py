"""Classifications as framework data: the EU AI Act taxonomy added, cases placed in it, and what
follows (a floor on the recommendation, obligations as conditions, a shorter review period)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from council_app import resources
from council_app.case import CaseClassification, Decision
from council_app.case_edits import default_review_by, with_obligations
from council_app.council.scoring_context import score_in_library
from council_app.errors import FrameworkError, LibraryError
from council_app.framework import parse_framework
from council_app.framework.loader import bundled_framework_text
from council_app.framework.taxonomy import classification_keys, placed
from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.library.search import SearchFilters, search_cases
from council_app.memo import prepare_memo, render_memo
from tests.agreement import pdf_text
from tests.factories import make_case
from tests.test_cli import run

EU_AI_ACT = Path(str(resources.resource_path("taxonomies/eu-ai-act.toml")))


def with_eu_ai_act(library: CaseLibrary) -> None:
    text = fw.with_taxonomy(
        fw.version_in_force(library).text,
        EU_AI_ACT.read_text(encoding="utf-8"),
        version="2027.1",
        source="eu-ai-act.toml",
    )
    fw.adopt(library, text, note="The EU AI Act applies to our customers", source="eu-ai-act")


def test_the_shipped_eu_ai_act_taxonomy_adds_to_the_framework_keeping_its_comments(
    library: CaseLibrary,
) -> None:
    with_eu_ai_act(library)
    version = fw.version_in_force(library)
    framework = version.framework
    assert version.version == "2027.1"
    # Everything of the framework before is kept, comments and all.
    assert bundled_framework_text().splitlines()[0] in version.text.splitlines()
    keys = classification_keys(framework)
    assert "eu_ai_act.social_scoring" in keys and "eu_ai_act.employment" in keys
    (taxonomy,) = framework.taxonomies
    prohibited = [e for e in taxonomy.entries if e.kind == "prohibited"]
    assert len(prohibited) == 8 and all(e.floor == "decline" for e in prohibited)
    assert all(e.obligations for e in taxonomy.entries if e.kind == "high_risk")
    assert fw.differences(fw.framework_for(library, "2026.1"), framework) == [
        "Taxonomy added: EU AI Act (eu_ai_act)"
    ]
    with pytest.raises(fw.AdoptionRefused, match="already has the taxonomy eu_ai_act"):
        fw.with_taxonomy(version.text, EU_AI_ACT.read_text(encoding="utf-8"), version="2028.1",
                         source="again.toml")  # fmt: skip


def test_a_prohibited_practice_is_declined_whatever_the_ratings_unless_an_exception_is_recorded(
    library: CaseLibrary,
) -> None:
    with_eu_ai_act(library)
    low = make_case("EUC-1", decision=None, status="in_review")
    library.save_case(low)
    base = score_in_library(library, fw.case_framework(library, low), low, draws=0)
    assert base.scoring.recommendation.outcome != "decline"
    scored = replace(
        library.get_case("EUC-1"),
        classifications=(
            CaseClassification("eu_ai_act.social_scoring", basis="Scores citizens' reliability"),
        ),
    )
    library.save_case(scored)
    case = library.get_case("EUC-1")
    assert case.classifications[0].basis == "Scores citizens' reliability"
    result = score_in_library(library, fw.case_framework(library, case), case, draws=0)
    rec = result.scoring.recommendation
    assert rec.outcome == "decline"
    assert any(h.key == "classification:eu_ai_act.social_scoring" for h in rec.red_lines)
    assert "Social scoring" in rec.reason
    excepted = replace(
        case,
        classifications=(
            CaseClassification(
                "eu_ai_act.social_scoring", basis="…", exception="Out of scope: Article 2(3)"
            ),
        ),
    )
    again = score_in_library(library, fw.case_framework(library, excepted), excepted, draws=0)
    assert again.scoring.recommendation.outcome == base.scoring.recommendation.outcome


def test_a_high_risk_use_brings_its_obligations_as_conditions_and_a_shorter_review(
    library: CaseLibrary,
) -> None:
    with_eu_ai_act(library)
    framework = fw.framework_in_force(library)
    case = replace(
        make_case("EUC-2", decision=None, status="in_review"),
        classifications=(CaseClassification("eu_ai_act.biometrics", basis="Face matching"),),
    )
    (entry,) = placed(framework, case)
    conditions = with_obligations(framework, case, "approve_with_conditions", ())
    assert [c.text for c in conditions] == list(entry.entry.obligations)
    assert with_obligations(framework, case, "decline", ()) == ()
    assert default_review_by(framework, "approve", date(2027, 1, 15), case) == date(2027, 7, 15)
    assert default_review_by(framework, "approve", date(2027, 1, 15)) == date(2029, 1, 15)


def test_search_and_the_memo_know_the_classifications(library: CaseLibrary) -> None:
    with_eu_ai_act(library)
    library.save_case(
        replace(
            make_case("EUC-3", decision=Decision(outcome="restrict", date=date(2027, 2, 1))),
            classifications=(CaseClassification("eu_ai_act.employment", basis="Ranks applicants"),),
        )
    )
    library.save_case(make_case("EUC-4"))

    def ids(key: str) -> list[str]:
        found = search_cases(library, "", SearchFilters(classifications=(key,)))
        return [h.case.id for h in found]

    assert ids("eu_ai_act.employment") == ["EUC-3"]
    assert ids("eu_ai_act") == ["EUC-3"]
    assert ids("eu_ai_act.biometrics") == []
    case = library.get_case("EUC-3")
    text = pdf_text(render_memo(prepare_memo(library, fw.case_framework(library, case), case)))
    assert "Classifications" in text
    assert re.search(r"Employment and workers management.*Ranks applicants", text)


def test_a_classification_the_cases_framework_lacks_is_refused(library: CaseLibrary) -> None:
    case = replace(
        make_case("EUC-5"), classifications=(CaseClassification("eu_ai_act.employment"),)
    )
    with pytest.raises(LibraryError, match=re.escape("classified as 'eu_ai_act.employment'")):
        library.save_case(case)
    assert not library.has_case("EUC-5")


def test_the_loader_checks_a_taxonomy() -> None:
    text = bundled_framework_text() + EU_AI_ACT.read_text(encoding="utf-8").replace(
        'floor = "decline"', 'floor = "defer"', 1
    )
    with pytest.raises(FrameworkError, match="floor 'defer' is not an outcome a floor can set"):
        parse_framework(text)


def test_the_command_line_adds_the_taxonomy_classifies_and_searches(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = ["--library", str(tmp_path / "lib.sqlite")]
    with CaseLibrary.open(tmp_path / "lib.sqlite") as library:
        library.save_case(make_case("EUC-6", decision=None, status="in_review"))
    code, out, err = run(
        capsys, "framework", "add-taxonomy", str(EU_AI_ACT), "--version", "2027.1",
        "--note", "EU AI Act", *lib,
    )  # fmt: skip
    assert code == 0, err
    assert "Taxonomy added: EU AI Act (eu_ai_act)" in out
    code, _, err = run(capsys, "classify", "EUC-6", "eu_ai_act.employment", *lib)
    assert code == 1
    assert "`council-app framework move EUC-6`" in err
    code, out, err = run(capsys, "framework", "move", "EUC-6", *lib)
    assert code == 0, err
    code, out, err = run(
        capsys, "classify", "EUC-6", "eu_ai_act.employment", "--basis", "Ranks applicants", *lib
    )
    assert code == 0, err
    assert "is classified as Employment and workers management" in out
    assert "obligation(s) as conditions" in out
    code, out, _ = run(capsys, "search", "", "--classification", "eu_ai_act", "--json", *lib)
    assert [c["id"] for c in json.loads(out)] == ["EUC-6"]
    code, out, err = run(capsys, "classify", "EUC-6", "eu_ai_act.employment", "--remove", *lib)
    assert code == 0, err
    code, _, err = run(capsys, "framework", "move", "EUC-6", *lib)
    assert code == 1 and "already under framework 2027.1" in err


def test_review_periods_by_risk_shorten_a_decisions_review() -> None:
    text = (
        bundled_framework_text()
        + """
[[review_periods]]
months = 3
regions = ["RU", "BY"]
note = "Sanctions move fast"

[[review_periods]]
months = 6
outcomes = ["approve_with_conditions", "restrict"]
concern_at_least = 60
"""
    )
    framework = parse_framework(text)
    decided = date(2027, 1, 15)
    plain = make_case("EUC-7", regions=("DE",))
    sanctioned = make_case("EUC-8", regions=("DE", "RU"))
    assert default_review_by(framework, "approve", decided, plain) == date(2029, 1, 15)
    assert default_review_by(framework, "approve", decided, sanctioned) == date(2027, 4, 15)
    # Concern 62 with conditions: six months; below the line, or without an index, the outcome's.
    assert default_review_by(framework, "restrict", decided, plain, 62.0) == date(2027, 7, 15)
    assert default_review_by(framework, "restrict", decided, plain, 40.0) == date(2028, 1, 15)
    assert default_review_by(framework, "restrict", decided, plain) == date(2028, 1, 15)
    with pytest.raises(FrameworkError, match="name the decisions it is for"):
        parse_framework(bundled_framework_text() + "\n[[review_periods]]\nmonths = 2\n")
    with pytest.raises(FrameworkError, match="unknown outcome 'later'"):
        parse_framework(
            bundled_framework_text() + '\n[[review_periods]]\nmonths = 2\noutcomes = ["later"]\n'
        )


def test_a_red_line_on_a_kind_of_classification_sets_its_floor(library: CaseLibrary) -> None:
    text = fw.with_taxonomy(
        fw.version_in_force(library).text,
        EU_AI_ACT.read_text(encoding="utf-8"),
        version="2027.1",
        source="eu-ai-act.toml",
    ).replace(
        "[[weight_profiles]]",
        """[[red_lines]]
key = "high_risk_needs_conditions"
description = "A high-risk use under the EU AI Act"
floor = "approve_with_conditions"
conditions = [
  { target = "classification", kind = "high_risk" },
]

[[weight_profiles]]""",
        1,
    )
    fw.adopt(library, text, note="High-risk uses need conditions", source="x")
    framework = fw.framework_in_force(library)
    calm = make_case("EUC-9", decision=None, status="in_review")
    library.save_case(calm)
    calm = library.get_case("EUC-9")
    base = score_in_library(library, framework, calm, draws=0).scoring.recommendation
    high = replace(calm, classifications=(CaseClassification("eu_ai_act.employment"),))
    rec = score_in_library(library, framework, high, draws=0).scoring.recommendation
    if base.outcome == "approve":
        assert rec.outcome == "approve_with_conditions"
    assert any(h.key == "high_risk_needs_conditions" for h in rec.red_lines)
    excepted = replace(
        calm, classifications=(CaseClassification("eu_ai_act.employment", exception="Not AI"),)
    )
    rec = score_in_library(library, framework, excepted, draws=0).scoring.recommendation
    assert not any(h.key == "high_risk_needs_conditions" for h in rec.red_lines)
    with pytest.raises(FrameworkError, match="names the entries' kind"):
        parse_framework(
            text.replace(
                '{ target = "classification", kind = "high_risk" }', '{ target = "classification" }'
            )
        )
