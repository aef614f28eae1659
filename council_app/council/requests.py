"""Requests from product, sales and legal teams: the form they fill in offline, and the draft
case it becomes.

``council-app request new`` writes a blank ``.councilrequest`` (JSON, with its own schema,
``resources/schema/council-request.schema.json``); the council imports the filled form as a
draft case (:func:`import_request`), told at once what the request leaves out
(:func:`completeness`), who the framework's triage rules suggest should take it and which rule
said so (:func:`triage`), and the precedents it resembles. The form as received is kept with the
case (``case_requests``), so the council can always read what was asked, in the requester's
own words.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from council_app import resources
from council_app.case import Case, CoverageNote, Fact, Mitigation
from council_app.errors import ImportRefused
from council_app.framework import Framework, TriageRule
from council_app.library import CaseLibrary
from council_app.vocabulary import TRIAGE_ROUTE_TITLES

FORMAT = "council-request"
VERSION = 1
INSTRUCTIONS = (
    "Fill in what you can and send this file to the council secretary; leave a field empty "
    "rather than guess. question: what you ask the council, in one sentence. use_case: what "
    "exactly will be deployed, where, on whom, and who acts on the outputs. intended_uses and "
    "unsupported_uses: one use per line, including what the product must not be used for. "
    "people_affected: who the use affects, beyond the customer. proposed_actions: what would "
    "limit the risks (contract terms, product controls, audits). ask: whom the council should "
    "hear, as a stakeholder group (employees, partners, customers, impacted_communities, "
    "experts) and who. no_community_input_because: if nobody from the affected communities can "
    "be heard, why. regions: ISO codes in capitals (DE, FR, EU, GLOBAL)."
)


def blank_request(today: date) -> dict[str, Any]:
    """The form a team fills in: every field there, empty, with what to write in it."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "instructions": INSTRUCTIONS,
        "title": "",
        "question": "",
        "product": "",
        "customer": "",
        "sector": "",
        "regions": [],
        "use_case": "",
        "intended_uses": [],
        "unsupported_uses": [],
        "people_affected": [],
        "proposed_actions": [],
        "ask": [{"group": "impacted_communities", "who": ""}],
        "no_community_input_because": "",
        "requester": {"name": "", "team": "", "contact": ""},
        "submitted": today.isoformat(),
    }


@functools.cache
def _validator(schema_file: str) -> Any:
    from council_app.validation import make_validator

    return make_validator(json.loads(resources.read_text(schema_file)))


