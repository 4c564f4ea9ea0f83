"""Adapter for gold fixtures laid out as ../shared/fixtures/: one folder per article with
`article.txt` (text as it arrived), `meta.json` (publication date, title) and `gold.json`.

What is scored is what `polemos extract` prints: one record per event, each article's mentions
merged (polemos.merge_article), so the figures equal score_events.py on the CLI's output."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from polemos import errors
from polemos.api_python import merge_article
from polemos.errors import InputError
from polemos.eval import events
from polemos.eval.common import Pred, Record, Run, run_extractor
from polemos.models import Article, Event


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(errors.EVAL_BAD_GOLD.format(path=path, reason=str(e).split(":")[0])) from None
    if not isinstance(data, dict):
        raise InputError(errors.EVAL_BAD_GOLD.format(path=path, reason="not a JSON object"))
    return data


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def load(root: str | Path) -> list[Record]:
    """Every article folder under `root` (or `root` itself when it is one), in name order."""
    root = Path(root)
    if not root.exists():
        raise InputError(errors.FILE_MISSING.format(path=root))
    folders = [root] if (root / "gold.json").is_file() else sorted(
        p.parent for p in root.rglob("gold.json") if (p.parent / "article.txt").is_file())
    if not folders:
        raise InputError(errors.EVAL_NO_ARTICLES.format(path=root))
    out = []
    for f in folders:
        if not (f / "article.txt").is_file():
            raise InputError(errors.FILE_MISSING.format(path=f / "article.txt"))
        gold = _json(f / "gold.json")
        if not isinstance(gold.get("events"), list):
            raise InputError(errors.EVAL_BAD_GOLD.format(path=f / "gold.json", reason="no 'events' list"))
        for i, g in enumerate(gold["events"]):
            if not isinstance(g, dict) or not g.get("type") or not g.get("id"):
                raise InputError(errors.EVAL_BAD_GOLD.format(path=f / "gold.json",
                                                             reason=f"event {i + 1} lacks 'id' or 'type'"))
        meta = _json(f / "meta.json") if (f / "meta.json").is_file() else {}
        doc = gold.get("document") or meta.get("id") or f.name
        gold["document"] = doc
        text = (f / "article.txt").read_bytes().decode("utf-8", errors="replace")
        out.append(Record(id=doc, text=text, gold=gold, title=meta.get("title"),
                          published=_date(meta.get("published") or gold.get("published")), meta=meta))
    return out


def _merged(r: Record, preds: list[Pred]) -> list[Pred]:
    """One record's predictions as `polemos extract` prints them: its mentions merged into events
    (predictions that are already merged records, with n_mentions, are kept as they are)."""

    if not preds or all("n_mentions" in p for p in preds):
        return preds
    # the article run_extractor read: merged ids and headlines depend on it
    article = Article(id=r.id, text=r.text, title=r.title, published=r.published)
    return [e.model_dump(mode="json") for e in merge_article(article, [Event.model_validate(p) for p in preds])]


def merged(run: Run) -> Run:
    """The run with each record's mentions merged into events, as `polemos extract` prints them."""
    return Run(records=run.records, preds=[_merged(r, p) for r, p in zip(run.records, run.preds)],
               errors=run.errors, seconds=run.seconds)


def run(records: list[Record], progress: bool = True) -> Run:
    """Extract the fixtures' articles and merge each one's mentions: the predictions `polemos
    extract --format jsonl` gives (and `polemos eval events --save-preds` writes)."""

    return merged(run_extractor(records, progress=progress, desc="events"))


def score(run: Run) -> dict:
    """Event recall, precision, F1 and field accuracy of the run's events (mentions are merged
    first, as `polemos extract` merges them)."""
    run = merged(run)
    per_doc = {r.id: events.score_doc(r.gold, preds) for r, preds in zip(run.records, run.preds)}
    m = events.metrics(events.merge(per_doc))
    m["n"] = len(run.records)
    m["examples"] = {
        "missed": [dict(doc=d, **x) for d, r in per_doc.items() for x in r["missed_events"]],
        "field_failures": [dict(doc=d, **x) for d, r in per_doc.items() for x in r["field_failures"]],
        "unmatched_predictions": [dict(doc=d, **x) for d, r in per_doc.items() for x in r["unmatched_predictions"]],
    }
    return m
