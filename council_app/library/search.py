"""Full-text search over the case library (FTS5, bm25, highlighted snippets, filters).

Whatever a user types is safe. In the plain mode every run of letters and digits the user typed
becomes a quoted FTS5 phrase, so quotes, ``*``, ``-``, ``NEAR``, ``AND``, parentheses and emoji
are words or nothing, never syntax; all phrases must match. The advanced mode passes the query to
FTS5 as written, for users who ask for its syntax, and turns a syntax error into a message.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from council_app.case import CaseSummary
from council_app.errors import LibraryError, SearchSyntaxError
from council_app.library.case_library import CaseLibrary, describe_sqlite_error
from council_app.library.rows import summary_from_row
from council_app.library.schema import FTS_COLUMNS

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SNIPPET_TOKENS = 18
# A pasted page of text is still a valid query, but matching on more words than this adds
# nothing: no case contains all of them anyway.
MAX_QUERY_WORDS = 64

_WORD = re.compile(r"[^\W_]+")
# Anything but a letter, a digit, a hyphen or an apostrophe separates search terms.
_TERM_SEPARATOR = re.compile(r"[^\w\-'’]+|_+")
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})

SortOrder = Literal["relevance", "date"]

# Columns of case_text_fts to quote from, best first: prose reads better than the title (which
# the list shows anyway) and far better than the tag list, which is indexed but not quoted.
_FTS_COLUMN_NAMES = [name for name, _ in FTS_COLUMNS]
_SNIPPET_COLUMNS = tuple(
    _FTS_COLUMN_NAMES.index(name)
    for name in (
        "summary",
        "use_case",
        "assessments",
        "decision",
        "stakeholders",
        "mitigations",
        "title",
    )
)


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search; an empty tuple means "any"."""

    outcomes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # A case concerns a principle when at least one member rated that principle 3 or 4.
    principles: tuple[str, ...] = ()
    # Decisions to be reviewed on or before this date.
    review_due_by: date | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None

    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass(frozen=True)
class SearchHit:
    case: CaseSummary
    rank: float | None
    # The best-matching passage as (text, highlighted) parts, for any renderer.
    snippet: tuple[tuple[str, bool], ...] = field(default=())

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)


def query_words(text: str) -> list[str]:
    """The words of what a user typed, in order, without repeats."""
    words: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words


def plain_match_query(text: str, *, prefix_last: bool = False) -> str | None:
    """The FTS5 expression for what a user typed, or None when it has no words at all.

    Every word must match. Words joined by a hyphen or an apostrophe (``face-recognition``,
    ``don't``) must match side by side, as one phrase. The operator words AND, OR, NOT and NEAR
    typed in capitals are read as connectives, not as words to find (unless they are all there
    is). With ``prefix_last`` the last word also matches words that begin with it, for search
    as you type.
    """
    text = unicodedata.normalize("NFC", text)
    phrases: list[str] = []
    for part in _TERM_SEPARATOR.split(text):
        words = _WORD.findall(part)
        if words:
            phrases.append(" ".join(words))
    content = [p for p in phrases if p not in _OPERATOR_WORDS]
    if content:
        phrases = content
    unique: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        if phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            unique.append(phrase)
    unique = unique[:MAX_QUERY_WORDS]
    if not unique:
        return None
    quoted = [f'"{p}"' for p in unique]
    ends_in_word = bool(text) and _WORD.fullmatch(text[-1]) is not None
    if prefix_last and ends_in_word and phrases and unique[-1] == phrases[-1]:
        quoted[-1] += "*"
    return " ".join(quoted)


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[object]]:
    where: list[str] = []
    args: list[object] = []

    def any_of(column: str, values: Sequence[str]) -> None:
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            args.extend(values)

    any_of("d.outcome", filters.outcomes)
    any_of("c.status", filters.statuses)
    any_of("c.product", filters.products)
    any_of("c.sector", filters.sectors)
    if filters.regions:
        marks = ",".join("?" * len(filters.regions))
        where.append(f"c.id IN (SELECT case_id FROM case_regions WHERE region IN ({marks}))")
        args.extend(filters.regions)
    if filters.tags:
        marks = ",".join("?" * len(filters.tags))
        where.append(f"c.id IN (SELECT case_id FROM case_tags WHERE tag IN ({marks}))")
        args.extend(filters.tags)
    if filters.principles:
        marks = ",".join("?" * len(filters.principles))
        where.append(
            "c.id IN (SELECT a.case_id FROM principle_ratings r JOIN assessments a "
            f"ON a.id = r.assessment_id WHERE r.principle IN ({marks}) AND r.score >= 3)"
        )
        args.extend(filters.principles)
    if filters.review_due_by:
        where.append("d.review_by IS NOT NULL AND d.review_by <= ?")
        args.append(filters.review_due_by.isoformat())
    if filters.submitted_from:
        where.append("c.submitted >= ?")
        args.append(filters.submitted_from.isoformat())
    if filters.submitted_to:
        where.append("c.submitted <= ?")
        args.append(filters.submitted_to.isoformat())
    return where, args


