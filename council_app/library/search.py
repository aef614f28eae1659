"""Full-text search over the case library (FTS5, bm25, highlighted snippets, filters).

Whatever a user types is safe. In the plain mode every run of letters and digits the user typed
becomes a quoted FTS5 phrase, so quotes, ``*``, ``-``, ``NEAR``, ``AND``, parentheses and emoji
are words or nothing, never syntax; all phrases must match. The advanced mode passes the query to
FTS5 as written, for users who ask for its syntax, and turns a syntax error into a message.
A text with no word at all (``"'``, ``?!``) is not searched: :func:`search_prompt` says what to
say instead, for the library page and the CLI alike.

Words are found by their stems (``case_text_fts``, Porter) and ranked by bm25, but cases holding
every word as written (the word index, ``case_words_fts``) come first: "election" lists the cases
saying "election" before those saying only "elections" or "elected". Only the word being typed
(the last, with nothing after it, in a search as you type) is a beginning of words, and a
beginning of words as written, not of stems (see :func:`_plain_match`); every other word, and
every word of a submitted search, is a whole word.

FTS5's own ``snippet()`` compares every matched word with every other, so its cost grows with the
square of the matches ('a a a …' took seconds); passages are instead chosen here, in one pass over
``highlight()``'s marks. They are found for the hits a reader is shown, not for every hit: a
search asks for the first screenful, and the list asks for more as it is scrolled
(:func:`find_passages`). Text that is not valid Unicode (lone
surrogates from a broken paste or from argv bytes that are not UTF-8) cannot reach SQLite: the
plain mode reads only its words, the advanced mode refuses it, and a filter value no case can
hold finds nothing.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from council_app.case import CaseSummary
from council_app.errors import CouncilError, LibraryError, SearchSyntaxError
from council_app.library.case_library import CaseLibrary, describe_sqlite_error
from council_app.library.rows import summary_from_row
from council_app.library.schema import (
    FTS_COLUMNS,
    FTS_TOKENIZER,
    WORD_INDEX,
    WORD_VOCABULARY,
    WORDS_TOKENIZER,
)

# What a search with no word to look for says, in the library page and the CLI alike.
NO_WORDS_PROMPT = "Type a word to search."
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SNIPPET_TOKENS = 18
# A pasted page of text is still a valid query, but matching on more words than this adds
# nothing: no case contains all of them anyway.
MAX_QUERY_WORDS = 64
# FTS5 ranks an advanced query in time that grows with the square of its terms when they match
# the same words ('a a a …' 1000 times takes 14 s on the demo library): more are refused.
MAX_ADVANCED_TERMS = 64
# How many words of context a passage shows before its first matched word.
SNIPPET_LEAD = 3
# Passages tried per column: one starting near each of the first matches.
SNIPPET_CANDIDATES = 64
# How far before the first match a passage's words are looked for (SNIPPET_LEAD words and more).
SNIPPET_LEAD_CHARS = 200
# Past this many cases in SearchFilters.case_ids, the list reads the cases in its order and checks
# each against the set rather than looking each id up (see _filter_sql).
MANY_CASE_IDS = 2000
# How many hits the library list shows: the best of a search, which a user narrows with more
# words or filters rather than reads to the end.
LIST_HITS = 500
# How many of them come with their passage at once: more than a tall screen shows. The others'
# are found as the list is scrolled to them.
FIRST_PASSAGES = 30
# The word being typed matches the library's words beginning with it once it has this many
# letters, and while at most TYPED_WORDS words do (see _plain_match).
TYPED_LETTERS = 3
TYPED_WORDS = 32

_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]")
# Anything but a letter, a digit, a hyphen or an apostrophe separates search terms.
_TERM_SEPARATOR = re.compile(r"[^\w\-'’]+|_+")
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})
# An FTS5 string: "…" with "" for a quote inside; an unclosed one runs to the end.
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')

SortOrder = Literal["relevance", "date"]
Passage = tuple[tuple[str, bool], ...]

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


# The ranking the index was made with (title and summary weigh most), written out: FTS5 sorts
# by its configured ``rank`` column itself, over every match, about 1.4× slower on a common
# word than SQLite keeping the best few of bm25() with the same weights.
_SCORE_SQL = "bm25(case_text_fts, {})".format(", ".join(f"{weight:g}" for _, weight in FTS_COLUMNS))

# A hit's case summary, as CaseLibrary.SUMMARY_SQL reads it but for the regions and tags, which
# are gathered for the whole page at once (see _labels).
_HIT_SQL = """
    SELECT {extra} c.id, c.title, c.product, c.customer, c.sector, c.status, c.submitted,
           c.summary, d.outcome, d.date AS decided, d.review_by
    FROM cases c LEFT JOIN decisions d ON d.case_id = c.id
