from __future__ import annotations

import pytest

from council_app.framework.loader import bundled_framework, bundled_framework_text, parse_framework
from council_app.framework.revision import (
    ANY_CONCERN,
    DraftError,
    FrameworkDraft,
    problem_sentences,
)
from council_app.framework.taxonomy import ReviewPeriod

COMMENT = (
    "# Each band applies while the concern index is below `below`; the last band has no limit."
)


@pytest.fixture
def draft() -> FrameworkDraft:
    return FrameworkDraft(bundled_framework_text())


def test_an_unedited_draft_is_the_text_it_was_given(draft: FrameworkDraft) -> None:
    assert draft.text() == bundled_framework_text()
    assert not draft.changed
    assert draft.problems() == []


def test_edits_round_trip_into_the_parsed_framework(draft: FrameworkDraft) -> None:
    draft.set_version("2027.1")
    draft.set_name("Revised framework")
    draft.set_consideration(
        "harm",
        title="Connection to harm",
        short_title="Harm!",
        description="What harm may follow.",
        questions=["Who could be hurt?", "How badly?"],
        levels=["None.", "Minor.", "Moderate.", "Serious.", "Severe."],
    )
    draft.set_principle("privacy", title="Privacy and data", summary="Data is protected.")
    draft.set_outcome("defer", title="Postpone", description="Later.", review_months=2)
    draft.set_band_below(0, 30)
    draft.set_band_below(1, 52.5)
    draft.set_weight("balanced", "harm", 0.35)
    draft.set_default_profile("harm_first")
    draft.set_red_line(
        "severe_harm_unmitigated", description="Severe, unmitigated", floor="restrict"
    )
    draft.set_condition("severe_harm_unmitigated", 1, at_most=2)
    draft.set_voting(rule="two_thirds", casting_vote="chair")
    draft.set_disagreement_threshold(2)
    draft.set_scoring(principles_rule="mean", red_lines_apply="any_member")
    assert draft.problems() == []

    framework = parse_framework(draft.text())
    harm = framework.consideration("harm")
    assert (harm.title, harm.short_title, harm.description) == (
        "Connection to harm",
        "Harm!",
        "What harm may follow.",
    )
    assert harm.questions == ("Who could be hurt?", "How badly?")
    assert harm.levels[4] == "Severe."
    privacy = next(p for p in framework.principles if p.key == "privacy")
    assert (privacy.title, privacy.summary) == ("Privacy and data", "Data is protected.")
    defer = next(o for o in framework.outcomes if o.key == "defer")
    assert (defer.title, defer.review_months) == ("Postpone", 2)
    assert [b.below for b in framework.scoring.bands] == [30, 52.5, 75, None]
    balanced = next(p for p in framework.weight_profiles if p.key == "balanced")
    assert balanced.weights["harm"] == 0.35
    assert framework.default_profile_key == "harm_first"
    line = next(r for r in framework.scoring.red_lines if r.key == "severe_harm_unmitigated")
    assert (line.description, line.floor) == ("Severe, unmitigated", "restrict")
    assert line.conditions[1].at_most == 2
    assert (framework.voting.rule, framework.voting.casting_vote) == ("two_thirds", "chair")
    assert framework.scoring.disagreement_threshold == 2
    assert framework.scoring.principles_rule == "mean"
    assert framework.scoring.red_lines_apply == "any_member"
    assert (framework.version, framework.name) == ("2027.1", "Revised framework")


def test_comments_and_layout_survive_and_only_the_edited_lines_change(
    draft: FrameworkDraft,
) -> None:
    original = bundled_framework_text().splitlines()
    draft.set_band_below(0, 30)
    draft.set_consideration("harm", title="Connection to harm")
    draft.set_consideration("use_case", questions=["One question?", "Another?"])
    lines = draft.text().splitlines()
    assert COMMENT in lines
    assert [line for line in original if line.startswith("#")] == [
        line for line in lines if line.startswith("#")
    ]
    assert '  { below = 30, outcome = "approve" },' in lines
    assert 'title = "Connection to harm"' in lines
    # The new questions are laid out one to a line, as the council's file writes them.
    start = lines.index('  "One question?",')
    assert lines[start - 1] == "questions = [" and lines[start + 2] == "]"
    assert len(lines) == len(original) - 2  # four questions became two


