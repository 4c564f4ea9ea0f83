"""Snapshot the extractor's predictions over `make eval`'s inputs, and compare two snapshots.

    python -m benchmarks.snapshot_predictions OUT_DIR [--sample N]   write OUT_DIR/<set>.jsonl
    python -m benchmarks.snapshot_predictions --compare OLD_DIR NEW_DIR

Each line is one record: {"set", "id", "events": [...]}, its events as sorted JSON dumps, so
two snapshots of the same code are byte-identical. A refactoring that must not change answers is
checked by snapshotting before and after and comparing (exit 1 and the differing records when
they differ). Reads ../shared/evaldata and ../shared/fixtures (a benchmark, never the product).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from polemos.eval import fixtures
from polemos.eval.common import Record, evaldata_dir, run_extractor, select
from polemos.eval.sets import SETS

EXTRA_FIXTURE_SETS = {"fixtures": "fixtures", "wikievents_dev_plover": "evaldata/wikievents_dev_plover"}


def _sets(shared: Path, sample: int | None) -> dict[str, list[Record]]:
    evaldata = evaldata_dir(shared / "evaldata")
    out: dict[str, list[Record]] = {}
    for name, s in SETS.items():
        recs = s.load(evaldata)
        out[name] = select(recs, sample=sample)
    for name, rel in EXTRA_FIXTURE_SETS.items():
        out[name] = fixtures.load(shared / rel)
    return out


def snapshot(out_dir: Path, shared: Path, sample: int | None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, recs in _sets(shared, sample).items():
        t0 = time.perf_counter()
        run = run_extractor(recs, progress=False, desc=name)
        with (out_dir / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for r, preds in zip(run.records, run.preds):
                evs = sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in preds)
                f.write(json.dumps({"set": name, "id": r.id, "events": evs}, ensure_ascii=False) + "\n")
        total += len(recs)
        print(f"{name}: {len(recs)} records, {len(run.errors)} errors, {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    return total


def _load(d: Path) -> dict[tuple[str, str, int], list[str]]:
    out: dict[tuple[str, str, int], list[str]] = {}
    for p in sorted(d.glob("*.jsonl")):
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            out[(row["set"], row["id"], i)] = row["events"]
    return out


def compare(old_dir: Path, new_dir: Path) -> int:
    """Print each differing record (events only in old `-`, only in new `+`); the count of them."""
    old, new = _load(old_dir), _load(new_dir)
    diffs = 0
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        diffs += 1
        print(f"== {key[0]} {key[1]}")
        for e in sorted(set(a or []) - set(b or [])):
            print(f"  - {e}")
        for e in sorted(set(b or []) - set(a or [])):
            print(f"  + {e}")
    print(f"{len(set(old) | set(new))} records, {diffs} differences")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    ap.add_argument("--sample", type=int, default=None, help="seeded sample of N records per eval set")
    ap.add_argument("--shared", type=Path, default=Path.cwd().parent / "shared")
    a = ap.parse_args(argv)
    if a.compare:
        return 1 if compare(*a.compare) else 0
    if a.out is None:
        ap.error("give OUT_DIR or --compare OLD NEW")
    t0 = time.perf_counter()
    n = snapshot(a.out, a.shared, a.sample)
    print(f"{n} records in {time.perf_counter() - t0:.0f} s -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
