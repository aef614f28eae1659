"""Precedent: ranked similar cases with reasons, the case graph, and the consistency check."""

from council_app.precedent.consistency import ConsistencyCheck, Inconsistency, check_consistency
from council_app.precedent.findings import PrecedentFindings, precedent_findings
from council_app.precedent.graph import (
    Authority,
    Link,
    Theme,
    authorities,
    cited_by,
    library_graph,
    local_graph,
    most_cited,
    themes,
)
from council_app.precedent.ranking import Precedent, PrecedentSearch, find_precedents
from council_app.precedent.settings import BlendError, BlendWeights

__all__ = [
    "Authority",
    "BlendError",
    "BlendWeights",
    "ConsistencyCheck",
    "Inconsistency",
    "Link",
    "Precedent",
    "PrecedentFindings",
    "PrecedentSearch",
    "Theme",
    "authorities",
    "check_consistency",
    "cited_by",
    "find_precedents",
    "library_graph",
    "local_graph",
    "most_cited",
    "precedent_findings",
    "themes",
]
