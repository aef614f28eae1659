"""Asking the requester for clarification, and taking in the reply.

``council-app request clarify ID --ask …`` writes a reply form (``.councilreply``, its schema
``resources/schema/council-reply.schema.json``) with the council's questions; the requester
fills in each answer offline and sends it back; ``council-app import`` (or File › Import request)
merges the answers into the case as internal facts, each saying whose reply it was and when.
The questions as asked and the reply as received are both kept beside the case
(``case_requests``), so the exchange is there to read whatever the case later says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from council_app import resources
from council_app.case import Case, Fact
from council_app.errors import CaseNotFound, ImportRefused
from council_app.library import CaseLibrary

FORMAT = "council-reply"
INSTRUCTIONS = (
    "The council asks the questions below about your request. Write each answer after "
    '"answer": in your own words, leave a question you cannot answer empty, put your name in '
    '"answered_by", and send the file back to the council secretary.'
)


def _next_position(library: CaseLibrary, case_id: str) -> int:
    row = library.db.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM case_requests WHERE case_id = ?", [case_id]
    ).fetchone()
    return int(row[0])


def _keep(library: CaseLibrary, case_id: str, kind: str, on: date, content: dict[str, Any]) -> None:
    library.db.execute(
        "INSERT INTO case_requests (case_id, position, kind, received_on, content) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            case_id,
            _next_position(library, case_id),
            kind,
            on.isoformat(),
            json.dumps(content, ensure_ascii=False, sort_keys=True),
        ],
    )


def ask(library: CaseLibrary, case_id: str, questions: list[str], *, on: date) -> dict[str, Any]:
    """The reply form for the council's ``questions`` on a case, kept as asked."""
    asked = [q.strip() for q in questions if q.strip()]
    if not asked:
        raise ImportRefused("Ask at least one question; nothing was written.")
    if not library.has_case(case_id):
        raise CaseNotFound(case_id)
    case = library.get_case(case_id)
    first = len(_asked(library, case_id)) + 1  # keys run on across rounds of questions
    form = {
        "format": FORMAT,
        "version": 1,
        "instructions": INSTRUCTIONS,
        "case": case.id,
        "title": case.title,
        "asked_on": on.isoformat(),
        "answered_by": "",
        "questions": [
            {"key": f"q{n}", "text": text, "answer": ""} for n, text in enumerate(asked, first)
        ],
    }
    with library.write(what=f"clarification asked of {case_id}"):
        _keep(library, case_id, "clarification", on, form)
    return form


def is_reply(data: bytes) -> bool:
    return b'"council-reply"' in data[:4096]


@dataclass(frozen=True)
class ReplyTaken:
    case: Case
    answered: int
    unanswered: int

    def summary(self) -> str:
        left = f"; {self.unanswered} left unanswered" if self.unanswered else ""
        return (
            f"The requester's reply was merged into {self.case.id}: {self.answered} "
            f"answer{'s' if self.answered != 1 else ''}, kept as internal facts{left}."
        )


def take_reply(library: CaseLibrary, data: bytes, *, source: str, today: date) -> ReplyTaken:
    """The answers merged into the case they answer, and the reply kept; refused, with nothing
    changed, if it is malformed, answers questions the council did not ask, or answers none."""
    from council_app.council.requests import read_form

    reply = read_form(
        data, source, schema_file=resources.REPLY_SCHEMA_FILE, what="reply", form=FORMAT
    )
    case_id = reply["case"]
    with library.write(what=f"reply merged into {case_id}"):
        if not library.has_case(case_id):
            raise ImportRefused(
                f"{source} answers {case_id}, which is not in this library; nothing was imported."
            )
        asked = _asked(library, case_id)
        for q in reply["questions"]:
            if asked.get(q["key"]) != q["text"]:
                raise ImportRefused(
                    f"{source} answers a question the council did not ask of {case_id} "
                    f"({q['key']}: {q['text'][:60]!r}); nothing was imported."
                )
        answers = [q for q in reply["questions"] if q.get("answer", "").strip()]
        if not answers:
            raise ImportRefused(f"{source} answers none of the questions; nothing was imported.")
        case = library.get_case(case_id)
        who = reply.get("answered_by", "").strip() or "the requester"
        facts = tuple(
            Fact(
                text=f"{q['text']} — {q['answer'].strip()}",
                source=f"Reply by {who}, {today.isoformat()}",
                confidentiality="internal",
            )
            for q in answers
        )
        library.save_case(replace(case, facts=(*case.facts, *facts)))
        _keep(library, case_id, "reply", today, reply)
    return ReplyTaken(
        library.get_case(case_id), len(answers), len(reply["questions"]) - len(answers)
    )


def _asked(library: CaseLibrary, case_id: str) -> dict[str, str]:
    """Every question the council has asked of the case, by key, in the last form that had it."""
    asked: dict[str, str] = {}
    for (content,) in library.db.execute(
        "SELECT content FROM case_requests WHERE case_id = ? AND kind = 'clarification' "
        "ORDER BY position",
        [case_id],
    ):
        for q in json.loads(content)["questions"]:
            asked[q["key"]] = q["text"]
    return asked


def exchange(library: CaseLibrary, case_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The request, the questions asked and the replies, in the order they came: (kind, day,
    content)."""
    return [
        (kind, day, json.loads(content))
        for kind, day, content in library.db.execute(
            "SELECT kind, received_on, content FROM case_requests WHERE case_id = ? ORDER BY position",
            [case_id],
        )
    ]


def exchange_words(library: CaseLibrary, case_id: str) -> list[str]:
    """The request and clarification exchange of a case, a line each, oldest first."""
    lines: list[str] = []
    for kind, day, content in exchange(library, case_id):
        if kind == "request":
            who = content.get("requester", {})
            by = ", ".join(x for x in (who.get("name", ""), who.get("team", "")) if x)
            lines.append(f"{day}: request received" + (f" from {by}" if by else "") + ".")
        elif kind == "clarification":
            count = len(content["questions"])
            lines.append(f"{day}: the council asked {count} question{'s' if count != 1 else ''}.")
        else:
            answered = sum(1 for q in content["questions"] if q.get("answer", "").strip())
            by = content.get("answered_by", "").strip() or "the requester"
            lines.append(f"{day}: {by} replied, answering {answered}.")
    return lines


def write_reply_form(path: Path, form: dict[str, Any], *, force: bool = False) -> None:
    from council_app import paths

    text = json.dumps(form, ensure_ascii=False, indent=2) + "\n"
    paths.write_user_file(
        path, text.encode("utf-8"), force=force, what="a file name for the reply form"
    )


__all__ = ["ReplyTaken", "ask", "exchange", "is_reply", "take_reply", "write_reply_form"]
