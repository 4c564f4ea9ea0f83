"""The two store benchmarks (docs/store.md) run end to end on a real DuckDB file: what they print
and where they write (--db, else a temporary file that is removed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from polemos.store import bench, bench_points


def test_bench_prints_throughput_into_the_named_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "b.duckdb"
    assert bench.main(["--copies", "2", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^12 articles, 46 mentions -> \d+ events: \d+ articles/s .* on duckdb$", out, re.M)
    assert "re-adding 12 unchanged articles" in out
    assert db.is_file()


def test_bench_points_default_store_is_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)   # re-read TMPDIR
    assert bench_points.main(["--events", "500"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("duckdb, 500 events: add_events_bulk ")
    assert re.search(r"first page of 100 \d+ ms$", out.strip())
    assert list(tmp_path.iterdir()) == []


def test_bench_rejects_a_size_that_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        bench_points.main(["--events", "many"])
    assert e.value.code == 2
    assert "--events: invalid int value: 'many'" in capsys.readouterr().err
