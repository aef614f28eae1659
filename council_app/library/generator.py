"""Generated case libraries, for trying Council Desk at scale and for the benchmarks.

The cases are built from the framework's own vocabulary (its considerations, the wording of its
rating levels, its principles and stakeholder groups) and from word lists of products, sectors,
regions, tags and harms, so that search, precedents and memos work on text that reads like a
council's. Everything is drawn from one seeded random generator: the same seed gives the same
library. Ratings follow a hidden severity per case, members disagree a little, most decisions
follow the bands, and cases cite earlier cases that share a tag.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from council_app import paths
from council_app.case import (
    Assessment,
    Case,
    CaseLink,
    CaseStatus,
    Condition,
    Decision,
    Dissent,
    Mitigation,
    Rating,
    StakeholderInput,
    StatusChange,
    Vote,
)
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library.case_json import case_to_json
from council_app.library.case_library import CaseLibrary

PRODUCTS = (
    "Vision AI", "Voice Studio", "Text Assistant", "CRM Data Enrichment", "Commerce Cloud",
    "Marketing Automation", "Insight Analytics",
)  # fmt: skip
SECTORS = (
    "government", "law-enforcement", "health", "finance", "retail", "education",
    "defence-adjacent", "ngo", "media", "transport", "employment",
)  # fmt: skip
REGIONS = (
    "DE", "FR", "GB", "IE", "NL", "PL", "ES", "IT", "SE", "US", "CA", "BR", "MX", "KE", "NG",
    "ZA", "IN", "ID", "PH", "JP", "KR", "AU", "AE", "SA", "TR", "EG", "GE", "KZ", "UA", "EU",
)  # fmt: skip
TAGS = (
    "facial-recognition", "public-space", "biometrics", "watchlist", "minors", "children",
    "elections", "voice-cloning", "synthetic-media", "credit-scoring", "health-data",
    "workplace-monitoring", "predictive-policing", "data-brokering", "border-control",
    "sanctions", "dual-use", "consent", "accessibility", "profiling", "risk-scoring",
    "vulnerable-groups", "location-data", "ai-disclosure", "chatbot", "welfare", "education",
    "mental-health", "dynamic-pricing", "targeted-marketing", "export-control", "refugees",
    "algorithmic-bias", "special-category-data", "automated-decisions", "translation",
)  # fmt: skip
USES = {
    "Vision AI": ("identify people in camera footage", "count people in crowded places",
                  "verify faces against identity documents", "detect objects in aerial imagery",
                  "estimate the age of shoppers", "blur bystanders in recorded video"),
    "Voice Studio": ("clone the voices of speakers", "transcribe and translate interviews",
                     "answer callers with a synthetic voice", "caption lectures and meetings"),
    "Text Assistant": ("draft letters to members of the public", "summarise application files",
                       "answer questions in a chat window", "write news copy from data feeds"),
    "CRM Data Enrichment": ("enrich customer records with inferred attributes",
                            "match and merge records across sources",
                            "append purchasing-power estimates to contacts"),
    "Commerce Cloud": ("run an online storefront", "price goods by neighbourhood",
                       "ship goods across borders through resellers"),
    "Marketing Automation": ("target offers at segments of customers",
                             "send re-engagement campaigns triggered by behaviour",
                             "segment voters by inferred interests"),
    "Insight Analytics": ("score people for risk", "predict who will drop out or default",
                          "forecast demand from card taps", "flag claims for investigation"),
}  # fmt: skip
ORG_FIRST = (
    "Harbour", "Kestrel", "Northgate", "Aldermoor", "Lakeside", "Brightwater", "Calder",
    "Meadowbank", "Ironbridge", "Silverline", "Redfern", "Westmarch", "Oakhurst", "Bluestone",
)  # fmt: skip
ORG_SECOND = (
    "City Council", "Retail Group", "Health Trust", "Transit Authority", "Bank", "University",
    "Logistics", "Media Group", "Foundation", "Police Service", "Insurance", "Ministry",
)  # fmt: skip
PEOPLE = (
    "residents", "patients", "shoppers", "passengers", "students", "job applicants",
    "benefit claimants", "asylum seekers", "voters", "workers", "children", "borrowers",
)  # fmt: skip
HARMS = (
    "wrongful identification", "exclusion from a service", "loss of income", "chilling of protest",
    "exposure of health data", "discrimination by proxy", "manipulation of voters",
    "unlawful surveillance", "harassment", "detention", "debt spirals", "loss of trust",
)  # fmt: skip
MITIGATIONS = (
    ("contract", "The contract forbids using the outputs to {harm_verb}."),
    ("product_control", "Accounts are limited to the {use} feature set, enforced in the product."),
    ("monitoring", "Usage is monitored monthly for patterns that indicate {harm}."),
    ("audit", "An independent audit of the deployment takes place before go-live and yearly."),
    ("training", "Operators are trained to treat every output as a lead, not a finding."),
    ("other", "Data is deleted after {days} days and never shared with third parties."),
)  # fmt: skip
MEMBERS = (
    "Amara Okafor", "Jonas Lindqvist", "Priya Raman", "Mateo García", "Élodie Marchand",
    "Zofia Nowak", "Yusuf Demir", "Hannah Brennan", "Kwame Mensah", "Ingrid Solberg",
    "Rahul Deshpande", "Chiara Bellini",
)  # fmt: skip
CONFIDENCE = ("low", "medium", "high")
UNDECIDED: tuple[CaseStatus, ...] = ("in_review", "draft")
SITES = ("two", "three", "five", "twelve")
RECIPIENTS = ("case officers", "store staff", "analysts", "a control room", "managers")
HANDLING = ("decide with them", "act on them within minutes", "review them weekly")
AIMS = ("reduce fraud", "save staff time", "improve safety", "reach more people", "cut costs")
NOTICE = ("are told", "are not told", "may opt out", "cannot opt out")
STORAGE = (
    "the customer’s own cloud tenancy", "Meridian’s EU region", "an on-premises server",
    "a reseller’s data centre",
)  # fmt: skip
RETENTION = ("30 days", "six months", "a year", "as long as the contract runs")
EARLIER = ("A pilot", "An earlier deployment", "A competitor’s product")
ELSEWHERE = ("a neighbouring country", "another city", "the same sector")
EXPERIENCE = (
    "was stopped after complaints", "ran without incident",
    "was found to be inaccurate for older people", "led to a regulator’s inquiry",
)  # fmt: skip
EVIDENCE = (
    "as the documents show", "on what we were told", "judging by similar deployments",
    "given the customer record",
)  # fmt: skip
STANCES = ("support", "oppose", "question")
VIEWS = (
    "the benefit is real", "the risk of {harm} is too high", "safeguards need teeth",
    "people must be told",
)  # fmt: skip
_T = TypeVar("_T")


def with_conditions(framework: Framework) -> tuple[str, ...]:
    """The outcomes a generated decision attaches conditions to: those strictly between the most
    permissive and the strictest (approve with conditions and restrict, as shipped)."""
    return framework.graded_outcomes[1:-1]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """Draws one case after another from a single seeded generator."""

    def __init__(self, framework: Framework, seed: int) -> None:
        self.framework = framework
        self.rng = random.Random(seed)
        self.by_tag: dict[str, list[str]] = defaultdict(list)
        self.outcome_of: dict[str, str] = {}
        self.start = date(2019, 1, 1)

    def words(self, options: Sequence[_T], k: int) -> list[_T]:
        return self.rng.sample(list(options), k)

    def paragraph(self, product: str, use: str, people: str, customer: str, harm: str) -> str:
        rng = self.rng
        pick = rng.choice
        sentences = [
            f"{customer} wants to use {product} to {use} for its work with {people}.",
            f"The deployment would run in {pick(SITES)} sites and reach about "
            f"{rng.randrange(2, 400) * 1000:,} {people} a year.",
            f"Outputs go to {pick(RECIPIENTS)}, who {pick(HANDLING)}.",
            f"The customer says the aim is to {pick(AIMS)}, and that {people} {pick(NOTICE)}.",
            f"Critics fear {harm}, especially for {pick(PEOPLE)}.",
            f"Data is held in {pick(STORAGE)} for {pick(RETENTION)}.",
            f"{pick(EARLIER)} in {pick(ELSEWHERE)} {pick(EXPERIENCE)}.",
        ]
        rng.shuffle(sentences)
        return " ".join(sentences)

    def on_scale(self, value: float) -> int:
        """A score on the framework's scale for ``value`` on 0–4 (severity is drawn on 0–4 so
        that the shipped framework's demo library stays the same, draw for draw)."""
        f = self.framework
        return max(f.scale_min, min(f.scale_max, round(f.scale_min + value * f.scale_span / 4)))

    def rating(
        self, severity: float, direction: str, levels: tuple[str, ...], topic: str
    ) -> Rating:
        rng = self.rng
        value = severity + rng.gauss(0, 0.8)
        score = self.on_scale(value if direction == "concern" else 4 - value)
        level = levels[score - self.framework.scale_min]
        rationale = f"{level} Here: {topic}, {rng.choice(EVIDENCE)}."
        return Rating(score=score, rationale=rationale, confidence=rng.choice(CONFIDENCE))

    def case(self, number: int, total: int) -> Case:
        rng = self.rng
        framework = self.framework
        day = self.start + timedelta(days=int(number / max(total, 1) * 2800) + rng.randrange(0, 5))
        product = rng.choice(PRODUCTS)
        use = rng.choice(USES[product])
        sector = rng.choice(SECTORS)
        customer = f"{rng.choice(ORG_FIRST)} {rng.choice(ORG_SECOND)}"
        people = rng.choice(PEOPLE)
        harm = rng.choice(HARMS)
        tags = self.words(TAGS, rng.randrange(2, 6))
        regions = self.words(REGIONS, rng.randrange(1, 4))
        severity = min(4.0, max(0.0, rng.betavariate(2.2, 2.2) * 4))
        case_id = f"GEN-{day.year}-{number:06d}"
        title = f"{_sentence_case(use)} for {customer}"
        summary = (
            f"{customer} ({sector}) asks to {use} with {product} in {', '.join(regions)}. "
            f"The main concern is {harm}."
        )
        use_case = " ".join(
            self.paragraph(product, use, people, customer, harm) for _ in range(rng.randrange(1, 3))
        )

        status: CaseStatus = "decided" if number < total * 0.9 else rng.choice(UNDECIDED)
        members = self.words(MEMBERS, rng.randrange(2, 5))
        assessments = []
        for member in members:
            considerations = {
                c.key: self.rating(severity, c.direction, c.levels, f"{harm} among {people}")
                for c in framework.considerations
                if not c.derived_from
            }
            principles = {
                p.key: self.rating(
                    severity - 0.5, "concern", p.levels, p.summary.lower().rstrip(".")
                )
                for p in framework.principles
            }
            if status == "draft" and rng.random() < 0.5:
                considerations.pop(framework.rated_keys[-1], None)
            assessments.append(
                Assessment(
                    member=member,
                    submitted=day + timedelta(days=rng.randrange(3, 20)),
                    considerations=considerations,
                    principles=principles,
                )
            )
        mitigations = tuple(
            Mitigation(
                description=text.format(
                    harm=harm, harm_verb=f"cause {harm}", use=use, days=rng.choice([30, 90, 180])
                ),
                kind=kind,
                effectiveness=self.on_scale(4 - severity + rng.gauss(0, 1)),
                owner=rng.choice(["Customer", "Legal", "Trust and Safety", "Account team"]),
            )
            for kind, text in self.words(MITIGATIONS, rng.randrange(1, 4))
        )
        stakeholders = tuple(
            StakeholderInput(
                group=group.key,
                summary=f"{group.title} {rng.choice(STANCES)} the use: "
                f"{rng.choice(VIEWS).format(harm=harm)}.",
                source=rng.choice(["workshop", "written submission", "interview", "survey"]),
                date=day + timedelta(days=rng.randrange(1, 10)),
            )
            for group in self.words(list(framework.stakeholder_groups), rng.randrange(1, 4))
        )

        links: list[CaseLink] = []
        for tag in tags[:2]:
            earlier = self.by_tag.get(tag)
            if earlier and rng.random() < 0.8:
                target = rng.choice(earlier[-200:])
                kind = rng.choices(
                    ["cites", "related", "distinguishes", "supersedes"], weights=[6, 2, 2, 1]
                )[0]
                if all(link.target != target for link in links):
                    links.append(CaseLink(type=kind, target=target))
        decision = None
        if status == "decided":
            graded = framework.graded_outcomes
            band = graded[min(len(graded) - 1, int(severity))]
            outcome = band if rng.random() < 0.9 else rng.choice(framework.outcome_keys)
            votes = tuple(
                Vote(
                    member=m,
                    vote=outcome if rng.random() < 0.8 else rng.choice(framework.outcome_keys),
                )
                for m in members
            )
            decision = Decision(
                outcome=outcome,
                date=day + timedelta(days=rng.randrange(20, 40)),
                rationale=(
                    f"The council weighed {harm} against the stated aim. "
                    f"{framework.outcome(outcome).description} "
                    f"{rng.choice(framework.considerations).levels[min(4, int(severity)) * len(framework.scale) // 5]}"
                ),
                conditions=tuple(
                    _kept(
                        Condition(
                            text=f"{_sentence_case(m.description)}",
                            owner=m.owner,
                            due=day + timedelta(days=rng.randrange(60, 200)),
                            kind=framework.commitments.default_kind,
                        ),
                        f"{case_id}-{n}",
                    )
                    for n, m in enumerate(mitigations)
                )
                if outcome in with_conditions(framework)
                else (),
                review_by=day + timedelta(days=365),
                votes=votes,
                dissent=tuple(
                    Dissent(member=v.member, text=f"I would have voted {v.vote.replace('_', ' ')}.")
                    for v in votes
                    if v.vote != outcome
                ),
            )
        for tag in tags:
            self.by_tag[tag].append(case_id)
        return Case(
            id=case_id,
            title=title,
            summary=summary,
            question=f"May {customer} use {product} to {use}?",
            product=product,
            customer=customer,
            sector=sector,
            regions=tuple(regions),
            tags=tuple(tags),
            submitted=day,
            status=status,
            use_case=use_case,
            assessments=tuple(assessments),
            mitigations=mitigations,
            stakeholder_input=stakeholders,
            decision=decision,
            links=tuple(links),
        )


