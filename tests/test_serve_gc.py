"""`polemos serve` keeps what it made at start-up out of the garbage collector's passes: a full
pass at 1,000,000 events walked it all and paused every request for ~250 ms (docs/benchmarks.md)."""
from __future__ import annotations

import subprocess
import sys

CODE = """
import gc
from polemos.api import Settings, create_app
from polemos.cli.serve_cmd import quiet_collector
app = create_app(Settings(db=DB))
before = len(gc.get_objects())
quiet_collector()
print(before, gc.get_freeze_count(), len(gc.get_objects()), gc.get_threshold()[0])
"""


def test_start_up_objects_are_frozen_out_of_full_passes(tmp_path):
    db = tmp_path / "s.duckdb"
    out = subprocess.run([sys.executable, "-c", f"DB = {str(db)!r}" + CODE], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    before, frozen, walked, first = map(int, out)
    assert before > 20_000 and frozen >= before * 0.9     # the app, modules and the store: frozen
    assert walked < 1_000                                  # what a full pass still walks
    assert first >= 10_000                                 # short-lived page objects die between passes