def _best_snippet(row: dict[str, object]) -> tuple[tuple[str, bool], ...]:
    """The first passage, in order of preference, that shows a matched word."""
    for column in _SNIPPET_COLUMNS:
        text = row.get(f"snippet_{column}")
        if isinstance(text, str) and HIGHLIGHT_START in text:
            return _parts(text)
    return ()


def _parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", snippet)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return tuple(parts)


def search_cases(
    library: CaseLibrary,
    text: str = "",
    filters: SearchFilters | None = None,
    *,
    sort: SortOrder = "relevance",
    limit: int | None = 200,
    advanced: bool = False,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Cases matching the text and filters, best match first (or newest first)."""
    filters = filters or SearchFilters()
    match = (text.strip() or None) if advanced else plain_match_query(text, prefix_last=prefix_last)
    if match is None and text.strip() and not advanced:
        return []  # only punctuation or emoji: no word to look for
    where, args = _filter_sql(filters)
    select = library.SUMMARY_SQL.replace("SELECT c.id,", "SELECT {extra} c.id,", 1)
    if match is None:
        sql = select.format(extra="NULL AS rank,")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.submitted DESC, c.id DESC"
        params: list[object] = list(args)
    else:
        extra = "f.rank AS rank, " + "".join(
            f"snippet(case_text_fts, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', "
            f"{SNIPPET_TOKENS}) AS snippet_{column}, "
            for column in _SNIPPET_COLUMNS
        )
        sql = select.format(extra=extra).replace(
            "FROM cases c",
            "FROM case_text_fts f JOIN case_text t ON t.doc_id = f.rowid "
            "JOIN cases c ON c.id = t.case_id",
            1,
        )
        sql += " WHERE case_text_fts MATCH ?"
        if where:
            sql += " AND " + " AND ".join(where)
        sql += " ORDER BY f.rank" if sort == "relevance" else " ORDER BY c.submitted DESC, f.rank"
        params = [match, *args]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        cursor = library.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        hits = []
        for raw in cursor:
            row = dict(zip(names, raw, strict=True))
            hits.append(
                SearchHit(
                    case=summary_from_row(row),
                    rank=row["rank"],
                    snippet=_best_snippet(row),
                )
            )
    except sqlite3.OperationalError as exc:
        message = str(exc)
        operational = ("locked", "busy", "disk", "readonly", "unable to open")
        if advanced and not any(word in message for word in operational):
            raise SearchSyntaxError(
                f"The search {text!r} is not valid advanced search syntax ({message}). "
                "Leave advanced search off to search for the words as typed."
            ) from exc
        raise LibraryError(describe_sqlite_error(exc, library.path)) from exc
    return hits