def _kept(condition: Condition, key: str) -> Condition:
    """Most generated conditions were met a few days before they fell due, as in a council's
    own record; one in twenty was not, so a large library's due list has some to show. Decided
    by the condition's key, not the generator's random sequence, which stays as it was."""
    if condition.due is None or zlib.crc32(key.encode()) % 20 == 0:
        return condition
    met = StatusChange("met", condition.due - timedelta(days=3), "Council secretary")
    return replace(condition, history=(met,))


def generate_cases(framework: Framework, count: int, *, seed: int = 1) -> Iterator[Case]:
    writer = _Writer(framework, seed)
    for number in range(count):
        yield writer.case(number, count)


def write_generated(
    framework: Framework,
    path: Path,
    count: int,
    *,
    seed: int = 1,
    force: bool = False,
    batch: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> None:
    """A generated library at ``path``: an exchange file if it ends in .json, else SQLite."""
    path = Path(path)
    if count < 1:
        raise CouncilError("Generate at least one case.")
    found = paths.exists(path)
    if found and path.is_dir():
        raise CouncilError(f"{path} is a folder; give a file name to generate into.")
    if found and not force:
        raise CouncilError(f"{path} already exists; not overwritten (use --force to replace it).")
    try:
        paths.make_parent(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise CouncilError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if path.suffix.lower() == ".json":
            with tmp.open("w", encoding="utf-8") as handle:
                handle.write('{"format": "council-library", "version": 1, "generator": ')
                handle.write(json.dumps(f"council-app generate --cases {count} --seed {seed}"))
                handle.write(', "cases": [\n')
                for number, case in enumerate(generate_cases(framework, count, seed=seed)):
                    if number:
                        handle.write(",\n")
                    handle.write(json.dumps(case_to_json(case), ensure_ascii=False))
                    if progress and (number + 1) % batch == 0:
                        progress(number + 1)
                handle.write("\n]}\n")
        else:
            with CaseLibrary.open(tmp) as library:
                # A generated library can be made again: NORMAL is durable enough while filling it.
                library.db.execute("PRAGMA synchronous = NORMAL").fetchall()
                library.set_meta("origin", f"generated: {count} cases, seed {seed}")
                pending: list[Case] = []
                for number, case in enumerate(generate_cases(framework, count, seed=seed)):
                    pending.append(case)
                    if len(pending) == batch:
                        library.add_cases(pending)
                        pending = []
                        if progress:
                            progress(number + 1)
                if pending:
                    library.add_cases(pending)
                for index in ("case_text_fts", "case_words_fts"):
                    library.db.execute(f"INSERT INTO {index}({index}) VALUES('optimize')")
                library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                library.db.execute("PRAGMA journal_mode = DELETE").fetchall()
        os.replace(tmp, path)
    except OSError as exc:
        raise CouncilError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