def test_an_invalid_edit_gives_the_loaders_own_sentence(draft: FrameworkDraft) -> None:
    draft.set_band_below(1, 20)
    assert draft.problems() == [
        "scoring.bands[1]: 'below' must be greater than the band before (25)"
    ]
    assert draft.framework() is None
    draft.set_band_below(1, 50)
    assert draft.problems() == []


def test_a_default_profile_the_framework_lacks_is_named(draft: FrameworkDraft) -> None:
    draft.set_default_profile("nobody")
    assert draft.problems() == [
        "weights.default_profile: 'nobody' is not one of the weight_profiles"
    ]


def test_a_new_consideration_is_weighted_zero_in_every_profile(draft: FrameworkDraft) -> None:
    draft.add_consideration("environment", "Environmental footprint")
    data = draft.data()
    assert data["considerations"][-1]["key"] == "environment"
    assert len(data["considerations"][-1]["levels"]) == 5
    assert all(p["weights"]["environment"] == 0 for p in data["weight_profiles"])
    # A framework's keys are its own: the loader takes the sixth consideration.
    assert draft.problems() == []
    framework = draft.framework()
    assert framework is not None and "environment" in framework.rated_keys
    draft.remove_consideration("environment")
    assert draft.text() == bundled_framework_text()


def test_removing_a_consideration_takes_its_weights_and_red_line_conditions(
    draft: FrameworkDraft,
) -> None:
    draft.remove_consideration("actions")
    data = draft.data()
    assert "actions" not in {c["key"] for c in data["considerations"]}
    assert all("actions" not in p["weights"] for p in data["weight_profiles"])
    line = next(r for r in data["red_lines"] if r["key"] == "severe_harm_unmitigated")
    assert [c["target"] for c in line["conditions"]] == ["harm"]


def test_principles_and_outcomes_can_be_added(draft: FrameworkDraft) -> None:
    draft.add_principle("sustainability", "Sustainability")
    draft.add_outcome("pilot", "Pilot", review_months=6)
    data = draft.data()
    assert data["principles"][-1]["key"] == "sustainability"
    assert data["outcomes"][-1] == {
        "key": "pilot",
        "title": "Pilot",
        "description": "Pilot",
        "review_months": 6,
    }
    draft.remove_principle("sustainability")
    assert "sustainability" not in {p["key"] for p in draft.data()["principles"]}


def test_an_edit_naming_nothing_is_refused_in_words(draft: FrameworkDraft) -> None:
    with pytest.raises(DraftError, match="no considerations entry 'nope'"):
        draft.set_consideration("nope", title="x")
    with pytest.raises(DraftError, match="no band 9"):
        draft.set_band_below(8, 10)
    with pytest.raises(DraftError, match="already a consideration 'harm'"):
        draft.add_consideration("harm", "Harm")


def test_text_that_is_not_toml_is_one_problem() -> None:
    assert problem_sentences("x: not valid TOML: bad.") == ["x: not valid TOML: bad."]


def _loader_message(text: str) -> str:
    from council_app.errors import FrameworkError

    try:
        parse_framework(text, source="The revised framework")
    except FrameworkError as error:
        return str(error)
    return ""


def test_a_review_period_is_added_edited_and_removed(draft: FrameworkDraft) -> None:
    assert draft.review_periods() == []
    index = draft.add_review_period(6, outcomes=["approve_with_conditions"])
    assert index == 0
    assert draft.problems() == []
    framework = draft.framework()
    assert framework is not None
    assert framework.review_periods == (
        ReviewPeriod(months=6, outcomes=("approve_with_conditions",)),
    )
    # Appended after everything else, a blank line before it; the rest is the text as it was.
    assert draft.text() == (
        bundled_framework_text()
        + '\n[[review_periods]]\nmonths = 6\noutcomes = ["approve_with_conditions"]\n'
    )

    draft.add_review_period(3, regions=["RU", "BY"], note="Sanctions move fast")
    draft.set_review_period(0, months=4, concern_at_least=60, classification_kinds=["high_risk"])
    framework = draft.framework()
    assert framework is not None
    assert framework.review_periods == (
        ReviewPeriod(
            months=4,
            outcomes=("approve_with_conditions",),
            classification_kinds=("high_risk",),
            concern_at_least=60,
        ),
        ReviewPeriod(months=3, regions=("RU", "BY"), note="Sanctions move fast"),
    )
    draft.set_review_period(0, concern_at_least=ANY_CONCERN, classification_kinds=[])
    assert draft.review_periods()[0] == {"months": 4, "outcomes": ["approve_with_conditions"]}

    draft.remove_review_period(0)
    assert [p["months"] for p in draft.review_periods()] == [3]
    draft.remove_review_period(0)
    assert draft.review_periods() == []
    assert draft.text() == bundled_framework_text()  # the array went with its last period
    with pytest.raises(DraftError, match="no review period 1; the framework has 0"):
        draft.set_review_period(0, months=2)