def read_form(
    data: bytes, source: str, *, schema_file: str, what: str, form: str
) -> dict[str, Any]:
    """A form a team filled in (``what``: "request", "reply"), checked against its schema:
    the one reading of both the request and the reply form, refused in words otherwise."""
    from council_app.validation import problems

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(
            f"{source} is not a {what} form (not JSON: {exc}); nothing was imported."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != form:
        raise ImportRefused(f"{source} is not a council {what} form; nothing was imported.")
    found = problems(_validator(schema_file), document, limit=10)
    if found:
        raise ImportRefused(
            f"{source} is not a valid {what} form; nothing was imported:\n"
            + "\n".join(f"- {p}" for p in found)
        )
    return document


def parse_request(data: bytes, source: str) -> dict[str, Any]:
    """The request a file holds, checked against its schema; refused in words otherwise."""
    return read_form(
        data, source, schema_file=resources.REQUEST_SCHEMA_FILE, what="request", form=FORMAT
    )


def completeness(request: dict[str, Any]) -> list[str]:
    """What the request leaves out that the council will ask for, each as a sentence."""
    missing: list[str] = []
    for key, sentence in (
        ("question", "No question: say what the council is asked, in one sentence."),
        ("product", "No product named."),
        ("customer", "No customer named."),
        ("use_case", "No use case: say what will be deployed, where, on whom."),
    ):
        if not str(request.get(key, "")).strip():
            missing.append(sentence)
    if not request.get("unsupported_uses"):
        missing.append("No unsupported uses named: say what the product must not be used for.")
    if not request.get("people_affected"):
        missing.append("Nobody named as affected: say who the use affects beyond the customer.")
    if not request.get("proposed_actions"):
        missing.append(
            "No proposed actions: say what would limit the risks, or that none is proposed."
        )
    heard = {a.get("group") for a in request.get("ask", []) if str(a.get("who", "")).strip()}
    if (
        "impacted_communities" not in heard
        and not request.get("no_community_input_because", "").strip()
    ):
        missing.append("No impacted-community input planned: say why.")
    return missing


@dataclass(frozen=True)
class Triage:
    route: str
    rule: TriageRule | None  # None: the framework has no rule that applies

    def sentence(self) -> str:
        if self.rule is None:
            return "Suggested: the full council (no triage rule of the framework applies)."
        return f"Suggested: {TRIAGE_ROUTE_TITLES[self.route]}, by the rule “{self.rule.title}”."


def _request_text(request: dict[str, Any]) -> str:
    parts = [request.get(k, "") for k in ("title", "question", "use_case")]
    for key in ("intended_uses", "unsupported_uses", "people_affected"):
        parts += request.get(key, [])
    return " ".join(parts).casefold()


def triage(framework: Framework, request: dict[str, Any]) -> Triage:
    """The first triage rule that applies to the request, and the route it suggests."""
    text = _request_text(request)
    sector = str(request.get("sector", "")).strip().casefold()
    regions = set(request.get("regions", []))
    for rule in framework.triage:
        conditions = bool(rule.sectors or rule.regions or rule.words)
        if not conditions:
            return Triage(rule.route, rule)
        if (
            sector in {s.casefold() for s in rule.sectors}
            or regions & set(rule.regions)
            or any(w.casefold() in text for w in rule.words)
        ):
            return Triage(rule.route, rule)
    return Triage("council", None)


def _lines(title: str, items: list[str]) -> str:
    return f"{title}:\n" + "\n".join(f"- {i}" for i in items) if items else ""


def request_case(framework: Framework, request: dict[str, Any], case_id: str, today: date) -> Case:
    """The draft case a request becomes: its facts, uses and proposed actions in their places;
    who asked, and whom to hear, as internal facts; a reason for hearing no affected community
    as the answer to any coverage rule that asks for them."""
    from council_app.council.coverage import coverage

    use = "\n\n".join(
        p
        for p in (
            request.get("use_case", "").strip(),
            _lines("Intended uses", request.get("intended_uses", [])),
            _lines("Unsupported uses", request.get("unsupported_uses", [])),
            _lines("People affected", request.get("people_affected", [])),
        )
        if p
    )
    requester = request.get("requester", {})
    who = ", ".join(x for x in (requester.get("name", ""), requester.get("team", "")) if x)
    facts = (
        [Fact(text=f"Requested by {who}.", source="Request form", confidentiality="internal")]
        if who
        else []
    )
    groups = {g.key: g.title for g in framework.stakeholder_groups}
    for ask in request.get("ask", []):
        if str(ask.get("who", "")).strip():
            group = groups.get(ask["group"], ask["group"])
            facts.append(
                Fact(
                    text=f"The requester suggests hearing {ask['who'].strip()} ({group}).",
                    source="Request form",
                    confidentiality="internal",
                )
            )
    submitted = request.get("submitted")
    case = Case(
        id=case_id,
        title=request.get("title", "").strip()
        or request.get("question", "").strip()[:120]
        or "New request",
        question=request.get("question", "").strip(),
        product=request.get("product", "").strip(),
        customer=request.get("customer", "").strip(),
        sector=request.get("sector", "").strip(),
        regions=tuple(request.get("regions", [])),
        submitted=date.fromisoformat(submitted) if submitted else today,
        status="draft",
        use_case=use,
        mitigations=tuple(Mitigation(description=a) for a in request.get("proposed_actions", [])),
        facts=tuple(facts),
    )
    reason = request.get("no_community_input_because", "").strip()
    if reason:
        notes = tuple(
            CoverageNote(r.key, reason)
            for r in coverage(framework, case)
            if r.kind == "group" and r.key.endswith(".group.impacted_communities")
        )
        case = replace(case, coverage=notes)
    return case


@dataclass(frozen=True)
class RequestImported:
    case: Case
    missing: tuple[str, ...]
    triage: Triage
    precedents: tuple[str, ...]  # ids of the closest decided cases, best first

    def summary(self) -> str:
        lines = [f"Request imported as draft case {self.case.id}: {self.case.title}."]
        lines.append(self.triage.sentence())
        if self.missing:
            lines.append("What the request leaves out:")
            lines += [f"- {m}" for m in self.missing]
        else:
            lines.append("The request says everything the council asks for.")
        if self.precedents:
            lines.append("Closest precedents: " + ", ".join(self.precedents) + ".")
        return "\n".join(lines)


def import_request(
    library: CaseLibrary,
    framework: Framework,
    data: bytes,
    *,
    source: str,
    today: date,
    find_precedents: bool = True,
) -> RequestImported:
    """The request as a new draft case, with the form as received kept beside it, in one
    transaction; nothing is written if the form is refused. ``find_precedents``: off where
    nobody reads them (the demo library, made on first start)."""
    from council_app.case_edits import next_case_id
    from council_app.precedent import precedent_findings
    from council_app.scoring import profile_weights, score_case

    request = parse_request(data, source)
    with library.write(what="request imported") as db:
        existing = [row[0] for row in db.execute("SELECT id FROM cases")]
        case = request_case(framework, request, next_case_id(existing, today), today)
        library.save_case(case)
        db.execute(
            "INSERT INTO case_requests (case_id, position, kind, received_on, content) "
            "VALUES (?, 0, 'request', ?, ?)",
            [case.id, today.isoformat(), json.dumps(request, ensure_ascii=False, sort_keys=True)],
        )
    case = library.get_case(case.id)
    precedents: tuple[str, ...] = ()
    if find_precedents:
        score = score_case(framework, case, profile_weights(framework))
        found = precedent_findings(library, framework, case, score, top=3)
        precedents = tuple(p.case.id for p in found.search.precedents)
    return RequestImported(
        case, tuple(completeness(request)), triage(framework, request), precedents
    )


def request_of(library: CaseLibrary, case_id: str) -> dict[str, Any] | None:
    """The request form a case came from, as received (None: it was not a request)."""
    row = library.db.execute(
        "SELECT content FROM case_requests WHERE case_id = ? AND kind = 'request' ORDER BY position",
        [case_id],
    ).fetchone()
    return json.loads(row[0]) if row else None


def write_blank_request(path: Path, today: date, *, force: bool = False) -> None:
    from council_app import paths

    text = json.dumps(blank_request(today), ensure_ascii=False, indent=2) + "\n"
    paths.write_user_file(
        path, text.encode("utf-8"), force=force, what="a file name for the request form"
    )


__all__ = [
    "FORMAT",
    "RequestImported",
    "Triage",
    "blank_request",
    "completeness",
    "import_request",
    "parse_request",
    "request_case",
    "request_of",
    "triage",
    "write_blank_request",
]
