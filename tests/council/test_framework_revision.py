from __future__ import annotations

from pathlib import Path

import pytest

from council_app.council.framework_revision import FrameworkService
from council_app.framework.loader import bundled_framework_text
from council_app.framework.revision import FrameworkDraft
from council_app.library import CaseLibrary
from council_app.library.frameworks import AdoptionRefused
from tests.factories import make_case


@pytest.fixture
def service(library_path: Path) -> FrameworkService:
    with CaseLibrary.open(library_path) as library:
        library.save_case(make_case("TST-2025-001"))  # index 41.9: approve with conditions
        library.save_case(make_case("TST-2025-002", decision=None, status="in_review"))
    return FrameworkService(library_path)


def test_the_preview_names_the_decided_cases_recommended_differently(
    service: FrameworkService,
) -> None:
    draft = FrameworkDraft(bundled_framework_text())
    assert service.preview(draft.text()).changes == ()
    draft.set_band_below(0, 45)
    preview = service.preview(draft.text())
    assert preview.decided == 1
    [change] = preview.changes
    assert (change.case_id, change.before, change.after) == (
        "TST-2025-001",
        "approve_with_conditions",
        "approve",
    )


def test_adopting_a_revision_keeps_it_in_force_and_refusals_change_nothing(
    service: FrameworkService,
) -> None:
    draft = FrameworkDraft(bundled_framework_text())
    draft.set_band_below(0, 45)
    with pytest.raises(AdoptionRefused, match="its own version"):
        service.adopt(draft.text(), "Lower bands")
    draft.set_version("2027.1")
    adopted = service.adopt(draft.text(), "Lower bands")
    assert (adopted.version, adopted.note) == ("2027.1", "Lower bands")
    assert [v.version for v in service.versions()] == ["2026.1", "2027.1"]
