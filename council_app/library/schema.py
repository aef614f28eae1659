"""The case library's schema and its migrations.

The schema is written out as SQL so that it reads the same here, in ``docs/library-schema.md``
and in ``sqlite3 library.sqlite .schema``. Migrations are sqlite-utils ``Migrations``: each runs
in a transaction with the record of it having run, so a library is never left half-upgraded.
Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from council_app.vocabulary import (
    APPEAL_GROUNDS,
    CONFIDENTIALITY_CLASSES,
    DECLARATION_OUTCOMES,
    ESCALATION_KINDS,
    ESCALATION_RESULTS,
    INTEREST_KINDS,
)

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "council_desk"

# No table is WITHOUT ROWID: SQLite 3.40's integrity_check (the version Python 3.11 bundles)
# falsely reports "NULL value in t.col" for a NOT NULL column declared between the columns of a
# WITHOUT ROWID table's composite primary key, and a false alarm there would tell users their
# library is damaged.

# How the full-text index splits words; search indexes passages' text the same way.
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
# The word index splits words the same way but keeps them as written (no stemming), so that a
# search can tell "election" from "elections" and the beginning of a word being typed from the
# beginning of its stem ("elections" stems to "elect", which begins "electronics").
WORDS_TOKENIZER = "unicode61 remove_diacritics 2"

# Columns of the full-text index, in order, with their bm25 weights: a word in the title says
# more about a case than the same word in a long rationale.
FTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("title", 5.0),
    ("summary", 3.0),
    ("tags", 3.0),
    ("use_case", 1.5),
    ("assessments", 1.0),
    ("decision", 1.0),
    ("stakeholders", 1.0),
    ("mitigations", 1.0),
)

# As first written; 0012_framework_scales widens it to the widest scale a framework may have.
_SCORE = "INTEGER CHECK ({col} IS NULL OR {col} BETWEEN 0 AND 4)"
_CONFIDENCE = "TEXT CHECK (confidence IS NULL OR confidence IN ('low', 'medium', 'high'))"
_ISO_DATE = "TEXT CHECK ({col} IS NULL OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"

SCHEMA_V1: tuple[str, ...] = (
    """
    CREATE TABLE library_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    )
    """,
    f"""
    CREATE TABLE cases (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        summary TEXT NOT NULL DEFAULT '',
        question TEXT NOT NULL DEFAULT '',
        product TEXT NOT NULL DEFAULT '',
        customer TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        submitted {_ISO_DATE.format(col="submitted")},
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'in_review', 'decided', 'withdrawn')),
        use_case TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX cases_submitted ON cases(submitted)",
    "CREATE INDEX cases_product ON cases(product)",
    "CREATE INDEX cases_sector ON cases(sector)",
    """
    CREATE TABLE case_regions (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        region TEXT NOT NULL,
        PRIMARY KEY (case_id, region)
    )
    """,
    "CREATE INDEX case_regions_region ON case_regions(region)",
    """
    CREATE TABLE case_tags (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (case_id, tag)
    )
    """,
    "CREATE INDEX case_tags_tag ON case_tags(tag)",
    f"""
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        member TEXT NOT NULL CHECK (length(trim(member)) > 0),
        submitted {_ISO_DATE.format(col="submitted")},
        notes TEXT NOT NULL DEFAULT '',
        UNIQUE (case_id, member)
    )
    """,
    f"""
    CREATE TABLE consideration_ratings (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        consideration TEXT NOT NULL
            CHECK (consideration IN ('use_case', 'harm', 'actions', 'geopolitics')),
        score {_SCORE.format(col="score")},
        rationale TEXT NOT NULL DEFAULT '',
        confidence {_CONFIDENCE},
        PRIMARY KEY (assessment_id, consideration)
    )
    """,
    f"""
    CREATE TABLE principle_ratings (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        principle TEXT NOT NULL
            CHECK (principle IN ('human_rights', 'privacy', 'safety', 'honesty', 'inclusion')),
        score {_SCORE.format(col="score")},
        rationale TEXT NOT NULL DEFAULT '',
        confidence {_CONFIDENCE},
        PRIMARY KEY (assessment_id, principle)
    )
    """,
    f"""
    CREATE TABLE mitigations (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        kind TEXT CHECK (kind IS NULL OR kind IN
            ('contract', 'product_control', 'monitoring', 'audit', 'training', 'other')),
        effectiveness {_SCORE.format(col="effectiveness")},
        owner TEXT NOT NULL DEFAULT ''
    )
    """,
    f"""
    CREATE TABLE stakeholder_input (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        stakeholder_group TEXT NOT NULL CHECK (stakeholder_group IN
            ('employees', 'partners', 'customers', 'impacted_communities', 'experts')),
        summary TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        date {_ISO_DATE.format(col="date")}
    )
    """,
    f"""
    CREATE TABLE decisions (
        case_id TEXT PRIMARY KEY NOT NULL
            REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        outcome TEXT NOT NULL CHECK (outcome IN
            ('approve', 'approve_with_conditions', 'restrict', 'decline', 'defer')),
        date {_ISO_DATE.format(col="date")},
        rationale TEXT NOT NULL DEFAULT '',
        distinction TEXT NOT NULL DEFAULT '',
        review_by {_ISO_DATE.format(col="review_by")}
    )
    """,
    "CREATE INDEX decisions_outcome ON decisions(outcome)",
    "CREATE INDEX decisions_review_by ON decisions(review_by)",
    f"""
    CREATE TABLE conditions (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        due {_ISO_DATE.format(col="due")}
    )
    """,
    """
    CREATE TABLE votes (
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        member TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN
            ('approve', 'approve_with_conditions', 'restrict', 'decline', 'defer', 'abstain')),
        PRIMARY KEY (case_id, member)
    )
    """,
    """
    CREATE TABLE dissents (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        member TEXT NOT NULL,
        text TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE case_links (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        link_type TEXT NOT NULL
            CHECK (link_type IN ('cites', 'supersedes', 'distinguishes', 'related')),
        target_id TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (case_id, link_type, target_id)
    )
    """,
    "CREATE INDEX case_links_target ON case_links(target_id)",
    # One row of searchable text per case, rewritten whenever the case is saved, and indexed by
    # FTS5 through the triggers below. doc_id is an explicit INTEGER PRIMARY KEY because an
    # external-content FTS index refers to rows by rowid, and VACUUM may renumber an implicit one.
    """
    CREATE TABLE case_text (
        doc_id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        use_case TEXT NOT NULL DEFAULT '',
        assessments TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL DEFAULT '',
        stakeholders TEXT NOT NULL DEFAULT '',
        mitigations TEXT NOT NULL DEFAULT ''
    )
    """,
)


