from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from council_app.case import Case, Decision
from council_app.errors import SearchSyntaxError
from council_app.library import CaseLibrary
from council_app.library.search import (
    MANY_CASE_IDS,
    SearchFilters,
    plain_match_query,
    search_cases,
    search_prompt,
)
from tests.factories import make_case


@pytest.fixture
def small_library(library: CaseLibrary) -> CaseLibrary:
    library.add_cases(
        [
            make_case(
                "FACE-1",
                title="Live facial recognition for a city's CCTV",
                summary="Face recognition of every passer-by against a police watchlist.",
                regions=("GB",),
                tags=("facial-recognition", "public-space"),
                submitted=date(2022, 3, 1),
                decision=Decision(outcome="decline", date=date(2022, 5, 1)),
            ),
            make_case(
                "FACE-2",
                title="Bystander redaction in body-worn camera footage",
                summary="Blurring bystanders' faces before police footage is released.",
                regions=("NL",),
                tags=("redaction", "law-enforcement"),
                submitted=date(2023, 6, 1),
            ),
            make_case(
                "VOICE-1",
                title="Voice cloning for a memorial service",
                summary="Synthetic voices of deceased relatives, with consent of the estate.",
                product="Voice Studio",
                sector="media",
                regions=("US",),
                tags=("voice-cloning", "consent"),
                submitted=date(2024, 9, 1),
                use_case="Families upload recordings; the service reads letters aloud.",
                mitigations=(),
                decision=None,
                status="in_review",
            ),
        ]
    )
    return library


def ids(hits: list) -> list[str]:
    return [h.case.id for h in hits]


def test_words_are_found_best_match_first(small_library: CaseLibrary) -> None:
    hits = search_cases(small_library, "facial recognition")
    assert ids(hits)[0] == "FACE-1"
    assert ids(search_cases(small_library, "memorial")) == ["VOICE-1"]


def test_stemming_and_accents_are_forgiven(small_library: CaseLibrary) -> None:
    assert "FACE-2" in ids(search_cases(small_library, "blurred bystander"))
    assert ids(search_cases(small_library, "mémorial")) == ["VOICE-1"]


def test_snippet_highlights_the_matched_words(small_library: CaseLibrary) -> None:
    [hit] = search_cases(small_library, "watchlist")
    assert ("watchlist", True) in hit.snippet
    assert "police" in hit.snippet_text


def test_search_as_you_type_matches_the_word_being_typed(small_library: CaseLibrary) -> None:
    assert ids(search_cases(small_library, "memor", prefix_last=True)) == ["VOICE-1"]
    assert ids(search_cases(small_library, "memor")) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"watchlist', ["FACE-1"]),
        ("watchlist*", ["FACE-1"]),
        ("(watchlist", ["FACE-1"]),
        ("police NEAR watchlist", ["FACE-1"]),
        ("police AND watchlist", ["FACE-1"]),
        ("facial-recognition", ["FACE-1"]),
        ("watchlist:", ["FACE-1"]),
        ("summary:watchlist", []),  # two words, and "summary" is in no case
        ("-watchlist", ["FACE-1"]),
        ("'", []),
        ('"', []),
        ("NOT", []),
        ("😀 watchlist 😀", ["FACE-1"]),
        ("🙂", []),
    ],
)
def test_fts_syntax_characters_are_taken_as_typed(
    small_library: CaseLibrary, query: str, expected: list[str]
) -> None:
    assert ids(search_cases(small_library, query)) == expected


def test_a_very_long_query_is_answered(small_library: CaseLibrary) -> None:
    assert search_cases(small_library, "x" * 10_000) == []
    assert search_cases(small_library, "watchlist " * 2_000) != []


def test_filters_narrow_the_results(small_library: CaseLibrary) -> None:
    everything = ids(search_cases(small_library, ""))
    assert everything == ["VOICE-1", "FACE-2", "FACE-1"]  # newest first without a query
    assert ids(search_cases(small_library, "", SearchFilters(outcomes=("decline",)))) == ["FACE-1"]
    assert ids(search_cases(small_library, "", SearchFilters(statuses=("in_review",)))) == [
        "VOICE-1"
    ]
    assert ids(search_cases(small_library, "", SearchFilters(regions=("NL", "US")))) == [
        "VOICE-1",
        "FACE-2",
    ]
    assert ids(search_cases(small_library, "", SearchFilters(tags=("consent",)))) == ["VOICE-1"]
    assert ids(search_cases(small_library, "", SearchFilters(products=("Voice Studio",)))) == [
        "VOICE-1"
    ]
    assert ids(search_cases(small_library, "", SearchFilters(sectors=("transport",)))) == [
        "FACE-2",
        "FACE-1",
    ]
    window = SearchFilters(submitted_from=date(2023, 1, 1), submitted_to=date(2023, 12, 31))
    assert ids(search_cases(small_library, "", window)) == ["FACE-2"]
    assert ids(search_cases(small_library, "police", SearchFilters(regions=("NL",)))) == ["FACE-2"]


