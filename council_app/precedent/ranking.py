"""Ranked precedents for a case, each with the reasons it matched.

Candidates come from three places: the full-text index (the case's key terms), the cases that
share its tags, and the cases linked to it. Each is scored on four kinds of likeness — shared
words, close rating profiles, shared facts (tags, regions, product, sector) and explicit links —
blended by the library's settings. A superseded precedent is shown as such with what replaced
it (and ranked lower); one that cites a superseded case is flagged.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from council_app.case import Case, CaseSummary
from council_app.date_words import date_words
from council_app.errors import LibraryError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.case_library import describe_sqlite_error
from council_app.precedent.graph import Link, local_graph, paths_from
from council_app.precedent.settings import BlendWeights
from council_app.precedent.terms import KeyTerm, key_terms, or_query
from council_app.scoring.aggregation import aggregate_values, council_view
from council_app.scoring.numbers import RATING_DECIMALS, number_text, rating_text
from council_app.scoring.ratings import RatingSet, rating_label

TEXT_CANDIDATES = 100
TAG_CANDIDATES = 100
COMMON_TAG = 2000  # a tag on more cases than this does not propose candidates
RATED_CANDIDATES = 60  # how many of the best candidates have their ratings compared
RELATED_COUNT = 5  # alike cases not yet decided, listed apart from the precedents
SUPERSEDED_FACTOR = 0.7  # a superseded precedent still counts, but less than what replaced it
MATCH_DECIMALS = 2  # a blend of four likenesses: a third decimal would claim a precision it lacks

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class RatingDifference:
    label: str
    this_case: Fraction
    precedent: Fraction

    @functools.cached_property
    def gap(self) -> Fraction:
        # Cached: ranking sorts, sums and filters by it, for every rating of every candidate.
        return abs(self.this_case - self.precedent)


@dataclass(frozen=True)
class Precedent:
    case: CaseSummary
    score: float  # 0–1, the blend
    parts: dict[str, float]  # text, ratings, facts, graph: each 0–1
    shared_terms: tuple[str, ...]
    shared_tags: tuple[str, ...]
    shared_regions: tuple[str, ...]
    same_product: bool
    same_sector: bool
    rating_gap: (
        float | None
    )  # mean absolute difference in points of the scale; None: not comparable
    rating_differences: tuple[RatingDifference, ...]  # largest first
    path: tuple[Link, ...]  # the chain of explicit links from the case to this one
    superseded_by: tuple[CaseSummary, ...]
    relies_on_superseded: tuple[tuple[str, str], ...]  # (cited case, the case superseding it)
    reasons: tuple[str, ...] = field(default=())
    # Where the ratings differ most, in words ("Potential connection to harm 3 here vs 1 there").
    differences: tuple[str, ...] = field(default=())

    @property
    def outcome(self) -> str | None:
        return self.case.outcome

    @property
    def match_text(self) -> str:
        """The blend as every list and the memo show it: "0.73", rounded like every number."""
        return number_text(self.score, MATCH_DECIMALS)

    @property
    def superseded(self) -> bool:
        return bool(self.superseded_by)


@dataclass(frozen=True)
class PrecedentSearch:
    case_id: str
    key_terms: tuple[KeyTerm, ...]
    blend: BlendWeights
    precedents: tuple[Precedent, ...]  # decided before the case was (or before now)
    related: tuple[Precedent, ...] = ()  # alike but not yet decided: for information only


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left | right else 0.0


@functools.lru_cache(maxsize=4096)
def _median(scores: tuple[int, ...]) -> Fraction:
    # Cached: candidates share a few score patterns, and each median makes several Fractions.
    return aggregate_values(scores)


def _fetch_ratings(library: CaseLibrary, case_ids: Sequence[str]) -> dict[str, dict[str, Fraction]]:
    """The council view (median) of each case's ratings by key, read straight from the tables.

    As everywhere, a member who stood aside on a case (recused at a sitting, or recorded as
    standing aside when it was decided) is left out of its council view.
    """
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for start in range(0, len(case_ids), 400):
        chunk = list(case_ids[start : start + 400])
        marks = ",".join("?" * len(chunk))
        for table, column in (
            ("consideration_ratings", "consideration"),
            ("principle_ratings", "principle"),
        ):
            for case_id, key, score in library.db.execute(
                f"SELECT a.case_id, r.{column}, r.score FROM {table} r "
                f"JOIN assessments a ON a.id = r.assessment_id "
                f"WHERE a.case_id IN ({marks}) AND r.score IS NOT NULL "
                "AND NOT EXISTS (SELECT 1 FROM recusals x "
                "                WHERE x.case_id = a.case_id AND x.member = a.member) "
                "AND NOT EXISTS (SELECT 1 FROM decision_recusals y "
                "                WHERE y.case_id = a.case_id AND y.member = a.member)",
                chunk,
            ):
                values[case_id][key].append(score)
    return {
        case_id: {key: _median(tuple(sorted(scores))) for key, scores in by_key.items()}
        for case_id, by_key in values.items()
    }


def _rating_similarity(
    labels: dict[str, str], mine: dict[str, Fraction], theirs: dict[str, Fraction] | None
) -> tuple[float | None, tuple[RatingDifference, ...]]:
    """``labels``: the framework's rating keys (in its order) and their labels; a key outside
    them is not compared."""
    if theirs is None:
        return None, ()
    differences = [
        RatingDifference(label, mine[key], theirs[key])
        for key, label in labels.items()
        if key in mine and key in theirs
    ]
    if not differences:
        return None, ()
    # Summed exactly, so that a mean on a half (0.25, 0.45) is that half and is shown rounded up
    # like every number, not put either way by the float sum's last bit.
    gap = float(sum((d.gap for d in differences), Fraction(0)) / len(differences))
    differences.sort(key=lambda d: (-d.gap, d.label))
    return gap, tuple(d for d in differences if d.gap > 0)


class _Gaps:
    """Each candidate's mean rating gap, as :func:`_rating_similarity` computes it, but cheaper.

    Every candidate read is scored by its gap, but only the few that make the list need their
    differences named; a candidate's value for a rating is one of a few, so each key's gap to
    this case's value is computed once per value, not once per candidate (Fraction arithmetic
    was a fifth of the ranking's time).
    """

    def __init__(self, mine: dict[str, Fraction]) -> None:
        """``mine``: this case's ratings by key, only keys of the framework, in its order."""
        self.mine = mine
        self.keys = list(mine)
        self.known: dict[str, dict[Fraction, float]] = {key: {} for key in self.keys}

    def gap(self, theirs: dict[str, Fraction] | None) -> float | None:
        if theirs is None:
            return None
        total = 0.0
        count = 0
        for key in self.keys:
            value = theirs.get(key)
            if value is None:
                continue
            known = self.known[key]
            gap = known.get(value)
            if gap is None:
                gap = known[value] = float(abs(self.mine[key] - value))
            total += gap
            count += 1
        return total / count if count else None