def _fts_statements() -> tuple[str, ...]:
    columns = ", ".join(name for name, _ in FTS_COLUMNS)
    new = ", ".join(f"new.{name}" for name, _ in FTS_COLUMNS)
    old = ", ".join(f"old.{name}" for name, _ in FTS_COLUMNS)
    weights = ", ".join(f"{weight:g}" for _, weight in FTS_COLUMNS)
    return (
        # sqlite-utils' enable_fts() cannot set prefix indexes, which make search-as-you-type
        # fast, so the table is created here with the same name and triggers it would create.
        f"""
        CREATE VIRTUAL TABLE case_text_fts USING fts5(
            {columns},
            content='case_text', content_rowid='doc_id',
            tokenize='{FTS_TOKENIZER}',
            prefix='2 3'
        )
        """,
        f"INSERT INTO case_text_fts(case_text_fts, rank) VALUES('rank', 'bm25({weights})')",
        f"""
        CREATE TRIGGER case_text_ai AFTER INSERT ON case_text BEGIN
          INSERT INTO case_text_fts (rowid, {columns}) VALUES (new.doc_id, {new});
        END
        """,
        f"""
        CREATE TRIGGER case_text_ad AFTER DELETE ON case_text BEGIN
          INSERT INTO case_text_fts (case_text_fts, rowid, {columns})
            VALUES ('delete', old.doc_id, {old});
        END
        """,
        f"""
        CREATE TRIGGER case_text_au AFTER UPDATE ON case_text BEGIN
          INSERT INTO case_text_fts (case_text_fts, rowid, {columns})
            VALUES ('delete', old.doc_id, {old});
          INSERT INTO case_text_fts (rowid, {columns}) VALUES (new.doc_id, {new});
        END
        """,
    )