@pytest.mark.parametrize("padding", [0, MANY_CASE_IDS, 40_000])
def test_a_set_of_case_ids_narrows_to_those_cases(small_library: CaseLibrary, padding: int) -> None:
    """However many ids: more than SQLite's 32,766 bound variables, and either way of reading."""
    others = frozenset(f"NOT-HERE-{n}" for n in range(padding))
    for text in ("", "police", "face"):
        narrowed = SearchFilters(case_ids=others | {"FACE-1", "VOICE-1", "\udcff"})
        found = ids(search_cases(small_library, text, narrowed))
        assert found == [i for i in ids(search_cases(small_library, text)) if i != "FACE-2"]
        assert search_cases(small_library, text, SearchFilters(case_ids=others)) == []
    assert ids(search_cases(small_library, "", SearchFilters(case_ids=frozenset({"FACE-2"})))) == [
        "FACE-2"
    ]
    assert not SearchFilters(case_ids=frozenset()).is_empty()  # no case, not any case


def test_sort_by_date(small_library: CaseLibrary) -> None:
    hits = search_cases(small_library, "police", sort="date")
    assert ids(hits) == ["FACE-2", "FACE-1"]


def test_search_follows_edits_and_deletes(small_library: CaseLibrary) -> None:
    case = small_library.get_case("VOICE-1")
    small_library.save_case(
        Case(**{**case.__dict__, "summary": "Audiobook narration in the author's own voice."})
    )
    assert ids(search_cases(small_library, "deceased")) == []
    assert ids(search_cases(small_library, "audiobook")) == ["VOICE-1"]
    small_library.delete_case("VOICE-1")
    assert ids(search_cases(small_library, "audiobook")) == []


def test_advanced_mode_uses_fts_syntax(small_library: CaseLibrary) -> None:
    found = ids(search_cases(small_library, "watchlist OR memorial", advanced=True))
    assert sorted(found) == ["FACE-1", "VOICE-1"]
    assert ids(search_cases(small_library, "police NOT watchlist", advanced=True)) == ["FACE-2"]
    with pytest.raises(SearchSyntaxError, match="not valid advanced search syntax"):
        search_cases(small_library, '"unbalanced', advanced=True)


def test_plain_query_shape() -> None:
    assert plain_match_query("face-recognition police") == '"face recognition" "police"'
    assert plain_match_query("police AND camera") == '"police" "camera"'
    assert plain_match_query("AND") == '"AND"'
    assert plain_match_query("polic", prefix_last=True) == '"polic"*'
    assert plain_match_query("polic ", prefix_last=True) == '"polic"'
    assert plain_match_query("¿¡ …") is None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300) | st.sampled_from(["polic", "bystand", "x\u19b0", "face-rec", "'"]))
@example("a\u19b0b face-reco")
@example("\"'")
def test_no_typed_text_makes_search_fail(small_library: CaseLibrary, text: str) -> None:
    for prefix in (False, True):
        hits = search_cases(small_library, text, prefix_last=prefix)
        if search_prompt(text) is not None:
            assert hits == []


def test_a_match_on_no_word_passes_the_passage_on_to_the_next_column(library: CaseLibrary) -> None:
    """FTS5 indexes private-use characters as words, a passage does not count them as words."""
    library.add_cases(
        [
            make_case(
                "ODD-1",
                summary="A logo \ue000 in the summary.",
                use_case="Officers at the police station.",
            )
        ]
    )
    [hit] = search_cases(library, '"\ue000" OR police', advanced=True)
    assert ("police", True) in hit.snippet
    assert "station" in hit.snippet_text