def _text_candidates(library: CaseLibrary, query: str | None, exclude: str) -> dict[str, float]:
    if query is None:
        return {}
    rows = library.db.execute(
        "SELECT t.case_id, f.rank FROM case_text_fts f JOIN case_text t ON t.doc_id = f.rowid "
        "WHERE case_text_fts MATCH ? AND t.case_id != ? ORDER BY f.rank LIMIT ?",
        [query, exclude, TEXT_CANDIDATES],
    ).fetchall()
    if not rows:
        return {}
    best = rows[0][1] or -1.0
    return {case_id: (rank / best if best else 0.0) for case_id, rank in rows}


def _tag_candidates(library: CaseLibrary, case: Case) -> list[str]:
    """Cases sharing the most of the case's tags, counting only tags that say something.

    A tag on thousands of cases would make this a scan of thousands of rows for a weak hint;
    such tags are skipped (the text and the links still find those cases).
    """
    useful = []
    for tag in case.tags:
        (count,) = library.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM case_tags WHERE tag = ? LIMIT ?)",
            [tag, COMMON_TAG + 1],
        ).fetchone()
        if count <= COMMON_TAG:
            useful.append(tag)
    if not useful:
        return []
    marks = ",".join("?" * len(useful))
    return [
        row[0]
        for row in library.db.execute(
            f"SELECT case_id FROM case_tags WHERE tag IN ({marks}) AND case_id != ? "
            f"GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT ?",
            [*useful, case.id, TAG_CANDIDATES],
        )
    ]