MIGRATION_NAMES: list[str] = []
_STEPS: list[tuple[str, Callable[[Database], None]]] = []
# Where sqlite-utils' Migrations records the steps that have run.
MIGRATIONS_TABLE = "_sqlite_migrations"


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(function: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATION_NAMES.append(name)
        _STEPS.append((name, function))
        return function

    return register


@functools.cache
def _migrations() -> Migrations:
    # sqlite-utils takes a fifth of a second to import; opening an up-to-date library (every
    # start of the app) needs only applied_names(), so it is imported when a step must run.
    from sqlite_utils.migrations import Migrations

    built = Migrations(MIGRATION_SET)
    for name, function in _STEPS:
        built(name=name)(function)
    return built


def __getattr__(name: str) -> Migrations:
    if name == "migrations":
        return _migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """This app's steps the library has had, in the order they ran, read as Migrations does.

    Plain SQL, so that opening a library does not need sqlite-utils.
    """
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if exists is None:
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
    ]


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """This app's steps the library has not had yet, in the order they will run."""
    applied = set(applied_names(conn))
    return [name for name in MIGRATION_NAMES if name not in applied]


@_migration("0001_initial")
def _initial(db: Database) -> None:
    for statement in (*SCHEMA_V1, *_fts_statements()):
        db.execute(statement)


def schema_version(db: Database) -> int:
    """How many of this app's migrations the library has had: its schema version."""
    return len(applied_names(db.conn))


def _term_index_statements() -> tuple[str, ...]:
    # A second index over the same text with no positions (detail=none): it cannot rank
    # or quote, but it tells how many cases contain a term about six times faster than the
    # main index, which precedent search asks for dozens of terms at a time.
    return _index_statements(
        "case_terms_fts", f"tokenize='{FTS_TOKENIZER}', detail=none", "case_terms"
    )


def _index_statements(name: str, options: str, trigger: str) -> tuple[str, ...]:
    """An external-content FTS5 index over case_text, filled, and the triggers keeping it so.

    ``IF NOT EXISTS`` throughout: a read-only open skips an index-only step (INDEX_ONLY_STEPS),
    and a library whose record of the step was lost must still be upgraded when next written.
    """
    columns = ", ".join(column for column, _ in FTS_COLUMNS)
    new = ", ".join(f"new.{column}" for column, _ in FTS_COLUMNS)
    old = ", ".join(f"old.{column}" for column, _ in FTS_COLUMNS)
    return (
        f"""
        CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(
            {columns},
            content='case_text', content_rowid='doc_id',
            {options}
        )
        """,
        f"INSERT INTO {name}({name}) VALUES('rebuild')",
        f"""
        CREATE TRIGGER IF NOT EXISTS {trigger}_ai AFTER INSERT ON case_text BEGIN
          INSERT INTO {name} (rowid, {columns}) VALUES (new.doc_id, {new});
        END
        """,
        f"""
        CREATE TRIGGER IF NOT EXISTS {trigger}_ad AFTER DELETE ON case_text BEGIN
          INSERT INTO {name} ({name}, rowid, {columns}) VALUES ('delete', old.doc_id, {old});
        END
        """,
        f"""
        CREATE TRIGGER IF NOT EXISTS {trigger}_au AFTER UPDATE ON case_text BEGIN
          INSERT INTO {name} ({name}, rowid, {columns}) VALUES ('delete', old.doc_id, {old});
          INSERT INTO {name} (rowid, {columns}) VALUES (new.doc_id, {new});
        END
        """,
    )


@_migration("0002_term_index")
def _term_index(db: Database) -> None:
    for statement in _term_index_statements():
        db.execute(statement)


MEMBERS_AND_DRAFTS: tuple[str, ...] = (
    # The council's members. Assessments and votes name members as text, so a member who has
    # left keeps their name on past cases; this table says who sits on the council and when.
    f"""
    CREATE TABLE members (
        name TEXT PRIMARY KEY NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL DEFAULT '',
        voting INTEGER NOT NULL DEFAULT 1 CHECK (voting IN (0, 1)),
        active_from {_ISO_DATE.format(col="active_from")},
        active_to {_ISO_DATE.format(col="active_to")}
    )
    """,
    # Work in progress on a case, saved as the user types: the case as it stands in the
    # exchange format. It is kept apart from the case itself, so that a recorded case changes
    # only when the user saves, and nothing typed is lost if the app or the machine stops.
    """
    CREATE TABLE drafts (
        case_id TEXT PRIMARY KEY NOT NULL,
        document TEXT NOT NULL,
        base_fingerprint TEXT NOT NULL DEFAULT '',
        saved_at TEXT NOT NULL
    )
    """,
)


