from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from council_app.library import CaseLibrary
from council_app.library.suggestions import CaseSuggestions, case_suggestions
from tests.factories import make_case


@pytest.fixture
def picked_from(library: CaseLibrary) -> CaseLibrary:
    library.add_cases(
        [
            make_case("VOTE-1", title="Chatbot answers on the elections", summary="Polls."),
            make_case("VOTE-12", title="Turnout forecasts", summary="Models."),
            make_case("SHOP-1", title="Recommendations in an electronics shop", summary="Shop."),
            make_case("A_B%1", title="An odd id", summary="Odd."),
        ]
    )
    return library


def ids(found: CaseSuggestions) -> list[str]:
    return [case.id for case in found.cases]


def test_the_typed_id_comes_first_then_ids_beginning_with_it(picked_from: CaseLibrary) -> None:
    found = case_suggestions(picked_from, "vote-1")
    assert found.exact is not None and found.exact.id == "VOTE-1"
    assert ids(found) == ["VOTE-1", "VOTE-12"]


def test_words_find_cases_by_their_text(picked_from: CaseLibrary) -> None:
    assert ids(case_suggestions(picked_from, "elections")) == ["VOTE-1"]
    assert sorted(ids(case_suggestions(picked_from, "elec"))) == ["SHOP-1", "VOTE-1"]
    assert case_suggestions(picked_from, "elec").exact is None


def test_excluded_cases_are_not_offered_but_their_id_is_recognised(
    picked_from: CaseLibrary,
) -> None:
    found = case_suggestions(picked_from, "VOTE-1", exclude={"VOTE-1"})
    assert ids(found) == ["VOTE-12"]
    assert found.exact is not None and found.exact.id == "VOTE-1"


def test_at_most_the_limit_is_suggested(library: CaseLibrary) -> None:
    library.add_cases([make_case(f"MANY-{n:02d}", title="Same words") for n in range(30)])
    assert len(case_suggestions(library, "same", limit=5).cases) == 5
    assert len(case_suggestions(library, "MANY", limit=20).cases) == 20


def test_like_wildcards_in_what_is_typed_are_characters(picked_from: CaseLibrary) -> None:
    assert ids(case_suggestions(picked_from, "A_B%")) == ["A_B%1"]
    assert "A_B%1" not in ids(case_suggestions(picked_from, "%"))
    assert ids(case_suggestions(picked_from, "")) == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_any_text_is_answered(picked_from: CaseLibrary, text: str) -> None:
    found = case_suggestions(picked_from, text)
    assert len(found.cases) <= 20
    assert len({case.id for case in found.cases}) == len(found.cases)