def _shared_terms(
    library: CaseLibrary, terms: Sequence[KeyTerm], case_ids: Sequence[str]
) -> dict[str, list[str]]:
    """Which key terms each of a few cases contains (one cheap query per term)."""
    shared: dict[str, list[str]] = defaultdict(list)
    if not case_ids:
        return shared
    marks = ",".join("?" * len(case_ids))
    for term in terms:
        for (case_id,) in library.db.execute(
            f"SELECT t.case_id FROM case_text_fts f JOIN case_text t ON t.doc_id = f.rowid "
            f"WHERE case_text_fts MATCH ? AND t.case_id IN ({marks})",
            [f'"{term.word}"', *case_ids],
        ):
            shared[case_id].append(term.word)
    return shared


def _reasons(framework: Framework, p: Precedent) -> tuple[str, ...]:
    reasons: list[str] = []
    if p.path:
        reasons.append("Linked: " + "; ".join(link.sentence() for link in p.path) + ".")
    if p.shared_terms:
        reasons.append(f"Shares the terms {', '.join(p.shared_terms[:8])}.")
    facts = []
    if p.shared_tags:
        facts.append(f"tags {', '.join(p.shared_tags)}")
    if p.shared_regions:
        facts.append(f"regions {', '.join(p.shared_regions)}")
    if p.same_product:
        facts.append(f"product ({p.case.product})")
    if p.same_sector:
        facts.append(f"sector ({p.case.sector})")
    if facts:
        reasons.append("Same " + "; ".join(facts) + ".")
    if p.rating_gap is not None:
        # An eighth of the scale's span is very close, a quarter close (0.5 and 1 point on 0–4).
        apart = p.rating_gap / framework.scale_span
        closeness = "very close" if apart < 0.125 else "close" if apart < 0.25 else "apart"
        text = f"Ratings {closeness}: {number_text(p.rating_gap, RATING_DECIMALS)} points apart on average"
        if p.rating_differences:
            d = p.rating_differences[0]
            text += (
                f"; most on {d.label} ({rating_text(d.this_case)} here, "
                f"{rating_text(d.precedent)} there)"
            )
        reasons.append(text + ".")
    if p.case.outcome:
        when = f" on {date_words(p.case.decided)}" if p.case.decided else ""
        reasons.append(f"Decided {framework.outcome_title(p.case.outcome)}{when}.")
    else:
        reasons.append("Not yet decided.")
    for successor in p.superseded_by:
        outcome = framework.outcome_title(successor.outcome) if successor.outcome else "undecided"
        reasons.append(f"Superseded by {successor.id} ({successor.title}; {outcome}).")
    for cited, by in p.relies_on_superseded:
        reasons.append(f"Relies on {cited}, which {by} has since superseded.")
    return tuple(reasons)


def find_precedents(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    *,
    top: int = 10,
    blend: BlendWeights | None = None,
    ratings: RatingSet | None = None,
    as_of: date | None = None,
) -> PrecedentSearch:
    """The ``top`` precedents for a case, saved or not, best first, with their reasons.

    A precedent is a case decided before ``as_of`` — by default, for a decided case, its
    decision date: a case decided in June 2022 has no precedent decided in August 2022, and
    nothing was "superseded" then by a case decided later. Without a date (a case not yet
    decided), every decided case counts. Cases alike but not decided (drafts, cases in review)
    are never precedents; the best of them come back apart, as ``related``.
    """
    blend = blend or BlendWeights()
    if as_of is None and case.decision is not None:
        as_of = case.decision.date
    try:
        return _find(library, framework, case, top, blend, ratings, as_of)
    except sqlite3.Error as exc:
        raise LibraryError(describe_sqlite_error(exc, library.path)) from exc


def decided_by(summary: CaseSummary, as_of: date | None) -> bool:
    """Whether a case was a precedent on ``as_of``: decided, and before that day (None: now)."""
    if summary.outcome is None:
        return False
    return as_of is None or (summary.decided is not None and summary.decided < as_of)