@_migration("0003_members_and_drafts")
def _members_and_drafts(db: Database) -> None:
    for statement in MEMBERS_AND_DRAFTS:
        db.execute(statement)


COUNCIL_WORK: tuple[str, ...] = (
    # Sittings of the council: when, who came, what was on the agenda, who stood aside.
    f"""
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        date {_ISO_DATE.format(col="date")} NOT NULL,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed')),
        notes TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE session_attendance (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        member TEXT NOT NULL,
        present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
        PRIMARY KEY (session_id, member)
    )
    """,
    """
    CREATE TABLE agenda_items (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),
        PRIMARY KEY (session_id, case_id)
    )
    """,
    "CREATE INDEX agenda_items_case ON agenda_items(case_id)",
    """
    CREATE TABLE recusals (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        member TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (session_id, case_id, member)
    )
    """,
    # Votes cast in a sitting, before the decision that records them is taken.
    """
    CREATE TABLE session_votes (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        member TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN
            ('approve', 'approve_with_conditions', 'restrict', 'decline', 'defer', 'abstain')),
        PRIMARY KEY (session_id, case_id, member)
    )
    """,
    # Re-reviews of a decision that let it stand, oldest first.
    f"""
    CREATE TABLE decision_reviews (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        date {_ISO_DATE.format(col="date")} NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        next_review_by {_ISO_DATE.format(col="next_review_by")}
    )
    """,
    "CREATE INDEX decision_reviews_case ON decision_reviews(case_id, position)",
    # Regions and topics to keep an eye on; an entry flags the decided cases it touches.
    f"""
    CREATE TABLE watch_list (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('region', 'topic')),
        value TEXT NOT NULL CHECK (length(trim(value)) > 0),
        noted_on {_ISO_DATE.format(col="noted_on")} NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    )
    """,
    # The facts of a case as they were when a member received it in a case package: the base
    # against which a later merge tells which side changed the facts.
    """
    CREATE TABLE package_bases (
        case_id TEXT PRIMARY KEY NOT NULL,
        facts_sha256 TEXT NOT NULL,
        received_at TEXT NOT NULL
    )
    """,
)


@_migration("0004_council_work")
def _council_work(db: Database) -> None:
    for statement in COUNCIL_WORK:
        db.execute(statement)


