"""The one rule by which personal data leaves what goes outside the council.

Every member the library knows (see ``personal_data.known_people``) is found in any text by
full name, given name or surname, in any letter case and with or without diacritics ("Élodie",
"ELODIE", "elodie's"), and replaced by an alias ("Member A"…) that stays the same for the whole
document the rule is used for: one memo, one set of minutes, one export, one published library.
E-mail addresses and phone numbers are removed wherever they are written.

Given names that are also ordinary words ("Will", "Grace", "Mark", "Rose") are a real conflict:
matched in every letter case, a member called Will would turn "the customer will audit" into
nonsense; matched only when written with a capital, "will" in lower case could leak. We match
such a name only where it begins with a capital letter. A name written in lower case is far
rarer than the word, and the capitalised form still catches the name at the start of a sentence
(at the price of over-redacting a sentence that begins with the word: safe, if clumsy). A name
missing from ``ORDINARY_WORDS`` is matched in every case: the failure is over-redaction, never
a leak.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace

from council_app.case import (
    Assessment,
    Case,
    CaseLink,
    Condition,
    Decision,
    Evidence,
    Rating,
    RecordedPrecedent,
)

# Words that are also given names or surnames: matched only when capitalised (see above).
ORDINARY_WORDS = frozenset(
    [
        "april",
        "august",
        "autumn",
        "amber",
        "angel",
        "art",
        "bay",
        "bell",
        "berry",
        "best",
        "bill",
        "black",
        "bloom",
        "bob",
        "brook",
        "brown",
        "bush",
        "cash",
        "chance",
        "chase",
        "clay",
        "cliff",
        "cook",
        "crystal",
        "daisy",
        "dale",
        "dawn",
        "dean",
        "deep",
        "dell",
        "dusty",
        "early",
        "ernest",
        "faith",
        "fawn",
        "field",
        "fisher",
        "ford",
        "fox",
        "frank",
        "free",
        "gay",
        "gene",
        "glen",
        "gold",
        "grace",
        "grant",
        "gray",
        "green",
        "guy",
        "hall",
        "hardy",
        "hazel",
        "heath",
        "holly",
        "hope",
        "hunter",
        "iris",
        "ivy",
        "jack",
        "jade",
        "jewel",
        "joy",
        "june",
        "justice",
        "king",
        "lane",
        "lark",
        "lily",
        "little",
        "long",
        "love",
        "lucky",
        "major",
        "march",
        "mark",
        "mason",
        "may",
        "miles",
        "miller",
        "moody",
        "moss",
        "newman",
        "noble",
        "north",
        "olive",
        "page",
        "park",
        "patience",
        "pearl",
        "penny",
        "pepper",
        "pierce",
        "pine",
        "poppy",
        "price",
        "prince",
        "rain",
        "ray",
        "reed",
        "rich",
        "river",
        "robin",
        "rock",
        "rose",
        "ruby",
        "rush",
        "sage",
        "savage",
        "sky",
        "small",
        "smith",
        "snow",
        "sol",
        "spring",
        "sterling",
        "stone",
        "storm",
        "strong",
        "summer",
        "sunny",
        "swift",
        "taylor",
        "temple",
        "terry",
        "tucker",
        "victor",
        "wade",
        "walker",
        "ward",
        "warren",
        "west",
        "white",
        "will",
        "winter",
        "wolf",
        "wood",
        "woods",
        "young",
        "root",
    ]
)

# Parts of names that are not names on their own ("Ana de la Cruz" is not "de" or "la").
PARTICLES = frozenset(
    [
        "al",
        "bin",
        "binti",
        "da",
        "das",
        "de",
        "dei",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "lo",
        "mac",
        "st",
        "van",
        "von",
        "zu",
        "ten",
        "ter",
        "y",
    ]
)

# Logins that are not a person (the audit log names the operating-system account).
ACCOUNTS = frozenset(["root", "admin", "administrator", "user", "system", "council-desk"])

ALIAS = re.compile(r"(?:Member [A-Z]+|[Aa] member)")
EMAIL_LEFT_OUT = "[e-mail left out]"
PHONE_LEFT_OUT = "[phone number left out]"
TITLE_LEFT_OUT = "title left out"
FILE_LEFT_OUT = "[evidence file left out]"

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators phone numbers are written with; judged by _is_phone.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+ ?)?(?:\(\d{1,5}\) ?)?\d+(?:(?:[ \u00a0./-]\(?|\) ?|\()?\d+)*(?!\w)"
)
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[ ,.\u00a0]\d{3})+")
# Dates and year ranges look like phone numbers to a digit count: masked before the search.
_DATES = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d{2} ?[-–/] ?(?:19|20)\d{2})\b"
)
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
)


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as many members as a council may have."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` in lower case without diacritics, and for each of its characters the position
    of the original character it came from (so that a match can be replaced in the original)."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", char.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        for c in plain.translate(_FOLD_EXTRA):
            out.append(c)
            where.append(i)
    return "".join(out), where


def _key(name: str) -> str:
    return " ".join(fold(name)[0].split())


def _is_phone(number: str) -> bool:
    digits = sum(c.isdigit() for c in number)
    if number.startswith("+"):
        return 7 <= digits <= 15
    return 8 <= digits <= 15 and not _THOUSANDS.fullmatch(number)


def _name_parts(name: str) -> set[str]:
    """The ways a person may be written: full name, given name, surname, each part of a
    hyphenated or compound name (folded)."""
    full = _key(re.sub(r"\s*\(.*\)\s*$", "", name))  # "root (Council Desk)": the login
    if not full or full in ACCOUNTS:
        return set()
    tokens = [t for t in re.split(r"[\s._]+", full) if t]
    parts = {full, " ".join(tokens)}
    if len(tokens) > 1:
        parts.add(" ".join(tokens[1:]))
    for token in tokens:
        parts.update(token.split("-"))
        parts.add(token)
    return {
        p
        for p in parts
        if len(p.replace("-", "")) >= 2 and p not in PARTICLES and p not in ACCOUNTS
    }


class Redaction:
    """The rule, with one document's aliases: the same member, the same letter throughout."""

    def __init__(self, people: Iterable[str] = ()) -> None:
        self._people: dict[str, str] = {}  # folded full name → the name as first given
        self._aliases: dict[str, str] = {}  # folded full name → "Member A"
        self._parts: dict[str, set[str]] = {}  # folded way of writing → whose it may be
        self._pattern: re.Pattern[str] | None = None
        self.know(people)

    def know(self, people: Iterable[str]) -> None:
        """Add people to the rule (an alias is never a person)."""
        for name in people:
            key = _key(name)
            if not key or ALIAS.fullmatch(name.strip()) or key in self._people:
                continue
            self._people[key] = name
            for part in _name_parts(name):
                self._parts.setdefault(part, set()).add(key)
            self._pattern = None

    def meet(self, names: Iterable[str]) -> None:
        """Give aliases in the order a reader meets these people."""
        for name in names:
            self.alias(name)

    def alias(self, name: str) -> str:
        """A member's alias; any other text is redacted as text."""
        key = _key(name)
        if key not in self._people:
            return self.text(name)
        if key not in self._aliases:
            self._aliases[key] = f"Member {letters(len(self._aliases))}"
        return self._aliases[key]

    def _matcher(self) -> re.Pattern[str] | None:
        if self._pattern is None and self._parts:
            ways = sorted(self._parts, key=lambda p: (-len(p), p))
            alternatives = "|".join(
                r"[\s\-‐]+".join(map(re.escape, re.split(r"[\s-]+", w))) for w in ways
            )
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return self._pattern

    def _found(self, text: str) -> list[tuple[int, int, str | None]]:
        """Where people are named in ``text``: (start, end, whose folded full name or None when
        the words could be more than one member's), in the original's positions."""
        pattern = self._matcher()
        if pattern is None or not text:
            return []
        folded, where = fold(text)
        found: list[tuple[int, int, str | None]] = []
        for match in pattern.finditer(folded):
            start = where[match.start()]
            end = where[match.end() - 1] + 1
            while end < len(text) and not fold(text[end])[0]:
                end += 1  # combining marks after the last letter belong to it
            written = match.group(0)
            if written in ORDINARY_WORDS and not text[start].isupper():
                continue
            whose = self._parts.get(" ".join(re.split(r"[\s\-‐]+", written))) or self._parts.get(
                written, set()
            )
            found.append((start, end, next(iter(whose)) if len(whose) == 1 else None))
        return found

    def text(self, text: str) -> str:
        """Free text with every member named by alias, and no e-mail address or phone number."""
        if not text:
            return text
        text = _EMAIL.sub(EMAIL_LEFT_OUT, text)
        masked = _DATES.sub(lambda m: "x" * len(m.group(0)), text)
        for match in reversed(list(_PHONE.finditer(masked))):
            if _is_phone(match.group(0)):
                text = text[: match.start()] + PHONE_LEFT_OUT + text[match.end() :]
        pieces: list[str] = []
        last = 0
        for start, end, whose in self._found(text):
            pieces.append(text[last:start])
            if whose is not None:
                pieces.append(self.alias(self._people[whose]))
            else:
                before = text[:start].rstrip()
                pieces.append("A member" if not before or before[-1] in ".!?:\n" else "a member")
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def is_clean(self, text: str) -> bool:
        """Whether the text names nobody and holds no contact (it gives no alias out)."""
        if not text:
            return True
        if _EMAIL.search(text) or self._found(text):
            return False
        masked = _DATES.sub(lambda m: "x" * len(m.group(0)), text)
        return not any(_is_phone(m.group(0)) for m in _PHONE.finditer(masked))

    def other_title(self, title: str) -> str:
        """Another case's title, shown only where the rule finds nothing in it."""
        return title if self.is_clean(title) else TITLE_LEFT_OUT

    def case(self, case: Case) -> Case:
        """The case without personal data: members by alias, contacts dropped, text redacted."""
        self.meet(case_people(case))
        text = self.text
        return replace(
            case,
            title=text(case.title),
            summary=text(case.summary),
            question=text(case.question),
            product=text(case.product),
            customer=text(case.customer),
            sector=text(case.sector),
            use_case=text(case.use_case),
            tags=tuple(text(t) for t in case.tags),
            assessments=tuple(self._assessment(a) for a in case.assessments),
            mitigations=tuple(
                replace(m, description=text(m.description), owner=text(m.owner))
                for m in case.mitigations
            ),
            stakeholder_input=tuple(
                replace(s, contact="", summary=text(s.summary), source=text(s.source))
                for s in case.stakeholder_input
            ),
            facts=tuple(replace(f, text=text(f.text), source=text(f.source)) for f in case.facts),
            coverage=tuple(replace(c, text=text(c.text)) for c in case.coverage),
            escalations=tuple(
                replace(
                    e,
                    by=text(e.by),
                    statement=text(e.statement),
                    heard_by=tuple(self.alias(m) for m in e.heard_by),
                    authority=text(e.authority),
                    reasons=text(e.reasons),
                )
                for e in case.escalations
            ),
            decision=self.decision(case.decision) if case.decision else None,
            links=tuple(CaseLink(link.type, link.target, text(link.note)) for link in case.links),
        )

    def _assessment(self, a: Assessment) -> Assessment:
        def rated(ratings: Mapping[str, Rating]) -> dict[str, Rating]:
            return {k: replace(r, rationale=self.text(r.rationale)) for k, r in ratings.items()}

        return replace(
            a,
            member=self.alias(a.member),
            notes=self.text(a.notes),
            considerations=rated(a.considerations),
            principles=rated(a.principles),
        )

    def condition(self, c: Condition) -> Condition:
        """A condition with its status notes read by the rule; an evidence file's bytes
        cannot be, so a redacted copy says a file was there and leaves it out."""
        text = self.text
        return replace(
            c,
            text=text(c.text),
            owner=text(c.owner),
            # Who said so is a person, known to the library or not: an alias, like a voter.
            history=tuple(
                replace(h, by=self.alias(h.by) if h.by.strip() else "", note=text(h.note))
                for h in c.history
            ),
            evidence=tuple(
                Evidence(
                    added_on=e.added_on,
                    note=" ".join(
                        part for part in (text(e.note), FILE_LEFT_OUT if e.sha256 else "") if part
                    ),
                    added_by=self.alias(e.added_by) if e.added_by.strip() else "",
                )
                for e in c.evidence
            ),
        )

    def decision(self, d: Decision) -> Decision:
        text = self.text
        return replace(
            d,
            rationale=text(d.rationale),
            distinction=text(d.distinction),
            departure=text(d.departure),
            conditions=tuple(self.condition(c) for c in d.conditions),
            votes=tuple(replace(v, member=self.alias(v.member)) for v in d.votes),
            dissent=tuple(
                replace(x, member=self.alias(x.member), text=text(x.text)) for x in d.dissent
            ),
            reviews=tuple(replace(r, note=text(r.note)) for r in d.reviews),
            # Who stood aside is kept (as an alias); why is personal: it is left out.
            stood_aside=tuple(
                replace(a, member=self.alias(a.member), reason="") for a in d.stood_aside
            ),
            precedents=None
            if d.precedents is None
            else tuple(self.recorded_precedent(p) for p in d.precedents),
        )

    def recorded_precedent(self, p: RecordedPrecedent) -> RecordedPrecedent:
        return replace(
            p,
            title=self.other_title(p.title),
            reasons=tuple(self.text(self.titles_out(r, [p.title])) for r in p.reasons),
            differences=tuple(self.text(x) for x in p.differences),
        )

    def titles_out(self, text: str, titles: Iterable[str]) -> str:
        """Text that quotes other cases' titles, with those that are not clean left out."""
        for title in titles:
            if title and not self.is_clean(title):
                text = text.replace(title, TITLE_LEFT_OUT)
        return text


def case_people(case: Case) -> list[str]:
    """Everyone named on a case, in the order a reader meets them."""
    names = [a.member for a in case.assessments]
    names += [m for e in case.escalations for m in e.heard_by]
    if case.decision:
        names += [v.member for v in case.decision.votes]
        names += [d.member for d in case.decision.dissent]
        names += [a.member for a in case.decision.stood_aside]
        for c in case.decision.conditions:
            names += [h.by for h in c.history if h.by] + [
                e.added_by for e in c.evidence if e.added_by
            ]
    return names


__all__ = [
    "EMAIL_LEFT_OUT",
    "ORDINARY_WORDS",
    "PHONE_LEFT_OUT",
    "TITLE_LEFT_OUT",
    "Redaction",
    "case_people",
    "fold",
    "letters",
]