"""
_CASE_JOINS = (
    "JOIN case_text t ON t.doc_id = f.rowid JOIN cases c ON c.id = t.case_id "
    "LEFT JOIN decisions d ON d.case_id = c.id"
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
    # A taxonomy entry ("eu_ai_act.social_scoring") or a whole taxonomy ("eu_ai_act").
    classifications: tuple[str, ...] = ()
    # Only these cases; None means any, an empty set none. For narrowing a search by a rule the
    # core states elsewhere (which decisions are due for review: council.review), so that the
    # search does not write its own version of that rule in SQL.
    case_ids: frozenset[str] | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None

    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass(frozen=True)
class SearchHit:
    case: CaseSummary
    rank: float | None
    # The best-matching passage as (text, highlighted) parts, for any renderer; empty when only
    # the tags matched, or when the search was not asked for this hit's passage.
    snippet: Passage = field(default=())

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


def _plain_phrases(text: str, *, prefix_last: bool) -> tuple[list[str], bool] | None:
    """The phrases to find in what a user typed, and whether the last is still being typed.

    None when the text has no words at all. The rule for which word matches as a prefix lives
    here, once: only the last word, when the search is as-you-type (``prefix_last``) and nothing
    follows the word (not even a space). A word followed by a space, and every word of a
    submitted search (Enter, the CLI), is a whole word.
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
    ends_in_word = bool(text) and _WORD.fullmatch(text[-1]) is not None
    typing = prefix_last and ends_in_word and unique[-1] == phrases[-1]
    return unique, typing


def plain_match_query(text: str, *, prefix_last: bool = False) -> str | None:
    """The FTS5 expression for what a user typed, or None when it has no words at all.

    Every word must match, by its stem. Words joined by a hyphen or an apostrophe
    (``face-recognition``, ``don't``) must match side by side, as one phrase. The operator words
    AND, OR, NOT and NEAR typed in capitals are read as connectives, not as words to find
    (unless they are all there is). With ``prefix_last`` the word being typed also matches
    words that begin with it (see :func:`_plain_phrases`); the search narrows that to words
    beginning with it as written (:func:`_plain_match`).
    """
    found = _plain_phrases(text, prefix_last=prefix_last)
    if found is None:
        return None
    phrases, typing = found
    quoted = [_quote(p) for p in phrases]
    if typing:
        quoted[-1] += "*"
    return " ".join(quoted)


def search_prompt(text: str) -> str | None:
    """What to say instead of searching when what was typed holds no word to look for (only
    punctuation, symbols or emoji: ``"'``, ``--``, ``?!``); None when it holds a word, or
    nothing at all (which lists every case). The library page and the CLI both say this."""
    if text.strip() and not _WORD.search(text):
        return NO_WORDS_PROMPT
    return None