AUDIT: tuple[str, ...] = (
    # Who changed what, when, with the state before and after; each entry's hash covers the one
    # before it. See council_app/library/audit.py.
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        what TEXT NOT NULL DEFAULT '',
        before_sha TEXT,
        after_sha TEXT,
        before TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    )
    """,
    "CREATE INDEX audit_log_subject ON audit_log(subject, id)",
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
)


AUDIT_MIGRATION = "0005_audit_log"


@_migration(AUDIT_MIGRATION)
def _audit_log(db: Database) -> None:
    for statement in AUDIT:
        db.execute(statement)


LABEL_ORDER: tuple[str, ...] = (
    # A case's regions and tags in their order, read from the index alone: a page of 500
    # search hits asked the table for each row (two reads a label) and sorted them after.
    "CREATE INDEX case_regions_in_order ON case_regions(case_id, position, region)",
    "CREATE INDEX case_tags_in_order ON case_tags(case_id, position, tag)",
)


# Steps that only add indexes: a library without them reads the same, only slower (without the
# word index, search ranks by stems alone and a word being typed matches the beginning of its
# stem), so opening one read-only (an archive, a copy on a share the app cannot write) does not refuse it.
INDEX_ONLY_STEPS = frozenset({"0006_label_order", "0008_word_index", "0015_case_row_indexes"})


@_migration("0006_label_order")
def _label_order(db: Database) -> None:
    for statement in LABEL_ORDER:
        db.execute(statement)


RECORD: tuple[str, ...] = (
    # Every write of a case says which revision it was based on; a write based on an older one
    # is refused (council_app.library.revisions). Existing cases start at revision 1.
    "ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)",
    # Why a decision departs from the vote, the recommendation, a red line or precedent.
    "ALTER TABLE decisions ADD COLUMN departure TEXT NOT NULL DEFAULT ''",
    # The weights the recommendation was scored with when the council decided, as JSON:
    # {"profile": "balanced", "values": {"use_case": 0.2, ...}}; NULL for older decisions.
    "ALTER TABLE decisions ADD COLUMN weights TEXT",
    # 1 when the precedents before the council were recorded with the decision (the rows of
    # decision_precedents, possibly none); 0 for decisions recorded before they were kept.
    "ALTER TABLE decisions ADD COLUMN precedents_recorded INTEGER NOT NULL DEFAULT 0 "
    "CHECK (precedents_recorded IN (0, 1))",
    # Who stood aside when the decision was taken.
    """
    CREATE TABLE decision_recusals (
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        member TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (case_id, member)
    )
    """,
    # The precedents as they stood before the council when it decided, best match first: what
    # the decision's memo shows, so that it does not change as the library grows. The lists
    # are JSON arrays of text.
    f"""
    CREATE TABLE decision_precedents (
        case_id TEXT NOT NULL
            REFERENCES decisions(case_id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        precedent_id TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL,
        decided {_ISO_DATE.format(col="decided")},
        score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
        reasons TEXT NOT NULL DEFAULT '[]',
        superseded_by TEXT NOT NULL DEFAULT '[]',
        differences TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (case_id, precedent_id)
    )
    """,
    # Who stood aside on a case is asked of every case a precedent search compares.
    "CREATE INDEX recusals_case ON recusals(case_id, member)",
    # The revision a draft was based on: resuming it and saving is checked against it.
    "ALTER TABLE drafts ADD COLUMN base_revision INTEGER NOT NULL DEFAULT 0",
    # Which library this is: an export carries it, so that the revisions in a file are compared
    # only with the library they were read from.
    "INSERT OR IGNORE INTO library_meta (key, value) "
    "VALUES ('library_id', lower(hex(randomblob(16))))",
)


@_migration("0007_record")
def _record(db: Database) -> None:
    for statement in RECORD:
        db.execute(statement)


# The word index: every word as written, with no positions (detail=none), which keeps it small
# (11 MiB beside the main index's 111 MiB on 20,000 generated cases; built in two seconds).
# Prefix indexes for 2 and 3 letters, as the main index has: the cases holding a word beginning
# with "out" took 21 ms to find without them at 100,000 cases, where a word rarely took 1 ms.
# It cannot rank, quote or match a phrase; search asks it only whether a case holds every word
# as typed, or a word beginning with the one being typed (see search.py).
WORD_INDEX = "case_words_fts"
# Its vocabulary, one row per word as written (fts5vocab): which words begin with the one being
# typed.
WORD_VOCABULARY = "case_words_vocab"


@_migration("0008_word_index")
def _word_index(db: Database) -> None:
    for statement in _index_statements(
        WORD_INDEX, f"tokenize='{WORDS_TOKENIZER}', detail=none, prefix='2 3'", "case_words"
    ):
        db.execute(statement)
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {WORD_VOCABULARY} USING fts5vocab({WORD_INDEX}, row)"
    )


# The framework is the library's own: every version it has adopted, whole, never edited or
# removed (the framework in force is the last one). Cases record the version they are assessed
# under and decisions the version they were taken under; every case and decision before
# versions were kept was made under the shipped framework, which the upgrade records as the
# library's first version (council_app.library.frameworks writes it, with the audit log's
# baseline of it).
FRAMEWORKS_MIGRATION = "0009_framework_versions"
FRAMEWORK_VERSIONS: tuple[str, ...] = (
    """
    CREATE TABLE framework_versions (
        id INTEGER PRIMARY KEY,
        version TEXT NOT NULL UNIQUE CHECK (length(trim(version)) > 0),
        name TEXT NOT NULL,
        adopted_at TEXT NOT NULL,
        adopted_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
    )
    """,
    """
    CREATE TRIGGER framework_versions_no_update BEFORE UPDATE ON framework_versions
    BEGIN SELECT RAISE(ABORT, 'an adopted framework version is never changed'); END
    """,
    """
    CREATE TRIGGER framework_versions_no_delete BEFORE DELETE ON framework_versions
    BEGIN SELECT RAISE(ABORT, 'an adopted framework version is never removed'); END
    """,
    # '' until the upgrade below fills in the first version's string: ALTER TABLE needs a
    # constant default, and filling it in is one UPDATE per table.
    "ALTER TABLE cases ADD COLUMN framework_version TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decisions ADD COLUMN framework_version TEXT NOT NULL DEFAULT ''",
)

# The keys a rating, a stakeholder input, a decision or a vote may name are the ones the
# case's framework defines, checked when a case is written (council_app.framework.fit), not a
# fixed list: the upgrade takes these CHECK clauses out of the tables' definitions. Removing a
# CHECK constraint does not change how rows are stored, which is when SQLite documents
# rewriting the stored definition (PRAGMA writable_schema) as safe; each clause must be found
# exactly once, or the upgrade stops and changes nothing.
FIXED_KEY_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "consideration_ratings",
        "\n            CHECK (consideration IN ('use_case', 'harm', 'actions', 'geopolitics'))",
    ),
    (
        "principle_ratings",
        "\n            CHECK (principle IN ('human_rights', 'privacy', 'safety', 'honesty', "
        "'inclusion'))",
    ),
    (
        "stakeholder_input",
        " CHECK (stakeholder_group IN\n            ('employees', 'partners', 'customers', "
        "'impacted_communities', 'experts'))",
    ),
    (
        "decisions",
        " CHECK (outcome IN\n            ('approve', 'approve_with_conditions', 'restrict', "
        "'decline', 'defer'))",
    ),
    (
        "votes",
        " CHECK (vote IN\n            ('approve', 'approve_with_conditions', 'restrict', "
        "'decline', 'defer', 'abstain'))",
    ),
    (
        "session_votes",
        " CHECK (vote IN\n            ('approve', 'approve_with_conditions', 'restrict', "
        "'decline', 'defer', 'abstain'))",
    ),
)


def _rewrite_checks(db: Database, changes: Sequence[tuple[str, str, str]]) -> None:
    """Each (table, clause, replacement): the clause, found exactly once in the table's stored
    definition, rewritten. Only for CHECK clauses that the rows already meet either way (taken
    out, or widened), which SQLite documents as safe to change so."""
    conn = db.conn
    (version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for table, clause, replacement in changes:
            (sql,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
            ).fetchone()
            if sql.count(clause) != 1:
                raise sqlite3.DatabaseError(
                    f"the definition of the table {table} is not the one this upgrade expects"
                )
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                [sql.replace(clause, replacement), table],
            )
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


def _drop_fixed_key_checks(db: Database) -> None:
    _rewrite_checks(db, [(table, clause, "") for table, clause in FIXED_KEY_CHECKS])


@_migration(FRAMEWORKS_MIGRATION)
def _framework_versions(db: Database) -> None:
    from council_app.library import frameworks

    for statement in FRAMEWORK_VERSIONS:
        db.execute(statement)
    _drop_fixed_key_checks(db)
    frameworks.record_first_version(db)


# A watch-list entry may name the day of an event (an election, a sanctions deadline): the
# decisions it touches are then due for review by that day, whatever their own review date.
@_migration("0010_watch_event_dates")
def _watch_event_dates(db: Database) -> None:
    db.execute(f"ALTER TABLE watch_list ADD COLUMN event_on {_ISO_DATE.format(col='event_on')}")


# Where a case stands in its framework's taxonomies (the EU AI Act's prohibited practices and
# high-risk uses, a council's own acceptable-use clauses), with the basis for each and any
# recorded exception to an entry's floor on the recommendation.
@_migration("0011_case_classifications")
def _case_classifications(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE case_classifications (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
            position INTEGER NOT NULL,
            classification TEXT NOT NULL CHECK (length(trim(classification)) > 0),
            basis TEXT NOT NULL DEFAULT '',
            exception TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, classification)
        )
        """
    )
    db.execute("CREATE INDEX case_classifications_key ON case_classifications(classification)")


