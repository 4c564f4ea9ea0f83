"""`make eval`'s report on a few records per set: every section present, and the same file twice."""
from __future__ import annotations

from pathlib import Path

import pytest

from polemos.eval import report


@pytest.mark.slow
def test_report_has_every_section_and_is_deterministic(shared: Path, tmp_path: Path):
    a = report.build(shared / "evaldata", quick=2, progress=False)
    b = report.build(shared / "evaldata", quick=2, progress=False)
    assert a == b
    for title in ("## Summary", "## Gold fixtures", "## PLOVER", "## PETRARCH2", "## Wikipedia", "## UCDP",
                  "## MUC-4", "## WikiEvents", "## Long articles: our own set", "## Geoparsing", "## Event location", "## ACLED sub-event types"):
        assert title in a
    assert "polemos eval ucdp --json" in a and "0.873" in a and "0.941" in a
    report.main(["--data", str(shared / "evaldata"), "--limit", "1", "--quiet", "--out", str(tmp_path / "E.md")])
    assert (tmp_path / "E.md").read_text().startswith("# Polemos evaluation")
