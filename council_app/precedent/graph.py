"""The case graph: explicit links between cases, and similarity edges across the library.

Questions about one case stay local and are answered from the links table with indexed
lookups (a breadth-first walk of a few steps), so they are fast on a library of any size. The
library-wide graph — explicit links plus a few similarity edges per case, found by blocking on
shared tags rather than by comparing all pairs — is built for themes (communities) and is
worth caching: on 100,000 cases it takes seconds.
"""

from __future__ import annotations

import itertools
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from council_app.library import CaseLibrary

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    import networkx as nx

LINK_TYPES = ("cites", "supersedes", "distinguishes", "related")
# Read as "<source> cites <target>", and so on.
LINK_VERBS = {
    "cites": "cites",
    "supersedes": "supersedes",
    "distinguishes": "distinguishes",
    "related": "is related to",
}


@dataclass(frozen=True)
class Link:
    source: str
    type: str
    target: str
    note: str = ""

    def sentence(self) -> str:
        return f"{self.source} {LINK_VERBS.get(self.type, self.type)} {self.target}"


def _links_touching(library: CaseLibrary, case_ids: Iterable[str]) -> list[Link]:
    ids = list(dict.fromkeys(case_ids))
    found: list[Link] = []
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        marks = ",".join("?" * len(chunk))
        rows = library.db.execute(
            f"SELECT case_id, link_type, target_id, note FROM case_links "
            f"WHERE case_id IN ({marks}) OR target_id IN ({marks})",
            chunk + chunk,
        )
        found += [Link(*row) for row in rows]
    return list(dict.fromkeys(found))


def local_graph(library: CaseLibrary, case_id: str, *, radius: int = 2) -> nx.MultiDiGraph:
    """The explicit links within ``radius`` steps of a case, in either direction."""
    import networkx as nx

    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node(case_id)
    frontier = {case_id}
    seen = {case_id}
    for _ in range(radius):
        if not frontier:
            break
        # In order: the graph is built in the order links are read, and where two chains of
        # links are equally short the first built is the one explained, so a set's order
        # (which follows the process's hash seed) would make the same memo differ by process.
        links = _links_touching(library, sorted(frontier))
        next_frontier: set[str] = set()
        for link in links:
            if not graph.has_edge(link.source, link.target, key=link.type):
                graph.add_edge(
                    link.source, link.target, key=link.type, type=link.type, note=link.note
                )
            for node in (link.source, link.target):
                if node not in seen:
                    seen.add(node)
                    next_frontier.add(node)
        frontier = next_frontier
    return graph


def paths_from(graph: nx.MultiDiGraph, source: str) -> dict[str, tuple[Link, ...]]:
    """The shortest chain of links from a case to every case linked to it, each link read in
    its own direction ("A cites B; C distinguishes B")."""
    import networkx as nx

    # Built edge by edge in the graph's own order: networkx's undirected view of a directed
    # graph joins each node's successors and predecessors as a set, whose order follows the
    # process's hash seed, and the shortest chain found among equals would follow it too.
    undirected: nx.Graph = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from((a, b) for a, b, _key in graph.edges(keys=True))
    paths: dict[str, tuple[Link, ...]] = {}
    for target, nodes in nx.single_source_shortest_path(undirected, source).items():
        if target == source:
            continue
        links = []
        for a, b in itertools.pairwise(nodes):
            if graph.has_edge(a, b):
                links.append(Link(a, next(iter(graph[a][b])), b))
            else:
                links.append(Link(b, next(iter(graph[b][a])), a))
        paths[target] = tuple(links)
    return paths


@dataclass(frozen=True)
class Authority:
    case_id: str
    depth: int  # 1: cited directly; 2: cited by a case this one cites; ...
    via: str  # the case that cites it
    superseded_by: tuple[str, ...]