def test_regions_and_tags_come_in_their_order_for_every_hit(library: CaseLibrary) -> None:
    library.add_cases(
        [
            make_case(f"ORDER-{n}", summary="Ordered labels.", regions=regions, tags=tags)
            for n, (regions, tags) in enumerate(
                [(("US", "DE", "BR"), ("zeta", "alpha")), ((), ()), (("FR",), ("mid",))]
            )
        ]
    )
    found = {hit.case.id: hit.case for hit in search_cases(library, "ordered labels")}
    assert found["ORDER-0"].regions == ("US", "DE", "BR")
    assert found["ORDER-0"].tags == ("zeta", "alpha")
    assert (found["ORDER-1"].regions, found["ORDER-1"].tags) == ((), ())
    assert (found["ORDER-2"].regions, found["ORDER-2"].tags) == (("FR",), ("mid",))


@pytest.fixture
def election_library(library: CaseLibrary) -> CaseLibrary:
    library.add_cases(
        [
            make_case("VOTE-1", title="Chatbot answers on the elections", summary="Polling help."),
            make_case("SHOP-1", title="Recommendations in an electronics shop", summary="Retail."),
            # The title weighs most: by bm25 alone this case would come first for "election".
            make_case("VOTE-2", title="Who was elected, elected and elected", summary="Results."),
            make_case("VOTE-3", title="Turnout", summary="A forecast of the election night."),
        ]
    )
    return library


def test_a_whole_word_does_not_find_words_that_merely_share_its_stem(
    election_library: CaseLibrary,
) -> None:
    assert "SHOP-1" not in ids(search_cases(election_library, "elections"))
    assert set(ids(search_cases(election_library, "elections"))) == {"VOTE-1", "VOTE-2", "VOTE-3"}


@pytest.mark.parametrize("typed", ["elections", "elections ", "elect electi", "election"])
def test_the_word_being_typed_matches_words_beginning_with_it_as_written(
    election_library: CaseLibrary, typed: str
) -> None:
    found = ids(search_cases(election_library, typed, prefix_last=True))
    assert "SHOP-1" not in found
    assert "VOTE-1" in found


def test_only_the_word_being_typed_is_a_prefix(election_library: CaseLibrary) -> None:
    assert "SHOP-1" in ids(search_cases(election_library, "elec", prefix_last=True))
    assert ids(search_cases(election_library, "elec ", prefix_last=True)) == []
    assert ids(search_cases(election_library, "elec")) == []  # submitted: a whole word


def test_exact_words_rank_before_stemmed_ones(election_library: CaseLibrary) -> None:
    found = ids(search_cases(election_library, "election"))
    assert found[0] == "VOTE-3"  # the only case with the word as written
    assert set(found[1:]) == {"VOTE-1", "VOTE-2"}
    assert ids(search_cases(election_library, "elected"))[0] == "VOTE-2"
    # Typed on the way to a longer word, "election" begins "elections" as written; "elected"
    # only shares the stem.
    typing = ids(search_cases(election_library, "election", prefix_last=True))
    assert set(typing[:2]) == {"VOTE-1", "VOTE-3"}
    assert typing[2:] == ["VOTE-2"]


def test_search_works_without_the_word_index(election_library: CaseLibrary) -> None:
    """A read-only library from before the word index is searched by stems alone."""
    election_library.conn.execute("DROP TABLE case_words_fts")
    assert set(ids(search_cases(election_library, "election"))) == {"VOTE-1", "VOTE-2", "VOTE-3"}
    assert "VOTE-1" in ids(search_cases(election_library, "elect", prefix_last=True))


@pytest.mark.parametrize("typed", ["\"'", "--", "?!", " ¿¡ … ", "🙂"])
def test_a_search_without_a_word_asks_for_one(small_library: CaseLibrary, typed: str) -> None:
    assert search_prompt(typed) == "Type a word to search."
    assert search_cases(small_library, typed) == []
    assert search_cases(small_library, typed, advanced=True) == []


@pytest.mark.parametrize("typed", ["", "  ", "face", "?face", "AND"])
def test_a_search_with_a_word_or_none_at_all_needs_no_prompt(typed: str) -> None:
    assert search_prompt(typed) is None


def test_words_sqlite_splits_differently_are_searched(library: CaseLibrary) -> None:
    # Python counts U+19B0 as a letter; SQLite's Unicode tables split words at it.
    library.add_cases([make_case("ODD-2", title="Odd a\u19b0b word", summary="x")])
    for prefix in (False, True):
        assert ids(search_cases(library, "a\u19b0b", prefix_last=prefix)) == ["ODD-2"]