@dataclass(frozen=True)
class _Match:
    """A search as FTS5 expressions for the library's two indexes."""

    # For case_text_fts, which finds and ranks: every word by its stem.
    stemmed: str
    # For the word index: the cases holding every word as written, and a word beginning with
    # the one being typed. They rank first.
    literal: str | None = None


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def _plain_match(library: CaseLibrary, text: str, *, prefix_last: bool) -> _Match | None:
    """The search for what a user typed.

    The word being typed matches, by their stems, the words of the library that begin with it
    as written (the word index's vocabulary says which), and itself whole: "elections" typed
    finds "elections" and, by its stem, "election"; never "electronics", although the stem
    "electron" begins with "elect", and "electi" typed finds "election" although no stem begins
    with "electi". When that is the same as the beginning of stems (the stemmer leaves the word
    typed as it is, and the stem of every word beginning with it begins with it too: "out",
    "surveil"), the word is asked as the beginning of stems, which FTS5 answers faster than an OR
    of the words (at 100,000 cases "out" took 107 ms so, 197 ms as "out" OR "output" OR …). So
    is a beginning shorter than TYPED_LETTERS, or shared by more than TYPED_WORDS words (FTS5
    ranks an OR of many common words slowly: 64 took 160 ms on 20,000 cases). A library without
    the word index (read as it is, from before it) has only the stems' beginnings.
    """
    found = _plain_phrases(text, prefix_last=prefix_last)
    if found is None:
        return None
    phrases, typing = found
    if not _has_word_index(library):
        return _Match(plain_match_query(text, prefix_last=prefix_last) or "")
    # The word index has no positions, so a phrase is asked of it word by word.
    tokens = _tokens(tuple(phrases), WORDS_TOKENIZER)
    literal = [_quote(token) for phrase in tokens for token in phrase]
    quoted = [_quote(p) for p in phrases]
    if typing and tokens[-1]:
        *before, last = tokens[-1]
        words = _words_beginning(library, last) if len(last) >= TYPED_LETTERS else None
        candidates = (last, *words) if words is not None else ()
        stems = _stems(candidates)
        if not stems or (stems[0] == last and all(stem.startswith(last) for stem in stems)):
            quoted[-1] = _quote(" ".join(tokens[-1])) + "*"
            # Every case found holds a word beginning with it as written already: asking the
            # word index again would only cost time (20–26 ms for "out" or "surveil" in
            # 100,000 cases, as long as ranking them).
            literal.pop()
        else:
            literal[-1] += "*"
            # One word for each stem: FTS5 stems each again, and words of one stem add nothing.
            by_stem: dict[str, str] = {}
            for stem, word in zip(stems, candidates, strict=True):
                by_stem.setdefault(stem, word)
            alternatives = [_quote(" ".join([*before, word])) for word in by_stem.values()]
            quoted[-1] = "(" + " OR ".join(alternatives) + ")"
    # FTS5 joins a phrase to a bracketed OR only with an explicit AND.
    return _Match(" AND ".join(quoted), literal=" ".join(literal) or None)


def _words_beginning(library: CaseLibrary, start: str) -> list[str] | None:
    """The library's words, as written, that begin with ``start`` (not ``start`` itself); None
    when there are more than TYPED_WORDS of them."""
    words = [
        word
        for (word,) in library.conn.execute(
            f"SELECT term FROM {WORD_VOCABULARY} WHERE term > ? AND term < ? LIMIT ?",
            [start, start + "\U0010ffff", TYPED_WORDS + 1],
        )
    ]
    return None if len(words) > TYPED_WORDS else words


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each word's stem, as the main index holds it (a word the stemmer splits: its first)."""
    return tuple(
        stemmed[0] if stemmed else word
        for word, stemmed in zip(words, _tokens(words, FTS_TOKENIZER), strict=True)
    )


@functools.lru_cache(maxsize=512)
def _tokens(phrases: tuple[str, ...], tokenizer: str) -> tuple[tuple[str, ...], ...]:
    """The words of each phrase as an index with ``tokenizer`` holds them, split, folded (and
    stemmed, for the main index) by SQLite.

    Python and SQLite's Unicode tables disagree on a few characters (Python counts U+19B0–U+19C9
    as letters, SQLite splits words at them), and more than one word in quotes is a phrase,
    which an index without positions refuses with an error. SQLite's own tokenizer, run on a
    scratch table, says what the words are (about a millisecond: kept for the searches typed
    next, which mostly repeat the words before the one being typed).
    """
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE phrases USING fts5(phrase, tokenize={tokenizer!r})")
        scratch.execute("CREATE VIRTUAL TABLE tokens USING fts5vocab(phrases, instance)")
        scratch.executemany(
            "INSERT INTO phrases (rowid, phrase) VALUES (?, ?)", enumerate(phrases, 1)
        )
        found: list[list[str]] = [[] for _ in phrases]
        for doc, term in scratch.execute("SELECT doc, term FROM tokens ORDER BY doc, offset"):
            found[doc - 1].append(term)
    finally:
        scratch.close()
    return tuple(tuple(words) for words in found)