def test_editing_a_written_review_period_changes_only_its_edited_lines() -> None:
    text = (
        bundled_framework_text()
        + """
# Sanctioned regions are reviewed sooner.
[[review_periods]]
months = 3
regions = [ "RU",  "BY" ]
note = "Sanctions move fast"
"""
    )
    draft = FrameworkDraft(text)
    draft.set_review_period(0, regions=["RU", "BY"], note="Sanctions move fast")
    assert draft.text() == text  # the same values: not written again
    draft.set_review_period(0, months=2, note="")
    assert draft.text() == text.replace(
        '[[review_periods]]\nmonths = 3\nregions = [ "RU",  "BY" ]\nnote = "Sanctions move fast"\n',
        '[[review_periods]]\nmonths = 2\nregions = [ "RU",  "BY" ]\n',
    )


def test_review_periods_written_inline_are_edited_inline() -> None:
    text = 'review_periods = [\n  { months = 3, regions = ["RU"] },\n]\n' + bundled_framework_text()
    draft = FrameworkDraft(text)
    draft.set_review_period(0, months=4)
    draft.add_review_period(6, outcomes=["restrict"])
    assert draft.text().startswith(
        'review_periods = [\n  { months = 4, regions = ["RU"] },\n  {months = 6, outcomes = ["restrict"]},\n]\n'
    )
    framework = draft.framework()
    assert framework is not None
    assert [p.months for p in framework.review_periods] == [4, 6]
    draft.remove_review_period(1)
    draft.remove_review_period(0)
    assert draft.text() == bundled_framework_text()


def test_an_invalid_review_period_gives_the_loaders_sentences(draft: FrameworkDraft) -> None:
    draft.add_review_period(6, outcomes=["approve_with_conditions"])
    draft.set_review_period(0, outcomes=[])
    assert draft.problems() == [
        "review_periods[0]: name the decisions it is for (outcomes, regions, "
        "classification_kinds or concern_at_least)"
    ]
    assert draft.framework() is None
    draft.set_review_period(0, outcomes=["later"])
    assert draft.problems() == ["review_periods[0].outcomes: unknown outcome 'later'"]
    # A concern index alone is enough to name the decisions.
    draft.set_review_period(0, outcomes=[], concern_at_least=75)
    assert draft.problems() == []


def test_the_scale_fits_every_items_levels_and_back_to_the_shipped_one_writes_nothing(
    draft: FrameworkDraft,
) -> None:
    draft.set_scale(1, 3)
    harm = next(c for c in draft.data()["considerations"] if c["key"] == "harm")
    # Three levels each: the top two of five dropped.
    assert harm["levels"] == list(bundled_framework().consideration("harm").levels[:3])
    # The red lines at 4 are now off the scale, which the loader says; they are the council's
    # to move, and nothing else is wrong.
    assert draft.problems() == [
        "red_lines[0] (principle_at_top).conditions[0].at_least: 4 is not on the scale 1–3",
        "red_lines[1] (severe_harm_unmitigated).conditions[0].at_least: 4 is not on the scale 1–3",
    ]
    for red_line in ("principle_at_top", "severe_harm_unmitigated"):
        draft.set_condition(red_line, 0, at_least=3)
    framework = draft.framework()
    assert framework is not None
    assert framework.scale == (1, 2, 3)
    draft.set_scale(0, 4)
    assert "scale_min" not in draft.text() and "scale_max" not in draft.text()
    assert any("levels[3]: must not be empty" in p for p in draft.problems())
