"""The benchmark corpus: real news texts from ../shared/evaldata, repeated to the size asked.

Texts of geoparsing_gritta_corpora/*.jsonl (GeoWebNews, TR-News, ...) and wikievents_kairos/dev.jsonl
(see each folder's SOURCE.md: `text` per record; `date` where given). Repeats get new ids so
nothing downstream can treat them as duplicates."""
from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = ("evaldata/geoparsing_gritta_corpora/*.jsonl", "evaldata/wikievents_kairos/dev.jsonl")


def base_records(shared: Path = SHARED) -> list[dict]:
    """One record per distinct source article: {id, text, published?, title?}."""
    recs: list[dict] = []
    for pattern in SOURCES:
        for path in sorted(shared.glob(pattern)):
            with path.open(encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    text = r.get("text")
                    if not isinstance(text, str) or not text.strip():
                        continue
                    date = r.get("date")
                    rec = {"id": f"{path.stem}:{r.get('doc_id')}", "text": text}
                    if isinstance(date, str) and len(date) >= 10 and date[:4].isdigit():
                        rec["published"] = date[:10]
                    if r.get("title"):
                        rec["title"] = r["title"]
                    recs.append(rec)
    return recs


def build(n: int, shared: Path = SHARED) -> list[dict]:
    """`n` records: the base articles in order, repeated (with new ids) until there are n."""
    base = base_records(shared)
    if not base:
        raise SystemExit(f"benchmark corpus not found under {shared}/evaldata (see benchmarks/corpus.py)")
    return [dict(base[i % len(base)], id=f"{base[i % len(base)]['id']}#{i // len(base)}") for i in range(n)]


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_shards(records: list[dict], folder: Path, n_shards: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n_shards):
        p = folder / f"shard-{k:03d}.jsonl"
        write_jsonl(records[k::n_shards], p)
        paths.append(p)
    return paths


def words(records: list[dict]) -> int:
    return sum(len(r["text"].split()) for r in records)