def _has_word_index(library: CaseLibrary) -> bool:
    """False for a library read as it is from before the word index (see INDEX_ONLY_STEPS)."""
    (count,) = library.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        [WORD_INDEX, WORD_VOCABULARY],
    ).fetchone()
    return bool(count == 2)


def _is_text(value: str) -> bool:
    """False for a string SQLite cannot be given: one holding lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[object]]:
    where: list[str] = []
    args: list[object] = []

    def any_of(condition: str, values: Sequence[str]) -> None:
        """``condition`` holds ``{marks}`` where the placeholders for the values go."""
        if not values:
            return
        # A value that is not valid text cannot be stored, so no case has it: like any other
        # value no case has, it matches nothing (and must not widen the filter to "any"). NULL
        # stands in for it rather than a constant false, which would let SQLite skip the query,
        # and with it the refusal of an advanced query that does not parse.
        usable: list[str | None] = [value for value in values if _is_text(value)]
        where.append(condition.format(marks=",".join("?" * max(len(usable), 1))))
        args.extend(usable or [None])

    any_of("d.outcome IN ({marks})", filters.outcomes)
    any_of("c.status IN ({marks})", filters.statuses)
    any_of("c.product IN ({marks})", filters.products)
    any_of("c.sector IN ({marks})", filters.sectors)
    any_of("c.id IN (SELECT case_id FROM case_regions WHERE region IN ({marks}))", filters.regions)
    any_of("c.id IN (SELECT case_id FROM case_tags WHERE tag IN ({marks}))", filters.tags)
    any_of(
        "c.id IN (SELECT a.case_id FROM principle_ratings r JOIN assessments a "
        "ON a.id = r.assessment_id WHERE r.principle IN ({marks}) AND r.score >= 3)",
        filters.principles,
    )
    if filters.classifications:
        usable: list[str | None] = [v for v in filters.classifications if _is_text(v)]
        where.append(
            "c.id IN (SELECT case_id FROM case_classifications WHERE "
            + " OR ".join(
                ["classification = ? OR instr(classification, ? || '.') = 1"] * max(len(usable), 1)
            )
            + ")"
        )
        for value in usable or [None]:
            args += [value, value]
    if filters.case_ids is not None:
        # One JSON argument however many cases there are: a variable for each would pass
        # SQLite's limit of bound variables (32,766) on a large library. An id that is not valid
        # text is no case's, like a filter value above.
        ids = [case_id for case_id in filters.case_ids if _is_text(case_id)]
        # SQLite cannot tell how many ids the JSON holds and looks each one up, then sorts them
        # all; for many, reading the cases in the order listed and checking each against the set
        # (the ``+`` keeps it from using the id's index) stops at the hits asked for. Listing
        # 500 of 20,000 cases: 100 ids 0.5 ms looked up / 31 ms read in order; 2,000 ids 14 /
        # 10 ms; 20,000 ids 109 / 24 ms. A text search reads its matches from the index either way.
        column = "+c.id" if len(ids) > MANY_CASE_IDS else "c.id"
        where.append(f"{column} IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(ids))
    if filters.submitted_from:
        where.append("c.submitted >= ?")
        args.append(filters.submitted_from.isoformat())
    if filters.submitted_to:
        where.append("c.submitted <= ?")
        args.append(filters.submitted_to.isoformat())
    return where, args


def _passages(library: CaseLibrary, match: str, doc_ids: Sequence[int]) -> dict[int, Passage]:
    """Each document's passage, from the first column, in order of preference, that gives one.

    The documents' text is indexed afresh in a scratch FTS5 table made like the library's and
    asked the same query, so ``highlight()`` marks what the library's index matched and reads
    only these few documents. Asked of the library's index instead, FTS5 walks each term's
    whole list of documents again (an ``IN`` of 40 rowids took up to half a second on a common
    word in 100,000 cases); in the ranked query itself, FTS5 must sort every match by rank.
    """
    if not doc_ids:
        return {}
    columns = ", ".join(_FTS_COLUMN_NAMES)
    rows: list[tuple[object, ...]] = []
    for start in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[start : start + 500])
        rows += library.conn.execute(
            f"SELECT doc_id, {columns} FROM case_text "
            f"WHERE doc_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    marked = ", ".join(
        f"highlight(passage_text, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}')"
        for column in _SNIPPET_COLUMNS
    )
    found: dict[int, Passage] = {}
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(
            f"CREATE VIRTUAL TABLE passage_text USING fts5({columns}, tokenize={FTS_TOKENIZER!r})"
        )
        scratch.executemany(
            f"INSERT INTO passage_text (rowid, {columns}) "
            f"VALUES (?, {', '.join('?' * len(_FTS_COLUMN_NAMES))})",
            rows,
        )
        for doc_id, *texts in scratch.execute(
            f"SELECT rowid, {marked} FROM passage_text WHERE passage_text MATCH ?", [match]
        ):
            for text in texts:
                passage = (
                    _passage(text) if isinstance(text, str) and HIGHLIGHT_START in text else ()
                )
                if passage:
                    found[doc_id] = passage
                    break
    finally:
        scratch.close()
    return found


def _labels(library: CaseLibrary, rows: list[dict[str, object]]) -> None:
    """Fill in each row's regions and tags, as the case summaries' SQL gathers them.

    One query per table for the whole page instead of two subqueries per row: 500 hits asked
    for a thousand small sorted lookups.
    """
    case_ids = [row["id"] for row in rows]
    for table, column in (("case_regions", "region"), ("case_tags", "tag")):
        gathered: dict[object, list[str]] = {}
        for start in range(0, len(case_ids), 500):
            chunk = case_ids[start : start + 500]
            cursor = library.conn.execute(
                f"SELECT case_id, {column} FROM {table} "
                f"WHERE case_id IN ({','.join('?' * len(chunk))}) ORDER BY case_id, position",
                chunk,
            )
            for case_id, value in cursor:
                gathered.setdefault(case_id, []).append(value)
        plural = f"{column}s"
        for row in rows:
            values = gathered.get(row["id"])
            row[plural] = "\x1f".join(values) if values else None


def _passage(highlighted: str) -> Passage:
    """SNIPPET_TOKENS words of a column's text showing as many different matched words as can be.

    Ties go to the earliest passage. Linear in the text, whatever the number of matches.
    """
    pieces = _MARKS.split(highlighted)
    text = "".join(pieces)
    marked: list[tuple[int, int]] = []
    position = 0
    for index, piece in enumerate(pieces):
        if index % 2 == 1 and piece:
            marked.append((position, position + len(piece)))
        position += len(piece)
    if not marked:
        return ()
    # Only words near the first matches can be in the passage: the scan starts a little before
    # the first match (at a word's start) and stops a passage's length after the last one
    # tried. A long column (the assessments run to thousands of words) costs no more than a
    # short one; reading every word of it made search 5× slower than its FTS5 query.
    scan_from = max(0, marked[0][0] - SNIPPET_LEAD_CHARS)
    while scan_from > 0 and _WORD.match(text, scan_from - 1):
        scan_from -= 1
    words_before = _WORD.search(text, 0, scan_from) is not None
    # The words from scan_from up to the end of a batch of marks, then matched against them.
    words: list[tuple[int, int]] = []
    ends: list[int] = []
    matched: list[int] = []  # indexes of the words inside a marked span
    batch = 0
    while len(matched) < SNIPPET_CANDIDATES and batch < len(marked):
        first_mark = batch
        batch = min(len(marked), batch + SNIPPET_CANDIDATES)
        bound = marked[batch - 1][1]
        begin_at = words[-1][1] if words else scan_from
        new = [found.span() for found in _WORD.finditer(text, begin_at, bound)]
        whole = _WORD.match(text, new[-1][0]) if new and new[-1][1] == bound else None
        if whole is not None:  # the last word went on past the bound
            new[-1] = whole.span()
        words += new
        ends += [end for _, end in new]
        # The words a mark overlaps: those ending after it starts and starting before it ends.
        for mark_start, mark_end in marked[first_mark:batch]:
            index = bisect_left(ends, mark_start + 1)
            while index < len(words) and words[index][0] < mark_end:
                if not matched or matched[-1] < index:
                    matched.append(index)
                index += 1
    del matched[SNIPPET_CANDIDATES:]
    if not matched:
        return ()
    wanted = matched[-1] + SNIPPET_TOKENS + 1
    if len(words) < wanted:
        more = _WORD.finditer(text, words[-1][1])
        for found in more:
            words.append(found.span())
            if len(words) >= wanted:
                break
    folded = [text[slice(*words[i])].casefold() for i in matched]
    best: tuple[int, int] | None = None
    first = 0
    for index in matched:
        begin = max(0, min(index - SNIPPET_LEAD, len(words) - SNIPPET_TOKENS))
        low = bisect_left(matched, begin)
        high = bisect_left(matched, begin + SNIPPET_TOKENS)
        score = (len(set(folded[low:high])), high - low)
        if best is None or score > best:
            best, first = score, begin
    last = min(first + SNIPPET_TOKENS, len(words))
    cut_from = words[first][0] if first > 0 or words_before else 0
    cut_to = words[last - 1][1] if last < len(words) else len(text)
    parts: list[tuple[str, bool]] = [("…", False)] if first > 0 or words_before else []
    position = 0
    for index, piece in enumerate(pieces):
        start, end = max(position, cut_from), min(position + len(piece), cut_to)
        position += len(piece)
        if start < end:
            parts.append((text[start:end], index % 2 == 1))
    if last < len(words):
        parts.append(("…", False))
    merged: list[tuple[str, bool]] = []
    for part in parts:
        if merged and merged[-1][1] == part[1]:
            merged[-1] = (merged[-1][0] + part[0], part[1])
        else:
            merged.append(part)
    return tuple(merged)


def _check_advanced(text: str) -> None:
    """Refuse, before FTS5 sees it, an advanced query that cannot be passed on as written."""
    leave = "Leave advanced search off to search for the words as typed."
    if not _is_text(text):
        raise SearchSyntaxError(
            f"The search {text!r} holds characters that are not valid text (a broken paste, or "
            f"bytes that are not UTF-8), so it cannot be used as advanced search syntax. {leave}"
        )
    # A quoted phrase is one term however long; so is each word outside quotes.
    phrases = _QUOTED.findall(text)
    words = _WORD.findall(_QUOTED.sub(" ", text))
    terms = len(phrases) + sum(word not in _OPERATOR_WORDS for word in words)
    if terms > MAX_ADVANCED_TERMS:
        raise SearchSyntaxError(
            f"The advanced search has {terms} terms (words or quoted phrases); it takes at most "
            f"{MAX_ADVANCED_TERMS}. {leave}"
        )


def search_cases(
    library: CaseLibrary,
    text: str = "",
    filters: SearchFilters | None = None,
    *,
    sort: SortOrder = "relevance",
    limit: int | None = 200,
    advanced: bool = False,
    prefix_last: bool = False,
    passages: int | None = None,
) -> list[SearchHit]:
    """Cases matching the text and filters, best match first (or newest first).

    ``passages`` says how many of the first hits come with the passage that matched (all when
    None); the library list asks for a screenful and finds the others with
    :func:`find_passages` as they are scrolled to.
    """
    filters = filters or SearchFilters()
    if advanced:
        _check_advanced(text)
    if search_prompt(text) is not None:
        return []  # only punctuation or emoji: no word to look for
    match = _match_query(library, text, advanced=advanced, prefix_last=prefix_last)
    where, args = _filter_sql(filters)
    if match is None:
        sql = _HIT_SQL.format(extra="NULL AS rank, NULL AS doc_id,")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.submitted DESC, c.id DESC"
        params: list[object] = list(args)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
    else:
        sql, params = _ranked_sql(match, where, args, by_date=sort == "date", limit=limit)
    try:
        cursor = library.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, raw, strict=True)) for raw in cursor]
        _labels(library, rows)
        found: dict[int, Passage] = {}
        if match is not None:
            doc_ids = [row["doc_id"] for row in rows if isinstance(row["doc_id"], int)]
            found = _passages(library, match.stemmed, doc_ids[:passages])
    except sqlite3.OperationalError as exc:
        raise _search_error(exc, library, text, advanced=advanced) from exc
    return [
        SearchHit(
            case=summary_from_row(row),
            rank=row["rank"],
            snippet=found.get(row["doc_id"], ()) if isinstance(row["doc_id"], int) else (),
        )
        for row in rows
    ]


def find_passages(
    library: CaseLibrary,
    text: str,
    case_ids: Sequence[str],
    *,
    advanced: bool = False,
    prefix_last: bool = False,
) -> dict[str, Passage]:
    """The passage each case matched a search with, for the hits it was not asked for at first.

    Cases with no passage (only their tags matched, or they no longer match) are left out.
    """
    if advanced:
        _check_advanced(text)
    match = _match_query(library, text, advanced=advanced, prefix_last=prefix_last)
    if match is None or not case_ids:
        return {}
    try:
        doc_of: dict[int, str] = {}
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            doc_of.update(
                library.conn.execute(
                    f"SELECT doc_id, case_id FROM case_text "
                    f"WHERE case_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        found = _passages(library, match.stemmed, list(doc_of))
    except sqlite3.OperationalError as exc:
        raise _search_error(exc, library, text, advanced=advanced) from exc
    return {doc_of[doc_id]: passage for doc_id, passage in found.items()}


def _match_query(
    library: CaseLibrary, text: str, *, advanced: bool, prefix_last: bool
) -> _Match | None:
    if advanced:
        return _Match(text.strip()) if text.strip() else None
    return _plain_match(library, text, prefix_last=prefix_last)


# A hit that the word index also finds, for an expression given as a parameter.
_IN_WORDS = f"f.rowid IN (SELECT rowid FROM {WORD_INDEX} WHERE {WORD_INDEX} MATCH ?)"


def _ranked_sql(
    match: _Match, where: list[str], args: list[object], *, by_date: bool, limit: int | None
) -> tuple[str, list[object]]:
    """The query for the best hits of a search, with its parameters.

    The best hits are chosen from the index alone (joined to the cases only when a filter or
    the date order needs them), and only those are read: joining every match to its case and
    sorting whole rows took three times as long on a common word. Cases holding every word as
    written rank before those matching only by stems (``stemmed_only``): the word index is asked
    once for the whole set (an uncorrelated IN), which costs little beside ranking by bm25.
    """
    params: list[object] = []
    stemmed_only = "0"
    if match.literal is not None:
        stemmed_only = f"NOT {_IN_WORDS}"
        params.append(match.literal)
    chosen = (
        f"SELECT f.rowid AS doc_id, {_SCORE_SQL} AS score, {stemmed_only} AS stemmed_only "
        "FROM case_text_fts f"
    )
    if where or by_date:
        chosen += " " + _CASE_JOINS
    chosen += " WHERE case_text_fts MATCH ?"
    params.append(match.stemmed)
    if where:
        chosen += " AND " + " AND ".join(where)
        params += args
    chosen += " ORDER BY c.submitted DESC, score" if by_date else " ORDER BY stemmed_only, score"
    if limit is not None:
        chosen += " LIMIT ?"
        params.append(limit)
    sql = _HIT_SQL.format(extra="s.score AS rank, s.doc_id AS doc_id,").replace(
        "FROM cases c",
        f"FROM ({chosen}) s JOIN case_text t ON t.doc_id = s.doc_id "
        "JOIN cases c ON c.id = t.case_id",
        1,
    )
    sql += " ORDER BY c.submitted DESC, s.score" if by_date else " ORDER BY s.stemmed_only, s.score"
    return sql, params


def _search_error(
    exc: sqlite3.OperationalError, library: CaseLibrary, text: str, *, advanced: bool
) -> CouncilError:
    """What to tell the user of a failed search: their syntax, or the library's state."""
    message = str(exc)
    operational = ("locked", "busy", "disk", "readonly", "unable to open")
    if advanced and not any(word in message for word in operational):
        return SearchSyntaxError(
            f"The search {text!r} is not valid advanced search syntax ({message}). "
            "Leave advanced search off to search for the words as typed."
        )
    return LibraryError(describe_sqlite_error(exc, library.path))