# A framework sets its own rating scale (within SCALE_LOWEST..SCALE_HIGHEST), checked against
# the case's framework when a case is written (council_app.framework.fit): the tables' CHECKs
# widen from the shipped 0..4 to the widest scale any framework may have, so the database still
# refuses a rating no framework could give.
SCORE_CHECKS: tuple[tuple[str, str], ...] = (
    ("consideration_ratings", "score"),
    ("principle_ratings", "score"),
    ("mitigations", "effectiveness"),
)


@_migration("0012_framework_scales")
def _framework_scales(db: Database) -> None:
    from council_app.framework import SCALE_HIGHEST, SCALE_LOWEST

    _rewrite_checks(
        db,
        [
            (
                table,
                f"{column} BETWEEN 0 AND 4",
                f"{column} BETWEEN {SCALE_LOWEST} AND {SCALE_HIGHEST}",
            )
            for table, column in SCORE_CHECKS
        ],
    )


# Conditions as commitments: each has a kind (of the case's framework), may recur, and keeps
# where it stands (its status changes, oldest first) and the evidence that it was kept, as JSON
# in its row: they are read and written whole with the case, like a decision's precedents.
# Evidence files are stored once, under their SHA-256, in ``evidence_files``; ``check``
# recomputes each file's digest, so a file changed behind Council Desk's back is named.
COMMITMENTS: tuple[str, ...] = (
    "ALTER TABLE conditions ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE conditions ADD COLUMN every_months INTEGER "
    "CHECK (every_months IS NULL OR every_months BETWEEN 1 AND 120)",
    "ALTER TABLE conditions ADD COLUMN history TEXT NOT NULL DEFAULT '[]' "
    "CHECK (json_valid(history))",
    "ALTER TABLE conditions ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]' "
    "CHECK (json_valid(evidence))",
    """
    CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        media_type TEXT NOT NULL,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
    )
    """,
)


