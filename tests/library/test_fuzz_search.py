"""Fuzzing the search box: whatever is typed, search answers with hits or with a sentence.

In the plain mode (what the search box does) every text is safe: it returns hits, never an
error. In the advanced mode (FTS5 syntax as written) a query that does not parse is refused with
a :class:`SearchSyntaxError` (a :class:`CouncilError`) saying so; an SQLite error never reaches
the caller. The texts mix FTS5 syntax (stray quotes, ``*``, ``NEAR(``, ``AND``/``OR``/``NOT``
alone, parentheses, column filters such as ``title:``, ``^``, ``{title summary}:``) with words
from the library, unicode, control characters, lone surrogates (a broken paste, argv bytes that are
not UTF-8) and long runs, repeated common words among them.

Bugs this found are pinned by the plain tests at the end: a lone surrogate in an advanced query
is refused in words and in a filter value finds nothing (it used to reach sqlite3 as a
UnicodeEncodeError), and an advanced query repeating a common word is answered at once (FTS5's
snippet() took seconds).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from council_app.errors import CouncilError, SearchSyntaxError
from council_app.library import CaseLibrary
from council_app.library.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    MAX_ADVANCED_TERMS,
    SNIPPET_TOKENS,
    SearchFilters,
    SearchHit,
    plain_match_query,
    search_cases,
)


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


SYNTAX = [
    '"',
    '""',
    '"face',
    "face\"'",
    "*",
    "face*",
    "*face",
    "NEAR(",
    "NEAR(face police",
    "NEAR(face police, 2)",
    "NEAR(face police, -1)",
    "NEAR(face, 99999999999999999999)",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "and",
    "(",
    ")",
    "()",
    "((face)",
    "title:",
    "title:face",
    "summary: recognition",
    "tags:",
    "nope:face",
    "{title summary}:",
    "{title summary}: face",
    "-",
    "-face",
    "+",
    "^",
    "^face",
    ":",
    ",",
    "'",
    "face-recognition",
    "don't",
    "’",
    "\\",
    "%",
    "_",
    "[",
    "]",
    "{",
    "}",
]
WORDS = [
    "face",
    "recognition",
    "police",
    "voice",
    "cloning",
    "consent",
    "privacy",
    "elections",
    "a",
    "the",
    "GB",
    "EUC-2022-010",
    "mémorial",
    "memorial",
    "École",
    "e\u0301cole",
    "ß",
    "İstanbul",
    "東京",
    "مراقبة",
    "מעקב",
    "🙂",
    "👩🏽‍⚖️",
    "\u202e",
    "\u200b",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\t",
    "\n",
    "\r\n",
    "\x7f",
    "\ufeff",
    "\ufffd",
]
SEPARATORS = st.sampled_from([" ", "", "  ", "\t", ", ", " AND ", " OR ", " NOT "])
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40) | st.text(max_size=40)
PIECES = st.sampled_from(SYNTAX) | st.sampled_from(WORDS) | TEXT


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(PIECES, max_size=8))
    text = ""
    for part in parts:
        text += draw(SEPARATORS) + part
    return text


LONG = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["x", '"', "(", "NEAR(", "é", "🙂", " OR ", "-", "title:"]),
    st.integers(100, 3000),
)
LONG_WORDS = st.builds(
    lambda piece, n: piece * n, st.sampled_from(["face ", "a ", "the-"]), st.integers(100, 3000)
)
ANY_TEXT = queries() | TEXT | LONG | LONG_WORDS
PLAIN_TEXT = ANY_TEXT | st.text(st.characters(), max_size=40)

FILTER_TEXT = (
    st.sampled_from(["", "GB", "EU", "decline", "draft", "Vision AI", "a'b", '"', "\udcff"]) | TEXT
)
FILTERS = st.builds(
    SearchFilters,
    outcomes=st.lists(
        st.sampled_from(["approve", "decline", "restrict", "defer"]) | FILTER_TEXT, max_size=2
    ).map(tuple),
    statuses=st.lists(
        st.sampled_from(["draft", "decided", "in_review"]) | FILTER_TEXT, max_size=2
    ).map(tuple),
    products=st.lists(FILTER_TEXT, max_size=2).map(tuple),
    sectors=st.lists(FILTER_TEXT, max_size=2).map(tuple),
    regions=st.lists(st.sampled_from(["GB", "DE", "US", "EU"]) | FILTER_TEXT, max_size=2).map(
        tuple
    ),
    tags=st.lists(FILTER_TEXT, max_size=2).map(tuple),
    principles=st.lists(
        st.sampled_from(["privacy", "safety", "human_rights"]) | FILTER_TEXT, max_size=2
    ).map(tuple),
    case_ids=st.none()
    | st.frozensets(
        st.sampled_from(["EUC-2022-010", "EUC-2024-071", "EUC-2026-014"]) | FILTER_TEXT,
        max_size=3,
    ),
    submitted_from=st.none() | st.dates(),
    submitted_to=st.none() | st.dates(),
)
LIMITS = st.none() | st.sampled_from([0, 1, 5, 200, 2**63 - 1]) | st.integers(-5, 60)


def check_hits(library: CaseLibrary, hits: list[SearchHit], limit: int | None) -> None:
    ids = [hit.case.id for hit in hits]
    assert len(ids) == len(set(ids)), "a case listed twice"
    assert set(ids) <= set(library.case_ids())
    if limit is not None and limit >= 0:
        assert len(hits) <= limit
    for hit in hits:
        assert hit.rank is None or isinstance(hit.rank, float)
        for text, highlighted in hit.snippet:
            assert isinstance(text, str) and isinstance(highlighted, bool)
            assert HIGHLIGHT_START not in text and HIGHLIGHT_END not in text


def check_refusal(error: CouncilError) -> None:
    message = str(error)
    assert message.strip()
    assert "advanced" in message, message  # says which mode refused and how to leave it
    assert "Traceback" not in message


@fuzz(250)
@given(
    text=PLAIN_TEXT,
    prefix_last=st.booleans(),
    sort=st.sampled_from(["relevance", "date"]),
    limit=LIMITS,
)
@example(text='"', prefix_last=False, sort="relevance", limit=200)
@example(text="NEAR(", prefix_last=True, sort="relevance", limit=200)
@example(text="title:", prefix_last=True, sort="date", limit=None)
@example(text="AND OR NOT", prefix_last=False, sort="relevance", limit=200)
@example(text="face \udcff", prefix_last=True, sort="relevance", limit=200)
@example(text="\x00", prefix_last=False, sort="relevance", limit=200)
@example(text="face " * 20_000, prefix_last=True, sort="relevance", limit=200)
def test_plain_search_answers_any_text(
    demo_library: CaseLibrary, text: str, prefix_last: bool, sort: Any, limit: int | None
) -> None:
    hits = search_cases(demo_library, text, prefix_last=prefix_last, sort=sort, limit=limit)
    check_hits(demo_library, hits, limit)
    if plain_match_query(text) is None and text.strip():
        assert hits == []


@fuzz(250)
@given(text=ANY_TEXT, sort=st.sampled_from(["relevance", "date"]), limit=LIMITS)
@example(text='"', sort="relevance", limit=200)
@example(text="NEAR(", sort="relevance", limit=200)
@example(text="title:", sort="relevance", limit=200)
@example(text="AND", sort="relevance", limit=200)
@example(text="face OR", sort="relevance", limit=200)
@example(text="(" * 10_000, sort="relevance", limit=200)
@example(text="\x00", sort="relevance", limit=200)
@example(text="nope: face", sort="date", limit=None)
def test_advanced_search_answers_or_refuses_in_words(
    demo_library: CaseLibrary, text: str, sort: Any, limit: int | None
) -> None:
    try:
        hits = search_cases(demo_library, text, advanced=True, sort=sort, limit=limit)
    except SearchSyntaxError as error:
        check_refusal(error)
    else:
        check_hits(demo_library, hits, limit)


@fuzz(150)
@given(text=ANY_TEXT, advanced=st.booleans(), filters=FILTERS)
def test_filters_narrow_without_failing(
    demo_library: CaseLibrary, text: str, advanced: bool, filters: SearchFilters
) -> None:
    try:
        hits = search_cases(demo_library, text, filters, advanced=advanced)
    except SearchSyntaxError as error:
        assert advanced
        check_refusal(error)
        return
    check_hits(demo_library, hits, 200)
    unfiltered = {h.case.id for h in search_cases(demo_library, text, advanced=advanced)}
    if len(unfiltered) < 200:
        assert {h.case.id for h in hits} <= unfiltered
    for hit in hits:
        if filters.outcomes:
            assert hit.case.outcome in filters.outcomes
        if filters.statuses:
            assert hit.case.status in filters.statuses
        if filters.regions:
            assert set(hit.case.regions) & set(filters.regions)
        if filters.case_ids is not None:
            assert hit.case.id in filters.case_ids


@fuzz(200)
@given(text=PLAIN_TEXT, prefix_last=st.booleans())
def test_the_plain_query_is_always_valid_fts5(
    demo_library: CaseLibrary, text: str, prefix_last: bool
) -> None:
    """What plain mode hands to FTS5 always parses, even when run as an advanced query."""
    match = plain_match_query(text, prefix_last=prefix_last)
    if match is not None:
        assert match.count('"') % 2 == 0
        search_cases(demo_library, match, advanced=True, limit=5)


@pytest.mark.parametrize(
    "query",
    [
        "face AND recognition",
        "face OR voice",
        "face NOT police",
        '"facial recognition"',
        "NEAR(face police, 10)",
        "polic*",
        "title: face",
        "{title summary}: face",
        "^live",
        "(face OR voice) AND consent",
    ],
)
def test_valid_advanced_syntax_is_searched(demo_library: CaseLibrary, query: str) -> None:
    search_cases(demo_library, query, advanced=True)


@pytest.mark.parametrize(
    ("pasted", "advanced"),
    [
        (" ".join(f"word{i} face recognition" for i in range(20_000)), False),
        (" ".join(f"word{i}" for i in range(20_000)), True),
        ("x" * 1_000_000, True),
        ("face " * 200_000, False),
    ],
)
def test_long_pasted_text_is_searched_quickly(
    demo_library: CaseLibrary, pasted: str, advanced: bool
) -> None:
    started = time.perf_counter()
    try:
        search_cases(demo_library, pasted, advanced=advanced)
    except SearchSyntaxError as error:
        check_refusal(error)
    assert time.perf_counter() - started < 5.0


# -- bugs found by fuzzing, fixed ------------------------------------------------------------


@pytest.mark.parametrize("text", ["\ud800", "face\udcff", "title: \udc80"])
def test_advanced_search_with_a_lone_surrogate_is_refused_in_words(
    demo_library: CaseLibrary, text: str
) -> None:
    with pytest.raises(SearchSyntaxError) as refused:
        search_cases(demo_library, text, advanced=True)
    check_refusal(refused.value)
    assert "not valid text" in str(refused.value)
    str(refused.value).encode("utf-8")  # the message itself can be printed anywhere


@pytest.mark.parametrize("text", ["face\udcff", "\ud800face"])
def test_plain_search_reads_the_words_around_a_lone_surrogate(
    demo_library: CaseLibrary, text: str
) -> None:
    assert search_cases(demo_library, text) == search_cases(demo_library, "face")


@pytest.mark.parametrize("field", ["tags", "regions", "products", "outcomes", "principles"])
def test_a_filter_with_a_lone_surrogate_finds_nothing(
    demo_library: CaseLibrary, field: str
) -> None:
    """No case can hold such a value, so, like any value no case has, it matches nothing."""
    assert search_cases(demo_library, "", SearchFilters(**{field: ("\udcff",)})) == []
    assert search_cases(demo_library, "face", SearchFilters(**{field: ("\udcff",)})) == []


def test_a_filter_value_that_is_not_text_does_not_hide_the_others(
    demo_library: CaseLibrary,
) -> None:
    plain = search_cases(demo_library, "", SearchFilters(regions=("GB",)))
    assert plain
    assert search_cases(demo_library, "", SearchFilters(regions=("GB", "\udcff"))) == plain


def test_an_advanced_query_repeating_a_common_word_is_answered_quickly(
    demo_library: CaseLibrary,
) -> None:
    deadline = time.perf_counter() + 1.0
    interrupted = False

    def stop_after_deadline() -> int:
        nonlocal interrupted
        interrupted = time.perf_counter() > deadline
        return int(interrupted)

    demo_library.db.conn.set_progress_handler(stop_after_deadline, 1000)
    try:
        with pytest.raises(SearchSyntaxError) as refused:
            search_cases(demo_library, "a " * 150, advanced=True)
        check_refusal(refused.value)
        assert f"at most {MAX_ADVANCED_TERMS}" in str(refused.value)
        # As many as are taken: answered, with passages, within the second.
        hits = search_cases(demo_library, "a " * MAX_ADVANCED_TERMS, advanced=True)
        # Single-letter prefixes match most words: every match is a candidate for the passage.
        letters = " OR ".join(f"{c}*" for c in "abcdefghijklmnopqrstuvwxyz")
        prefixed = search_cases(demo_library, letters, advanced=True)
    finally:
        demo_library.db.conn.set_progress_handler(None, 0)
    assert not interrupted, "the search was still running after 1 s"
    assert hits and all(
        any(lit and text.casefold() == "a" for text, lit in hit.snippet) for hit in hits
    )
    assert prefixed and all(any(lit for _, lit in hit.snippet) for hit in prefixed)


def test_a_passage_shows_the_different_words_matched_side_by_side(
    demo_library: CaseLibrary,
) -> None:
    [best, *_] = search_cases(demo_library, "live face recognition watchlist")
    shown = {text.casefold() for text, lit in best.snippet if lit}
    assert {"face", "recognition", "watchlist"} <= shown, best.snippet
    assert len(best.snippet_text.split()) <= SNIPPET_TOKENS + 2


def test_date_filters_at_the_ends_of_the_calendar(demo_library: CaseLibrary) -> None:
    filters = SearchFilters(submitted_from=date.min, submitted_to=date.max)
    check_hits(demo_library, search_cases(demo_library, "face", filters), 200)