def _superseders(library: CaseLibrary, case_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = list(case_ids)
    result: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for source, target in library.db.execute(
            f"SELECT case_id, target_id FROM case_links WHERE link_type = 'supersedes' "
            f"AND target_id IN ({marks}) ORDER BY case_id",
            chunk,
        ):
            result[target].append(source)
    return dict(result)


def authorities(library: CaseLibrary, case_id: str, *, depth: int = 6) -> list[Authority]:
    """The chain of authorities a case rests on: what it cites, what those cite, and so on."""
    found: list[Authority] = []
    seen = {case_id}
    frontier = [case_id]
    for level in range(1, depth + 1):
        next_frontier: list[str] = []
        for source in frontier:
            for (target,) in library.db.execute(
                "SELECT target_id FROM case_links WHERE case_id = ? AND link_type = 'cites' "
                "ORDER BY position",
                [source],
            ):
                if target in seen:
                    continue
                seen.add(target)
                next_frontier.append(target)
                found.append(Authority(target, level, source, ()))
        frontier = next_frontier
        if not frontier:
            break
    superseded = _superseders(library, [a.case_id for a in found])
    return [
        Authority(a.case_id, a.depth, a.via, tuple(superseded.get(a.case_id, ()))) for a in found
    ]


def cited_by(library: CaseLibrary, case_id: str) -> list[str]:
    """The cases that cite this one directly, newest first."""
    return [
        row[0]
        for row in library.db.execute(
            "SELECT l.case_id FROM case_links l JOIN cases c ON c.id = l.case_id "
            "WHERE l.target_id = ? AND l.link_type = 'cites' ORDER BY c.submitted DESC, c.id",
            [case_id],
        )
    ]


def most_cited(library: CaseLibrary, limit: int = 10) -> list[tuple[str, int]]:
    return [
        (row[0], row[1])
        for row in library.db.execute(
            "SELECT target_id, count(*) AS n FROM case_links WHERE link_type = 'cites' "
            "AND target_id IN (SELECT id FROM cases) GROUP BY target_id ORDER BY n DESC, target_id "
            "LIMIT ?",
            [limit],
        )
    ]


# -- the library-wide graph --------------------------------------------------------------------


def _rating_means(library: CaseLibrary) -> dict[str, float]:
    """Each case's mean concern across its members and considerations, as a share of the most
    the scale allows (0–1, one figure per case), read in the terms of the framework in force:
    an effectiveness rating counts down from the top of its scale."""
    from council_app.library.frameworks import framework_in_force

    framework = framework_in_force(library)
    effectiveness = [c.key for c in framework.rated_considerations if c.direction != "concern"]
    marks = ", ".join("?" for _ in effectiveness) or "NULL"
    means: dict[str, float] = {}
    for case_id, value in library.db.execute(
        "SELECT a.case_id, "
        f"avg(CASE WHEN r.consideration IN ({marks}) THEN ? - r.score ELSE r.score - ? END) "
        "FROM consideration_ratings r JOIN assessments a ON a.id = r.assessment_id "
        "WHERE r.score IS NOT NULL GROUP BY a.case_id",
        [*effectiveness, framework.scale_max, framework.scale_min],
    ):
        means[case_id] = min(1.0, max(0.0, float(value) / framework.scale_span))
    return means


def library_graph(
    library: CaseLibrary, *, similar_per_case: int = 3, block_limit: int = 2000, seed: int = 1
) -> nx.Graph:
    """Every case, its explicit links, and a few similarity edges per case (undirected).

    Similarity edges are found by blocking: within each tag, cases are ordered by their mean
    concern and each is joined to its nearest neighbours in that order, then each case keeps
    its ``similar_per_case`` best by shared tags, product, sector and closeness of concern.
    No pair of cases is compared unless they share a tag, and at most ``block_limit`` cases of
    any one tag are read (a seeded sample), so the work grows with the library, not its square.
    """
    import networkx as nx

    graph: nx.Graph = nx.Graph()
    facts: dict[str, tuple[str, str]] = {}
    for case_id, title, product, sector in library.db.execute(
        "SELECT id, title, product, sector FROM cases"
    ):
        graph.add_node(case_id, title=title)
        facts[case_id] = (product, sector)
    tags: dict[str, set[str]] = defaultdict(set)
    by_tag: dict[str, list[str]] = defaultdict(list)
    for case_id, tag in library.db.execute("SELECT case_id, tag FROM case_tags"):
        tags[case_id].add(tag)
        by_tag[tag].append(case_id)
    for source, link_type, target in library.db.execute(
        "SELECT case_id, link_type, target_id FROM case_links"
    ):
        if target in facts:
            graph.add_edge(source, target, kind=link_type, weight=1.0)

    concern = _rating_means(library)
    rng = random.Random(seed)
    candidates: dict[str, set[str]] = defaultdict(set)
    reach = max(1, similar_per_case)
    for members in by_tag.values():
        if len(members) < 2:
            continue
        block = members if len(members) <= block_limit else rng.sample(members, block_limit)
        block.sort(key=lambda c: concern.get(c, 0.5))
        for i, case_id in enumerate(block):
            for j in range(i + 1, min(i + 1 + reach, len(block))):
                candidates[case_id].add(block[j])
                candidates[block[j]].add(case_id)

    def similarity(a: str, b: str) -> float:
        shared = len(tags[a] & tags[b]) / max(1, len(tags[a] | tags[b]))
        same_product = 1.0 if facts[a][0] and facts[a][0] == facts[b][0] else 0.0
        same_sector = 1.0 if facts[a][1] and facts[a][1] == facts[b][1] else 0.0
        closeness = 1 - abs(concern.get(a, 0.5) - concern.get(b, 0.5))
        return 0.5 * shared + 0.15 * same_product + 0.15 * same_sector + 0.2 * closeness

    for case_id, others in candidates.items():
        best = sorted(others, key=lambda o: (-similarity(case_id, o), o))[:similar_per_case]
        for other in best:
            if not graph.has_edge(case_id, other):
                graph.add_edge(case_id, other, kind="similar", weight=similarity(case_id, other))
    return graph


@dataclass(frozen=True)
class Theme:
    label: str
    tags: tuple[str, ...]  # the tags most typical of the theme
    case_ids: tuple[str, ...]


def themes(
    library: CaseLibrary, graph: nx.Graph | None = None, *, min_size: int = 3, seed: int = 1
) -> list[Theme]:
    """Groups of cases that hang together, each labelled by the tags typical of it."""
    import networkx as nx

    graph = graph if graph is not None else library_graph(library)
    if graph.number_of_nodes() == 0:
        return []
    communities: Iterable[Any]
    if graph.number_of_nodes() <= 20_000:
        communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    else:
        # Semi-synchronous label propagation: deterministic, and on 100,000 cases 15 s where
        # fast_label_propagation took 57 s and asyn_lpa 21 s (the benchmark's case-graph
        # figure). It ignores the weights; the similarity edges are already the closest few.
        communities = nx.community.label_propagation_communities(graph)
    tags: dict[str, list[str]] = defaultdict(list)
    for case_id, tag in library.db.execute("SELECT case_id, tag FROM case_tags"):
        tags[case_id].append(tag)
    overall = Counter(tag for values in tags.values() for tag in values)
    total = max(1, graph.number_of_nodes())
    found: list[Theme] = []
    for community in communities:
        members = sorted(community)
        if len(members) < min_size:
            continue
        counts = Counter(tag for case_id in members for tag in tags.get(case_id, ()))
        # Typical tags: frequent in the theme and more frequent there than in the library.
        scored = sorted(
            counts,
            key=lambda t: (
                -(counts[t] / len(members)) * (counts[t] / len(members)) / (overall[t] / total),
                t,
            ),
        )
        top = tuple(t for t in scored[:3] if counts[t] >= 2) or tuple(scored[:1])
        label = ", ".join(t.replace("-", " ") for t in top) if top else "untagged cases"
        found.append(Theme(label=label, tags=top, case_ids=tuple(members)))
    found.sort(key=lambda t: (-len(t.case_ids), t.label))
    return found


def graph_summary(graph: nx.Graph) -> dict[str, Any]:
    kinds = Counter(data.get("kind", "") for _, _, data in graph.edges(data=True))
    degrees = [d for _, d in graph.degree()]
    return {
        "cases": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "edges_by_kind": dict(kinds),
        "median_degree": statistics.median(degrees) if degrees else 0,
    }
