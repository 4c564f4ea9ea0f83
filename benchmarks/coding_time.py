"""CPU of the coding step alone: clean and parse a corpus once (as Extractor.extract_stream does),
then time PASSES passes of Extractor.article_events over the parsed articles.

    python -m benchmarks.coding_time CORPUS.jsonl [PASSES]

Prints "parse S coding S (N reps)". Coding is the part of Polemos' CPU that is not the spaCy
model; run the code before and after a change at the same time (PYTHONPATH=<src>) to compare.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from polemos.batch.worker import warm_pipeline
from polemos.extract.pipeline import Extractor
from polemos.ingest import RecordError, clean_text
from polemos.ingest.readers import read_jsonl
from polemos.nlp import parse_texts


def main(argv: list[str]) -> None:
    arts = [a for a in read_jsonl(Path(argv[0]).read_text(encoding="utf-8"), argv[0])
            if not isinstance(a, RecordError)]
    passes = int(argv[1]) if len(argv) > 1 else 1
    warm_pipeline()
    ex = Extractor.default()
    names, proper = ex.coder.proper_names
    c0 = time.process_time()
    cleans = [clean_text(a.text) for a in arts]
    parsed = parse_texts([c.text for c in cleans], ex._is_candidate, names=names, proper=proper,   # noqa: SLF001
                         context=ex.lexicon.with_context)
    c1 = time.process_time()
    for _ in range(passes):
        for a, x, p in zip(arts, cleans, parsed):
            ex.article_events(a, x, p)
    c2 = time.process_time()
    print(f"parse {c1 - c0:.2f} coding {c2 - c1:.2f} ({passes} reps)")


if __name__ == "__main__":
    main(sys.argv[1:])