def _find(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    top: int,
    blend: BlendWeights,
    ratings: RatingSet | None,
    as_of: date | None,
) -> PrecedentSearch:
    terms = key_terms(library, case)
    text_scores = _text_candidates(library, or_query(terms), case.id)
    graph = _case_graph(library, case)
    linked = set(graph.nodes) - {case.id}

    candidates = list(
        dict.fromkeys([*text_scores, *_tag_candidates(library, case), *sorted(linked)])
    )
    summaries = {
        case_id: summary
        for case_id, summary in library.summaries(candidates).items()
        if as_of is None or summary.submitted is None or summary.submitted <= as_of
    }
    candidates = [c for c in candidates if c in summaries]
    # What superseded the candidates: fetch those cases too, so they can be ranked and named.
    superseders: dict[str, list[str]] = defaultdict(list)
    cited: dict[str, list[str]] = defaultdict(list)
    if candidates:
        for start in range(0, len(candidates), 400):
            chunk = candidates[start : start + 400]
            marks = ",".join("?" * len(chunk))
            for source, link_type, target in library.db.execute(
                f"SELECT case_id, link_type, target_id FROM case_links WHERE "
                f"(link_type = 'supersedes' AND target_id IN ({marks})) OR "
                f"(link_type = 'cites' AND case_id IN ({marks}))",
                chunk + chunk,
            ):
                if link_type == "supersedes":
                    superseders[target].append(source)
                else:
                    cited[source].append(target)
    cited_targets = sorted({t for targets in cited.values() for t in targets})
    superseded_citations: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(cited_targets), 400):
        chunk = cited_targets[start : start + 400]
        marks = ",".join("?" * len(chunk))
        for source, target in library.db.execute(
            f"SELECT case_id, target_id FROM case_links WHERE link_type = 'supersedes' "
            f"AND target_id IN ({marks})",
            chunk,
        ):
            superseded_citations[target].append(source)
    extra = [s for ids in superseders.values() for s in ids if s not in summaries and s != case.id]
    if extra:
        summaries.update(
            (case_id, summary)
            for case_id, summary in library.summaries(extra).items()
            if as_of is None or summary.submitted is None or summary.submitted <= as_of
        )
        candidates += [s for s in extra if s in summaries and s not in candidates]
    # A case was superseded only once the case superseding it was decided (before ``as_of``):
    # a re-review still under way leaves the old decision the authority.
    for sources in superseders.values():
        sources[:] = [s for s in sources if s in summaries and decided_by(summaries[s], as_of)]

    view = ratings if ratings is not None else council_view(framework, case.assessments).ratings
    ranking = _Ranking(
        library=library,
        framework=framework,
        case=case,
        terms=terms,
        blend=blend,
        text_scores=text_scores,
        paths=paths_from(graph, case.id),
        summaries=summaries,
        superseders=superseders,
        cited=cited,
        superseded_citations=superseded_citations,
        mine={
            key: value for key in framework.rating_keys if (value := view.value(key)) is not None
        },
    )
    # Only cases decided before the case's decision (or, undecided, before now) are
    # precedents; the undecided ones are related cases, for information.
    decided = [c for c in candidates if decided_by(summaries[c], as_of)]
    undecided = [c for c in candidates if summaries[c].outcome is None]
    return PrecedentSearch(
        case.id,
        tuple(terms),
        blend,
        ranking.best(decided, top),
        ranking.best(undecided, min(top, RELATED_COUNT)),
    )


