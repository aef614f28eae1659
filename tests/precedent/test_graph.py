from __future__ import annotations

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.generator import generate_cases
from council_app.precedent import library_graph, local_graph, themes
from council_app.precedent.graph import graph_summary


def test_local_graph_walks_links_both_ways(demo_library: CaseLibrary) -> None:
    graph = local_graph(demo_library, "EUC-2022-040", radius=1)
    assert graph.has_edge("EUC-2022-046", "EUC-2022-040", key="distinguishes")
    assert graph.has_edge("EUC-2023-049", "EUC-2022-040", key="cites")
    assert "EUC-2024-061" not in graph  # two steps away
    wider = local_graph(demo_library, "EUC-2022-040", radius=2)
    assert "EUC-2024-061" in wider  # EUC-2025-055 distinguishes 040 and cites 061


def test_library_graph_has_links_and_a_few_similarity_edges(demo_library: CaseLibrary) -> None:
    graph = library_graph(demo_library, similar_per_case=2)
    summary = graph_summary(graph)
    assert summary["cases"] == demo_library.count_cases()
    assert summary["edges_by_kind"]["cites"] >= 10
    assert 0 < summary["edges_by_kind"]["similar"] <= 2 * demo_library.count_cases()
    assert graph.edges["EUC-2024-061", "EUC-2023-057"]["kind"] == "supersedes"


def test_themes_group_related_cases_and_name_them(demo_library: CaseLibrary) -> None:
    found = themes(demo_library)
    assert len(found) >= 4
    covered = {case_id for theme in found for case_id in theme.case_ids}
    assert len(covered) >= 0.8 * demo_library.count_cases()
    voice = next(t for t in found if "EUC-2022-040" in t.case_ids)
    assert "EUC-2023-049" in voice.case_ids  # cites it, shares voice-cloning
    assert "voice-cloning" in voice.tags or "synthetic-media" in voice.tags
    face = next(t for t in found if "EUC-2022-010" in t.case_ids)
    assert face is not voice
    assert {"facial-recognition", "watchlist", "biometrics"} & set(face.tags)
    # Same seed, same themes.
    assert [t.case_ids for t in themes(demo_library)] == [t.case_ids for t in found]


def test_a_large_graph_never_compares_all_pairs(library: CaseLibrary, framework: Framework) -> None:
    library.add_cases(list(generate_cases(framework, 600, seed=3)))
    graph = library_graph(library, similar_per_case=3, block_limit=100)
    similar = sum(1 for _, _, d in graph.edges(data=True) if d["kind"] == "similar")
    assert similar <= 3 * 600
    assert themes(library, graph)
