"""The words that say what a case is about, for finding cases like it.

The case's text is tokenised and stemmed by SQLite itself — it is put in a temporary FTS5 table
with the library's own tokenizer, and read back through ``fts5vocab`` — so its terms are exactly
the ones in the library's index, whether or not the case has been saved. Each term is weighed by
tf-idf against the library's document frequencies; the surface word the case used is kept so
that the query and the reasons read as the case was written.
"""

from __future__ import annotations

import math
import re
import unicodedata
import weakref
from collections import Counter
from dataclasses import dataclass, field

from council_app.case import Case
from council_app.library import CaseLibrary
from council_app.library.rows import search_text_row

_TOKEN = re.compile(r"[^\W_]+")
_TOKENIZER = "porter unicode61 remove_diacritics 2"
MAX_TERMS = 12
# Looking up how many cases contain a term reads that term's whole posting list, which costs
# about a millisecond for a common term in 100,000 cases; only the likeliest candidates are
# looked up: the case's most frequent words and the words of its title.
LOOKUP_LIMIT = 40
# A term in more than this share of the cases tells little about any one case, and costs the
# most to rank: in a medium library a quarter, in a large one a twentieth.
MEDIUM_LIBRARY, MEDIUM_SHARE = 200, 0.25
LARGE_LIBRARY, LARGE_SHARE = 2000, 0.05
# Words that carry no subject in any case; in a small library idf alone cannot tell them apart.
_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    may me might more most must my no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they this
    those through to too under until up upon very was we were what when where which while who whom
    why will with would you your yours
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class KeyTerm:
    stem: str
    word: str  # as the case wrote it
    count: int  # times in the case
    documents: int  # cases in the library that contain it (other than this one)
    weight: float


@dataclass
class _Frequencies:
    """How many cases contain each word (up to a cap), remembered while the library is unchanged.

    Counting the cases that contain a common word reads thousands of entries of its posting list
    (about half a millisecond); a ranking looks up some 40 words, most of them common to many
    cases, so these counts were most of the cost of finding a case's key terms. They describe
    the library, not the case, so they are kept until it changes.
    """

    state: tuple[int, int, int] = (0, 0, 0)
    total: int | None = None
    found: dict[tuple[str, int], int] = field(default_factory=dict)


_FREQUENCIES: weakref.WeakKeyDictionary[CaseLibrary, _Frequencies] = weakref.WeakKeyDictionary()


def _library_state(library: CaseLibrary) -> tuple[int, int, int] | None:
    """What changes when the library's content may have: this connection's writes
    (``total_changes``) and other connections' commits (``PRAGMA data_version``); None inside a
    transaction, which may yet be rolled back."""
    conn = library.db.conn
    if conn.in_transaction:
        return None
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    return (id(conn), conn.total_changes, int(version))


def case_text(case: Case) -> str:
    row = search_text_row(case)
    parts = [row["title"], row["title"], row["summary"], row["tags"], row["use_case"]]
    parts += [row["assessments"], row["decision"], row["stakeholders"], row["mitigations"]]
    return unicodedata.normalize("NFC", "\n".join(p for p in parts if p))


def _ensure_probe(library: CaseLibrary) -> None:
    db = library.db
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.precedent_probe "
        f"USING fts5(body, tokenize='{_TOKENIZER}')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.precedent_probe_terms "
        "USING fts5vocab('temp', 'precedent_probe', 'instance')"
    )


def key_terms(library: CaseLibrary, case: Case, *, limit: int = MAX_TERMS) -> list[KeyTerm]:
    text = case_text(case)
    tokens = _TOKEN.findall(text)
    state = _library_state(library)
    known = _FREQUENCIES.get(library) if state is not None else None
    if known is None or known.state != state:
        known = _Frequencies()
    _ensure_probe(library)
    db = library.db
    db.execute("DELETE FROM temp.precedent_probe")
    db.execute("INSERT INTO temp.precedent_probe(body) VALUES (?)", [text])
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for stem, offset in db.execute("SELECT term, offset FROM temp.precedent_probe_terms"):
        if offset < len(tokens) and tokens[offset].lower() not in STOP_WORDS:
            counts[stem] += 1
            surfaces.setdefault(stem, Counter())[tokens[offset].lower()] += 1
    db.execute("DELETE FROM temp.precedent_probe")
    if state is not None:
        # After the probe's own writes, which change nothing the counts depend on.
        after = _library_state(library)
        if after is not None:
            known.state = after
            _FREQUENCIES[library] = known

    if known.total is None:
        known.total = library.count_cases()
    total = known.total
    saved = library.has_case(case.id)
    others = max(total - (1 if saved else 0), 1)
    title_words = {w.lower() for w in _TOKEN.findall(case.title)}
    eligible = [s for s in counts if not s.isdigit() and len(s) >= 3]
    eligible.sort(key=lambda s: (-counts[s], -len(s), s))
    wanted = list(
        dict.fromkeys(
            eligible[:LOOKUP_LIMIT] + [s for s in eligible if set(surfaces[s]) & title_words]
        )
    )
    share = (
        LARGE_SHARE
        if others >= LARGE_LIBRARY
        else MEDIUM_SHARE
        if others >= MEDIUM_LIBRARY
        else 1.0
    )
    # Counting stops one past the most a useful term may have: a term in every case would
    # otherwise cost a read of its whole posting list, only to be thrown away.
    cap = int(others * share) + 2
    terms: list[KeyTerm] = []
    for stem in wanted:
        count = counts[stem]
        word = surfaces[stem].most_common(1)[0][0]
        found = known.found.get((word, cap))
        if found is None:
            (found,) = db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM case_terms_fts WHERE case_terms_fts "
                "MATCH ? LIMIT ?)",
                [f'"{word}"', cap],
            ).fetchone()
            known.found[(word, cap)] = found
        documents = found - (1 if saved and found else 0)
        if documents <= 0 or documents / others > share:
            continue
        weight = (1 + math.log(count)) * math.log((others + 1) / (documents + 1))
        terms.append(KeyTerm(stem, word, count, documents, weight))
    terms.sort(key=lambda t: (-t.weight, t.stem))
    return terms[:limit]


def or_query(terms: list[KeyTerm]) -> str | None:
    """An FTS5 query matching any of the terms (each quoted, so taken as a word)."""
    words = [t.word for t in terms if _TOKEN.fullmatch(t.word)]
    return " OR ".join(f'"{w}"' for w in words) or None