@dataclass
class _Ranking:
    """Scores candidates on the four likenesses; what :func:`_find` gathered, once."""

    library: CaseLibrary
    framework: Framework
    case: Case
    terms: list[KeyTerm]
    blend: BlendWeights
    text_scores: dict[str, float]
    paths: dict[str, tuple[Link, ...]]
    summaries: dict[str, CaseSummary]
    superseders: dict[str, list[str]]
    cited: dict[str, list[str]]
    superseded_citations: dict[str, list[str]]
    mine: dict[str, Fraction]

    def best(self, candidates: Sequence[str], top: int) -> tuple[Precedent, ...]:
        """The ``top`` best of ``candidates``, best first, with their reasons."""
        if not candidates or top <= 0:
            return ()
        case, summaries, paths = self.case, self.summaries, self.paths
        labels = {key: rating_label(self.framework, key) for key in self.framework.rating_keys}
        have_ratings = bool(self.mine)
        weights = {
            "text": self.blend.text if self.text_scores else 0.0,
            "ratings": self.blend.ratings if have_ratings else 0.0,
            "facts": self.blend.facts,
            "graph": self.blend.graph,
        }
        total = sum(weights.values()) or 1.0

        # Everything but the ratings first: cheap, and an upper bound on each candidate's score.
        partial: dict[str, dict[str, float]] = {}
        for candidate in candidates:
            summary = summaries[candidate]
            path = paths.get(candidate, ())
            partial[candidate] = {
                "text": self.text_scores.get(candidate, 0.0),
                "ratings": 0.0,
                "facts": 0.4 * _jaccard(case.tags, summary.tags)
                + 0.2 * _jaccard(case.regions, summary.regions)
                + 0.2 * (bool(case.product) and case.product == summary.product)
                + 0.2 * (bool(case.sector) and case.sector == summary.sector),
                "graph": 1 / len(path) if path else 0.0,
            }

        def bound(candidate: str) -> float:
            parts = partial[candidate]
            return (sum(weights[k] * parts[k] for k in parts) + weights["ratings"]) / total

        # Then the ratings, best bound first, until no unread candidate could still make the list.
        ordered = sorted(candidates, key=lambda c: (-bound(c), c))
        theirs: dict[str, dict[str, Fraction]] = {}
        gaps = _Gaps(self.mine)
        compared: dict[str, float | None] = {}
        finals: list[float] = []
        read = 0
        while read < len(ordered):
            batch = ordered[read : read + RATED_CANDIDATES]
            read += len(batch)
            if have_ratings:
                theirs.update(_fetch_ratings(self.library, batch))
            for candidate in batch:
                gap = compared[candidate] = gaps.gap(theirs.get(candidate))
                partial[candidate]["ratings"] = (
                    0.0 if gap is None else 1 - gap / self.framework.scale_span
                )
                parts = partial[candidate]
                finals.append(sum(weights[k] * parts[k] for k in parts) / total)
            finals.sort(reverse=True)
            if (
                read < len(ordered)
                and len(finals) >= top
                and finals[top - 1] >= bound(ordered[read])
            ):
                break
        rated = ordered[:read]

        scored: list[Precedent] = []
        for candidate in rated:
            summary = summaries[candidate]
            parts = partial[candidate]
            score = sum(weights[k] * parts[k] for k in parts) / total
            successors = tuple(
                summaries[s] for s in self.superseders.get(candidate, []) if s in summaries
            )
            if successors:
                score *= SUPERSEDED_FACTOR
            relies = tuple(
                (target, by)
                for target in self.cited.get(candidate, [])
                for by in self.superseded_citations.get(target, [])
            )
            scored.append(
                Precedent(
                    case=summary,
                    score=score,
                    parts=parts,
                    shared_terms=(),
                    shared_tags=tuple(t for t in case.tags if t in summary.tags),
                    shared_regions=tuple(r for r in case.regions if r in summary.regions),
                    same_product=bool(case.product) and case.product == summary.product,
                    same_sector=bool(case.sector) and case.sector == summary.sector,
                    rating_gap=compared[candidate],
                    rating_differences=(),  # named below, for the ones that make the list
                    path=paths.get(candidate, ()),
                    superseded_by=successors,
                    relies_on_superseded=relies,
                )
            )
        scored.sort(key=lambda p: (-p.score, p.case.id))
        best = scored[:top]
        shared = _shared_terms(self.library, self.terms, [p.case.id for p in best])
        final = []
        for p in best:
            differences = _rating_similarity(labels, self.mine, theirs.get(p.case.id))[1]
            with_terms = replace(
                p,
                shared_terms=tuple(shared.get(p.case.id, ())),
                rating_differences=differences,
                differences=tuple(
                    f"{d.label} {rating_text(d.this_case)} here vs {rating_text(d.precedent)} there"
                    for d in differences[:3]
                ),
            )
            final.append(replace(with_terms, reasons=_reasons(self.framework, with_terms)))
        return tuple(final)


def _case_graph(library: CaseLibrary, case: Case) -> nx.MultiDiGraph:
    """The links around a case; for an unsaved draft, its own links joined to the library's."""
    import networkx as nx

    if library.has_case(case.id):
        return local_graph(library, case.id, radius=3)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node(case.id)
    for link in case.links:
        graph = nx.compose(graph, local_graph(library, link.target, radius=2))
        graph.add_edge(case.id, link.target, key=link.type, type=link.type)
    return graph