# What each member has declared an interest in (customers, sectors, products, regions, roles),
# dated and never deleted: a withdrawn interest keeps its row with the day it was withdrawn, so
# a sitting's declarations can be read against what was declared then. Interests name members
# as text, as assessments and votes do, so replacing the list of members leaves them in place.
# A member's kind ("external", "internal") lets the quorum rule ask for members of a kind; a
# declaration at a sitting says how a member's interest in a case on its agenda was handled.
MEMBER_INTERESTS_MIGRATION = "0014_member_interests"

MEMBER_INTERESTS: tuple[str, ...] = (
    "ALTER TABLE members ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
    f"""
    CREATE TABLE member_interests (
        id INTEGER PRIMARY KEY,
        member TEXT NOT NULL CHECK (length(trim(member)) > 0),
        kind TEXT NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in INTEREST_KINDS)})),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        declared_on {_ISO_DATE.format(col="declared_on")} NOT NULL,
        withdrawn_on {_ISO_DATE.format(col="withdrawn_on")},
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX member_interests_member ON member_interests(member, id)",
    f"""
    CREATE TABLE session_declarations (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        member TEXT NOT NULL,
        outcome TEXT NOT NULL
            CHECK (outcome IN ({", ".join(f"'{o}'" for o in DECLARATION_OUTCOMES)})),
        note TEXT NOT NULL DEFAULT '',
        CHECK (outcome != 'managed' OR length(trim(note)) > 0),
        PRIMARY KEY (session_id, case_id, member)
    )
    """,
)


@_migration("0013_commitments")
def _commitments(db: Database) -> None:
    for statement in COMMITMENTS:
        db.execute(statement)


@_migration(MEMBER_INTERESTS_MIGRATION)
def _member_interests(db: Database) -> None:
    from council_app.library import audit

    # The new column and tables are part of the members' and the sittings' fingerprints: in a
    # library whose log has begun, the log records the change from the state it last recorded,
    # so that `check` stays clean (and still names a change made behind its back before).
    groups = ("members", "sittings")
    before = {group: audit.group_digest(db, group) for group in groups}
    for statement in MEMBER_INTERESTS:
        db.execute(statement)
    if db.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone() is not None:
        for group in groups:
            audit.append(
                db,
                "group changed",
                group,
                what="the library keeps members' kinds, interests and declarations",
                before_sha=before[group],
                after_sha=audit.group_digest(db, group),
            )


# A case's mitigations, stakeholder input, conditions and dissents by case, and assessments
# votes, dissents and log entries by the person named. Without them, opening one case at
# 100,000 cases read every row of the four tables (50 ms), and the names of everyone who has
# rated or voted every assessment and vote (150 ms): a case took 290 ms from Enter to painted;
# a memo read them all again for the names it must take out of its external variant
# (personal_data.distinct_names). The first four also serve the cascades when a case goes.
CASE_ROW_INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS mitigations_case ON mitigations(case_id, position)",
    "CREATE INDEX IF NOT EXISTS stakeholder_input_case ON stakeholder_input(case_id, position)",
    "CREATE INDEX IF NOT EXISTS conditions_case ON conditions(case_id, position)",
    "CREATE INDEX IF NOT EXISTS dissents_case ON dissents(case_id, position)",
    "CREATE INDEX IF NOT EXISTS assessments_member ON assessments(member)",
    "CREATE INDEX IF NOT EXISTS votes_member ON votes(member)",
    "CREATE INDEX IF NOT EXISTS dissents_member ON dissents(member)",
    "CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log(actor)",
)


@_migration("0015_case_row_indexes")
def _case_row_indexes(db: Database) -> None:
    for statement in CASE_ROW_INDEXES:
        db.execute(statement)


_CLASS_CHECK = "CHECK ({col} IN ('', " + ", ".join(f"'{c}'" for c in CONFIDENTIALITY_CLASSES) + "))"

# Who may read a rating's rationale, a member's notes, an item of stakeholder input, the
# decision's reasons and a fact of the case ('': the framework's default for its kind; the
# classes and who sees each: council_app.vocabulary). An evidence item's class is in its JSON.
CONFIDENTIALITY: tuple[str, ...] = (
    *(
        f"ALTER TABLE {table} ADD COLUMN {col} TEXT NOT NULL DEFAULT '' "
        + _CLASS_CHECK.format(col=col)
        for table, col in (
            ("consideration_ratings", "confidentiality"),
            ("principle_ratings", "confidentiality"),
            ("assessments", "notes_confidentiality"),
            ("stakeholder_input", "confidentiality"),
            ("decisions", "rationale_confidentiality"),
        )
    ),
    f"""
    CREATE TABLE case_facts (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        source TEXT NOT NULL DEFAULT '',
        confidentiality TEXT NOT NULL DEFAULT '' {_CLASS_CHECK.format(col="confidentiality")}
    )
    """,
    "CREATE INDEX case_facts_case ON case_facts(case_id, position)",
)


@_migration("0016_confidentiality")
def _confidentiality(db: Database) -> None:
    for statement in CONFIDENTIALITY:
        db.execute(statement)


# What a case says to its framework's coverage rules (council_app.council.coverage): the answer
# to a question a kind of case must answer, or why a stakeholder group it must hear was not.
@_migration("0017_coverage")
def _coverage(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE case_coverage (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
            position INTEGER NOT NULL,
            requirement TEXT NOT NULL CHECK (length(trim(requirement)) > 0),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            PRIMARY KEY (case_id, requirement)
        )
        """
    )


