"""CPU of Polemos end to end (extract_stream, in this process) with and without the session-7
parsing changes, in alternating rounds so that every variant meets the same load:

    old64   every candidate gets entities, batches of 64 sentences (as before session 7)
    stg64   entities only for candidates that may yield an event (Extractor.may_yield), batches of 64
    old256  every candidate gets entities, batches of 256
    stg256  both (the default now)

    python -m benchmarks.parse_ab CORPUS.jsonl ROUNDS [old64,stg64,stg256,old256]

Distinct articles only (make bench repeats them). The phrase gate (trigger_gates) is on in every
variant: its saving shows in benchmarks.parse_counts.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    from polemos.batch.worker import warm_pipeline
    from polemos.extract import pipeline
    from polemos.extract.pipeline import Extractor
    from polemos.ingest import RecordError
    from polemos.ingest.readers import read_jsonl

    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("rounds", type=int)
    ap.add_argument("variants", nargs="?", default="old64,stg64,stg256,old256")
    a = ap.parse_args(argv)
    arts, seen = [], set()
    for art in read_jsonl(a.path.read_text(encoding="utf-8"), str(a.path)):
        if not isinstance(art, RecordError) and art.text not in seen:
            seen.add(art.text)
            arts.append(art)
    warm_pipeline()
    ex = Extractor.default()
    real = pipeline.parse_texts

    def variant(staged: bool, batch: int):
        def parse(*args, **kw):
            if not staged:
                kw.pop("keep", None)
            return real(*args, batch_size=batch, **kw)
        return parse

    table = {"old64": variant(False, 64), "stg64": variant(True, 64),
             "old256": variant(False, 256), "stg256": variant(True, 256)}
    names = a.variants.split(",")
    for _ in ex.extract_stream(arts[:40]):       # warm the caches every variant shares
        pass
    res: dict[str, list[float]] = {n: [] for n in names}
    for r in range(a.rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            pipeline.parse_texts = table[name]   # type: ignore[assignment]
            c = time.process_time()
            for _ in ex.extract_stream(arts):
                pass
            res[name].append(time.process_time() - c)
        print(r, {n: round(res[n][-1], 2) for n in names}, flush=True)
    pipeline.parse_texts = real
    for n in names:
        print(f"{n:<7} mean {sum(res[n]) / len(res[n]):6.2f} s CPU  min {min(res[n]):6.2f}")


if __name__ == "__main__":
    sys.exit(main())
