"""``council-app list``, ``show``, ``search``, ``precedents``, ``graph`` and ``themes``: reading
the library's cases and how they stand to one another.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from council_app.cli.arguments import iso_date, positive
from council_app.cli.opened_library import (
    framework_of_case,
    in_force_framework,
    open_library,
    print_json,
    print_version_note,
)
from council_app.cli.terminal import write_styled
from council_app.errors import CouncilError
from council_app.vocabulary import CASE_STATUSES, DECISION_CHOICES

EXIT_OK = 0


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    command("list", "list the cases in the library, newest first")

    show = command("show", "show one case in full")
    show.add_argument("case_id", metavar="ID")

    search = command("search", "full-text search with filters")
    search.add_argument(
        "query",
        metavar="QUERY",
        nargs="?",
        default="",
        help="words to look for (quotes and symbols are taken as typed)",
    )
    search.add_argument("--outcome", action="append", default=[], help=", ".join(DECISION_CHOICES))
    search.add_argument("--status", action="append", default=[], help=", ".join(CASE_STATUSES))
    search.add_argument("--product", action="append", default=[])
    search.add_argument("--sector", action="append", default=[])
    search.add_argument("--region", action="append", default=[], help="for example DE or EU")
    search.add_argument("--tag", action="append", default=[])
    search.add_argument(
        "--principle",
        action="append",
        default=[],
        metavar="KEY",
        help="cases where a member rated this principle 3 or 4 (a principle key of the "
        "framework, for example privacy)",
    )
    search.add_argument(
        "--classification",
        action="append",
        default=[],
        metavar="KEY",
        help="cases classified under this taxonomy entry (eu_ai_act.social_scoring) or taxonomy",
    )
    search.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="DATE",
        help="submitted on or after DATE",
    )
    search.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="submitted on or before DATE"
    )
    search.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    search.add_argument("--limit", type=positive, default=50)
    search.add_argument(
        "--advanced",
        action="store_true",
        help='use FTS5 query syntax (AND, OR, NOT, NEAR, "phrases", prefix*)',
    )

    prec = command(
        "precedents", "ranked precedents for a case, with reasons and a consistency check"
    )
    prec.add_argument("case_id", metavar="ID")
    prec.add_argument("--top", type=positive, default=10, help="how many (default: 10)")
    prec.add_argument(
        "--blend",
        metavar="K=V,…",
        help="how much each likeness counts, for example "
        "text=0.35,ratings=0.25,facts=0.25,graph=0.15 (default: the library's setting)",
    )

    graph = command("graph", "a case's place in the case graph: authorities, citing cases, links")
    graph.add_argument("case_id", metavar="ID")

    command("themes", "themes across the library (communities of linked and similar cases)")


def _summary_json(summary: Any) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "status": summary.status,
        "outcome": summary.outcome,
        "product": summary.product,
        "customer": summary.customer,
        "sector": summary.sector,
        "regions": list(summary.regions),
        "tags": list(summary.tags),
        "submitted": summary.submitted.isoformat() if summary.submitted else None,
        "decided": summary.decided.isoformat() if summary.decided else None,
        "review_by": summary.review_by.isoformat() if summary.review_by else None,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from council_app.cli import text

    with open_library(args) as library:
        summaries = library.list_cases()
        framework = in_force_framework(library)
    if args.json:
        print_json([_summary_json(s) for s in summaries])
    else:
        print(text.case_table(summaries, framework, fit_width=sys.stdout.isatty()))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from council_app.cli import text
    from council_app.library.exchange import case_document

    with open_library(args) as library:
        case = library.get_case(args.case_id)
        if args.json:
            print_json(case_document(case))
        else:
            print(text.case_report(case, framework_of_case(library, case)))
            print_version_note(library, case)
            from council_app.council.clarification import exchange_words

            said = exchange_words(library, case.id)
            if said:
                print("\nRequest and clarification")
                print("\n".join(f"- {line}" for line in said))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from council_app.cli import text
    from council_app.library.search import SearchFilters, search_cases, search_prompt

    prompt = search_prompt(args.query)
    if prompt is not None:
        # No word to look for: said in place of the results (on stderr beside an empty JSON
        # list, which stays parseable).
        if args.json:
            print_json([])
        print(prompt, file=sys.stderr if args.json else sys.stdout)
        return EXIT_OK
    filters = SearchFilters(
        outcomes=tuple(args.outcome),
        statuses=tuple(args.status),
        products=tuple(args.product),
        sectors=tuple(args.sector),
        regions=tuple(r.upper() for r in args.region),
        tags=tuple(t.lower() for t in args.tag),
        principles=tuple(args.principle),
        classifications=tuple(args.classification),
        submitted_from=args.date_from,
        submitted_to=args.date_to,
    )
    with open_library(args) as library:
        known = in_force_framework(library).principle_keys
        unknown = [p for p in args.principle if p not in known]
        if unknown:
            raise CouncilError(
                f"{', '.join(map(repr, unknown))} is not a principle of the framework in force "
                f"(its principles: {', '.join(known) or 'none'}); nothing was searched."
            )
        hits = search_cases(
            library, args.query, filters, sort=args.sort, limit=args.limit, advanced=args.advanced
        )
        framework = in_force_framework(library)
    if args.json:
        print_json(
            [
                {
                    **_summary_json(hit.case),
                    "rank": hit.rank,
                    "snippet": hit.snippet_text,
                    "highlights": [t for t, lit in hit.snippet if lit],
                }
                for hit in hits
            ]
        )
    else:
        # Its library text is made visible piece by piece, so that the bold can stay bold.
        write_styled(text.search_results(hits, framework, emphasis=sys.stdout.isatty()))
    return EXIT_OK


def cmd_precedents(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import precedents_json, precedents_report
    from council_app.council.scoring_context import score_in_library
    from council_app.council.settings import load_blend
    from council_app.precedent import BlendWeights, precedent_findings

    with open_library(args) as library:
        case = library.get_case(args.case_id)
        framework = framework_of_case(library, case)
        blend = BlendWeights.parse(args.blend, load_blend(library)) if args.blend else None
        score = score_in_library(library, framework, case, draws=0)
        found = precedent_findings(library, framework, case, score, top=args.top, blend=blend)
    if args.json:
        print_json(precedents_json(found.search, found.consistency, framework))
    else:
        print(precedents_report(case, found.search, found.consistency, framework))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import graph_report
    from council_app.precedent import authorities, cited_by, local_graph

    with open_library(args) as library:
        case = library.get_case(args.case_id)
        chain = authorities(library, case.id)
        citing = cited_by(library, case.id)
        graph = local_graph(library, case.id, radius=2)
        nodes = sorted(graph.nodes)
        titles = {
            s.id: s.title for s in library.summaries(nodes + [a.case_id for a in chain]).values()
        }
    from council_app.precedent import Link

    links = sorted(
        {Link(a, key, b) for a, b, key in graph.edges(keys=True)},
        key=lambda link: (link.source, link.type, link.target),
    )
    if args.json:
        print_json(
            {
                "case": case.id,
                "authorities": [
                    {
                        "id": a.case_id,
                        "depth": a.depth,
                        "via": a.via,
                        "superseded_by": list(a.superseded_by),
                    }
                    for a in chain
                ],
                "cited_by": citing,
                "links": [{"source": x.source, "type": x.type, "target": x.target} for x in links],
            }
        )
    else:
        print(graph_report(case, chain, citing, links, titles))
    return EXIT_OK


def cmd_themes(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import themes_report
    from council_app.precedent import library_graph, most_cited, themes

    with open_library(args) as library:
        graph = library_graph(library)
        found = themes(library, graph)
        cited = most_cited(library)
        titles = {s.id: s.title for s in library.summaries([c for c, _ in cited]).values()}
    if args.json:
        print_json(
            {
                "themes": [
                    {"label": t.label, "tags": list(t.tags), "cases": list(t.case_ids)}
                    for t in found
                ],
                "most_cited": [{"id": c, "citations": n} for c, n in cited],
            }
        )
    else:
        print(themes_report(found, cited, titles))
    return EXIT_OK
