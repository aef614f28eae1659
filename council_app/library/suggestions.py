"""The cases to suggest while a member types in a case picker: the case whose id was typed, then
cases whose id begins with it, then the best full-text matches (the word being typed a beginning,
as in the library's search box).

A picker never lists every case: a combo box holding a 20,000-case library crashed PySide6
(``none_dealloc``), and no one reads a list that long. A few suggestions are enough to find a case
by its id or by words from its text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from council_app.case import CaseSummary
from council_app.library.case_library import CaseLibrary
from council_app.library.search import search_cases, search_prompt

# How many cases a picker suggests at once: a popup's worth; more words narrow them.
SUGGESTIONS = 20


@dataclass(frozen=True)
class CaseSuggestions:
    text: str  # what was typed
    # The case whose id is what was typed (ignoring case and spaces around), even one the picker
    # leaves out of ``cases``: Enter on its id picks it, and the picker may then refuse it.
    exact: CaseSummary | None
    cases: tuple[CaseSummary, ...]  # to offer, best first, without the excluded ones


def case_suggestions(
    library: CaseLibrary,
    text: str,
    *,
    exclude: Collection[str] = (),
    limit: int = SUGGESTIONS,
) -> CaseSuggestions:
    """The cases to offer for ``text``: the exact id, ids beginning with it, then text matches."""
    typed = text.strip()
    if not typed:
        return CaseSuggestions(text, None, ())
    excluded = set(exclude)
    try:
        typed.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (a broken paste): no id holds them
        by_id = []
    else:
        by_id = _ids_beginning(library, typed, limit + len(excluded) + 1)
    exact_id = next((case_id for case_id in by_id if case_id.casefold() == typed.casefold()), None)
    chosen: dict[str, None] = dict.fromkeys(
        case_id for case_id in ([exact_id] if exact_id else []) + by_id if case_id not in excluded
    )
    summaries = library.summaries([*chosen, *([exact_id] if exact_id else [])])
    found = [summaries[case_id] for case_id in chosen if case_id in summaries][:limit]
    if len(found) < limit and search_prompt(typed) is None:
        seen = {summary.id for summary in found} | excluded
        for hit in search_cases(
            library, text, prefix_last=True, limit=limit + len(seen), passages=0
        ):
            if hit.case.id not in seen:
                found.append(hit.case)
                if len(found) == limit:
                    break
    return CaseSuggestions(text, summaries.get(exact_id) if exact_id else None, tuple(found))


def _ids_beginning(library: CaseLibrary, typed: str, limit: int) -> list[str]:
    """Case ids beginning with ``typed``, ignoring case, shortest first (the exact one first)."""
    pattern = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = library.conn.execute(
        "SELECT id FROM cases WHERE id LIKE ? ESCAPE '\\' ORDER BY length(id), id LIMIT ?",
        [pattern, limit],
    )
    return [case_id for (case_id,) in rows]


__all__ = ["SUGGESTIONS", "CaseSuggestions", "case_suggestions"]