# A decision referred to the board or appealed (council_app.council.escalation): who took it
# further, on what grounds, who heard an appeal, and what it ended in, linked to the outcome it
# was against. The board's or the appeal's decision is the case's decision, as a revision.
@_migration("0018_escalations")
def _escalations(db: Database) -> None:
    kinds = ", ".join(f"'{k}'" for k in ESCALATION_KINDS)
    grounds = ", ".join(f"'{g}'" for g in ("", *APPEAL_GROUNDS))
    results = ", ".join(f"'{r}'" for r in ("", *ESCALATION_RESULTS))
    db.execute(
        f"""
        CREATE TABLE case_escalations (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ({kinds})),
            lodged_on {_ISO_DATE.format(col="lodged_on")} NOT NULL,
            lodged_by TEXT NOT NULL DEFAULT '',
            grounds TEXT NOT NULL DEFAULT '' CHECK (grounds IN ({grounds})),
            statement TEXT NOT NULL DEFAULT '',
            original_outcome TEXT NOT NULL DEFAULT '',
            heard_by TEXT NOT NULL DEFAULT '[]',
            result TEXT NOT NULL DEFAULT '' CHECK (result IN ({results})),
            decided_on {_ISO_DATE.format(col="decided_on")},
            outcome TEXT NOT NULL DEFAULT '',
            authority TEXT NOT NULL DEFAULT '',
            reasons TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, position)
        )
        """
    )


# The request a case came from, as the requesting team sent it (council_app.council.requests):
# kept beside the case, not part of it, so that saving the case never rewrites what was asked.
@_migration("0019_case_requests")
def _case_requests(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE case_requests (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE ON UPDATE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('request', 'clarification', 'reply')),
            received_on {_ISO_DATE.format(col="received_on")} NOT NULL,
            content TEXT NOT NULL CHECK (json_valid(content)),
            PRIMARY KEY (case_id, position)
        )
        """
    )
