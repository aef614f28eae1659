"""Passages found for only some hits, and later for the others, are the ones a full search gives,
and what the library's own index marks."""

from __future__ import annotations

import pytest

from council_app.errors import SearchSyntaxError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.generator import generate_cases
from council_app.library.search import (
    _SNIPPET_COLUMNS,
    FIRST_PASSAGES,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    _passage,
    find_passages,
    plain_match_query,
    search_cases,
)

QUERIES = ("voice", "outputs inform", "deleted aft", "staff", "independent audit")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> CaseLibrary:
    from council_app.framework import bundled_framework

    framework: Framework = bundled_framework()
    library = CaseLibrary.open(tmp_path_factory.mktemp("gen") / "library.sqlite")
    library.add_cases(list(generate_cases(framework, 300, seed=3)))
    return library


@pytest.mark.parametrize("query", QUERIES)
def test_passages_asked_for_later_are_those_a_full_search_gives(
    generated: CaseLibrary, query: str
) -> None:
    full = search_cases(generated, query, prefix_last=True, limit=None)
    assert len(full) > FIRST_PASSAGES  # the test needs hits beyond the first screenful
    first = search_cases(generated, query, prefix_last=True, limit=None, passages=FIRST_PASSAGES)
    assert [h.case.id for h in first] == [h.case.id for h in full]
    assert [h.rank for h in first] == [h.rank for h in full]
    assert [h.snippet for h in first[:FIRST_PASSAGES]] == [h.snippet for h in full[:FIRST_PASSAGES]]
    assert all(h.snippet == () for h in first[FIRST_PASSAGES:])
    later = find_passages(
        generated, query, [h.case.id for h in first[FIRST_PASSAGES:]], prefix_last=True
    )
    assert {h.case.id: h.snippet for h in full[FIRST_PASSAGES:] if h.snippet} == later
    assert sum(bool(h.snippet) for h in full) > len(full) // 2


@pytest.mark.parametrize("query", QUERIES)
def test_a_passage_marks_what_the_library_index_matched(generated: CaseLibrary, query: str) -> None:
    """The scratch index passages are read from must agree with the library's index."""
    match = plain_match_query(query, prefix_last=True)
    hits = search_cases(generated, query, prefix_last=True, limit=40)
    checked = 0
    for hit in hits:
        (doc_id,) = generated.conn.execute(
            "SELECT doc_id FROM case_text WHERE case_id = ?", [hit.case.id]
        ).fetchone()
        expected: tuple = ()
        for column in _SNIPPET_COLUMNS:
            (marked,) = generated.conn.execute(
                f"SELECT highlight(case_text_fts, {column}, '{HIGHLIGHT_START}', "
                f"'{HIGHLIGHT_END}') FROM case_text_fts WHERE case_text_fts MATCH ? "
                "AND rowid = ?",
                [match, doc_id],
            ).fetchone()
            expected = _passage(marked) if HIGHLIGHT_START in marked else ()
            if expected:
                break
        assert hit.snippet == expected, hit.case.id
        checked += bool(expected)
    assert checked > 10


def test_advanced_queries_find_the_same_passages_later(generated: CaseLibrary) -> None:
    query = 'title:voice OR NEAR("police" "watchlist", 5) OR "data broker"'
    full = search_cases(generated, query, advanced=True, limit=None)
    first = search_cases(generated, query, advanced=True, limit=None, passages=5)
    later = find_passages(generated, query, [h.case.id for h in first[5:]], advanced=True)
    assert len(full) > 5
    assert {h.case.id: h.snippet for h in full[5:] if h.snippet} == later


def test_passages_for_a_search_that_is_not_valid_syntax_are_refused(
    generated: CaseLibrary,
) -> None:
    case_id = search_cases(generated, "voice", limit=1)[0].case.id
    with pytest.raises(SearchSyntaxError, match="not valid advanced search syntax"):
        find_passages(generated, "voice AND (staff", [case_id], advanced=True)


def test_no_passages_for_no_words_or_no_cases(generated: CaseLibrary) -> None:
    assert find_passages(generated, "", ["GEN-1"]) == {}
    assert find_passages(generated, "?!", ["GEN-1"]) == {}
    assert find_passages(generated, "voice", []) == {}
    assert find_passages(generated, "voice", ["NO-SUCH-CASE"]) == {}


def test_searches_leave_no_scratch_tables_in_the_library(generated: CaseLibrary) -> None:
    before = generated.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    search_cases(generated, "voice", limit=50)
    find_passages(generated, "voice", ["GEN-1"])
    assert generated.conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == before
    assert generated.conn.execute("SELECT count(*) FROM temp.sqlite_master").fetchone() == (0,)
