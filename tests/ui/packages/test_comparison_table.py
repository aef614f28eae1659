"""How the merge dialog's comparisons put a package's facts into words."""

from __future__ import annotations

from council_app.framework import Framework
from council_app.ui.packages.comparison_table import readable_value
from tests.factories import make_case


def test_facts_read_as_a_person_would_write_them(framework: Framework) -> None:
    case = make_case()
    from council_app.library.exchange import facts_of

    facts = facts_of(case)
    assert readable_value(facts["regions"]) == "DE, AT"
    assert readable_value(facts["mitigations"], framework) == (
        "• Contract forbids identification of individuals. (Contract, effectiveness 3, owner: Legal)"
    )
    assert readable_value(facts["stakeholder_input"], framework) == (
        "• Impacted communities: Commuter association welcomes safer platforms but fears mission "
        "creep. (source: Commuters' Forum, contact: chair@commuters.example.org, 2025-03-05)"
    )
    two = [{"description": "Audit yearly."}, {"description": "Logs kept.", "kind": "monitoring"}]
    assert readable_value(two) == "• Audit yearly.\n• Logs kept. (Monitoring)"
    assert readable_value(None) == readable_value([]) == readable_value("") == "(none)"
