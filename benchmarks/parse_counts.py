"""How much of a corpus the model reads (deterministic, unlike timings): candidate sentences and
their tokens (tagger and parser), and those of them that also get the entity recogniser.

    python -m benchmarks.parse_counts CORPUS.jsonl      # distinct articles only (make bench repeats them)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def counts(path: Path) -> dict:
    from polemos.extract.pipeline import Extractor
    from polemos.ingest import RecordError, clean_text
    from polemos.ingest.readers import read_jsonl
    from polemos.nlp import parse_texts

    arts, seen = [], set()
    for a in read_jsonl(path.read_text(encoding="utf-8"), str(path)):
        if not isinstance(a, RecordError) and a.text not in seen:
            seen.add(a.text)
            arts.append(a)
    ex = Extractor.default()
    names, proper = ex.coder.proper_names
    out = {"articles": len(arts), "sentences": 0, "candidates": 0, "candidate_tokens": 0,
           "with_entities": 0, "entity_tokens": 0}
    for k in range(0, len(arts), 32):
        texts = [clean_text(a.text).text for a in arts[k:k + 32]]
        args = dict(names=names, proper=proper, context=ex.lexicon.with_context)
        full = parse_texts(texts, ex._is_candidate, **args)                       # noqa: SLF001
        # (code from before session 7 has no `may_yield`: every candidate gets entities)
        kept = parse_texts(texts, ex._is_candidate, keep=ex.may_yield, **args) \
            if hasattr(ex, "may_yield") else full                                    # noqa: SLF001
        for f, s in zip(full, kept):
            out["sentences"] += len(f.sentences)
            out["candidates"] += len(f.parsed)
            out["candidate_tokens"] += sum(len(x.doc) for x in f.parsed if x.doc is not None)
            out["with_entities"] += len(s.parsed)
            out["entity_tokens"] += sum(len(x.doc) for x in s.parsed if x.doc is not None)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    c = counts(ap.parse_args(argv).path)
    print(f"{c['articles']} articles, {c['sentences']} sentences: {c['candidates']} candidates tagged and parsed "
          f"({c['candidate_tokens']} tokens), {c['with_entities']} of them with entities ({c['entity_tokens']} tokens, "
          f"{c['entity_tokens'] / max(1, c['candidate_tokens']):.1%})")


if __name__ == "__main__":
    sys.exit(main())
