"""`polemos eval acled`: ACLED sub-event typing, scored on
- the project's own codebook sentences (tests/data/acled_codebook_sentences.jsonl: ten sentences
  per sub-event type written from the ACLED Codebook's definitions; a dev half used while writing
  the rules and a check half written first and not used for tuning);
- the event notes (tests/data/acled_notes_sentences.jsonl: ten ACLED-style event notes and news
  snippets per sub-event type, written later by another session before it changed any rule);
- the wire notes and the news snippets (tests/data/acled_wire_sentences.jsonl, acled_news_snippets.jsonl:
  ten short reports per sub-event type each, sessions 6 and 7, even half dev, odd half check);
- the protest sub-types of mass_mobilization_protests and police_brutality_2020 (even/odd halves
  by row number; labels read as data/crosswalks/acled_eval.yaml says).
The prediction for a record is the ACLED sub-event type of its main event (extract/acled)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, crosswalk, data_file, ratio, run_extractor, select
from polemos.extract.acled import report_main_sub_event

SENTENCES = Path(__file__).resolve().parents[3] / "tests" / "data" / "acled_codebook_sentences.jsonl"
# a second, independent set (session 5): ACLED-style event notes and news snippets, ten per sub-type,
# written from the codebook before any rule was changed; dev = odd-numbered, check = even-numbered
NOTES = SENTENCES.with_name("acled_notes_sentences.jsonl")
# a third, independent set (session 6): short reports in the register of real ACLED notes and wire
# snippets (headlines, lower-case fragments, several clauses), ten per sub-type, written before any rule
# was changed; halves by number within each sub-type: even = dev, odd = check
WIRE = SENTENCES.with_name("acled_wire_sentences.jsonl")
# a fourth, independent set (session 7): one- or two-sentence snippets cut from ordinary news stories, in
# the register of the CASE 2021 fine-grained task (quotes, attributions, background clauses, headlines,
# counts in words), ten per sub-type, written before any rule was changed; even = dev, odd = check
NEWS = SENTENCES.with_name("acled_news_snippets.jsonl")
MM, PB = "mass_mobilization_protests", "police_brutality_2020"


def load_sentences(path: Path = SENTENCES) -> list[Record]:
    recs = []
    for line in data_file(path.parent, path.name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            recs.append(Record(id=d["id"], text=d["text"], gold=d["sub_event_type"], meta={"half": d["half"]},
                               published=dt.date(2023, 6, 1)))
    return recs


def load_mm(folder: Path) -> list[Record]:
    recs = []
    with data_file(folder, "mm_protests_1990_2015.csv").open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            try:
                day = dt.date(int(row["startyear"]), int(row["startmonth"]), int(row["startday"]))
            except ValueError:
                day = None
            recs.append(Record(id=row["id"], text=row["notes"], gold=row["acled_proxy"], published=day,
                               meta={"half": "even" if i % 2 == 0 else "odd"}))
    return recs


def load_pb(folder: Path) -> list[Record]:
    cfg = crosswalk("acled_eval.yaml")[PB]
    rows = json.loads(data_file(folder, "all-locations-v2.json").read_text(encoding="utf-8"))["data"]
    recs = []
    for i, r in enumerate(rows):
        tags = set(r.get("tags") or [])
        if cfg["only_tag"] not in tags or not (r.get("description") or "").strip():
            continue
        gold = "Excessive force against protesters" if tags & set(cfg["excessive_force_tags"]) else cfg["default"]
        try:
            day = dt.date.fromisoformat(r.get("date") or "")
        except ValueError:
            day = None
        recs.append(Record(id=r["id"], text=r["description"], title=r.get("name"), gold=gold, published=day,
                           meta={"half": "even" if i % 2 == 0 else "odd"}))
    return recs


def metrics(golds: list[str], preds: list[str | None]) -> dict:
    """Accuracy, balanced accuracy (mean recall over the gold sub-types) and weighted F1, with
    the per-sub-type table."""
    n = len(golds)
    tp = Counter(g for g, p in zip(golds, preds) if g == p)
    gold_n, pred_n = Counter(golds), Counter(p for p in preds if p)
    table = {}
    for s in sorted(gold_n):
        prec = tp[s] / pred_n[s] if pred_n[s] else 0.0
        rec = tp[s] / gold_n[s]
        table[s] = {"n": gold_n[s], "recall": round(rec, 4), "precision": round(prec, 4),
                    "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}
    return {"n": n, "accuracy": ratio(sum(tp.values()), n),
            "balanced_accuracy": round(sum(t["recall"] for t in table.values()) / len(table), 4) if table else None,
            "weighted_f1": round(sum(t["f1"] * t["n"] for t in table.values()) / n, 4) if n else None,
            "per_sub_type": table}


def score_set(records: list[Record], progress: bool = True, desc: str = "acled") -> dict:
    """Run the extractor on the records; metrics over all and per half."""
    run = run_extractor(records, progress=progress, desc=desc)
    preds = [report_main_sub_event(p) for p in run.preds]
    out: dict = {"all": metrics([r.gold for r in records], preds)}
    for half in sorted({r.meta["half"] for r in records}):
        idx = [i for i, r in enumerate(records) if r.meta["half"] == half]
        out[half] = metrics([records[i].gold for i in idx], [preds[i] for i in idx])
    out["examples"] = [{"id": r.id, "gold": r.gold, "pred": p, "text": r.text[:200]}
                       for r, p in zip(records, preds) if p != r.gold]
    out["extractor_errors"] = len(run.errors)
    return out


def evaluate(evaldata: Path | None, sample: int | None = None, sentences: Path = SENTENCES,
             progress: bool = True, limit: int | None = None, notes: Path | None = NOTES,
             wire: Path | None = WIRE, news: Path | None = NEWS) -> dict[str, dict]:
    """Every ACLED set: the codebook sentences in full, each protest set (a seeded sample of
    `sample` records when given); `limit` keeps the first N of each (a quick look). A protest set
    whose folder is absent is left out."""
    sets = {"codebook_sentences": select(load_sentences(sentences), limit=limit)}
    if notes is not None:
        sets["event_notes"] = select(load_sentences(notes), limit=limit)
    if wire is not None:
        sets["wire_notes"] = select(load_sentences(wire), limit=limit)
    if news is not None:
        sets["news_snippets"] = select(load_sentences(news), limit=limit)
    if evaldata is not None:
        for name, loader in ((MM, load_mm), (PB, load_pb)):
            if (evaldata / name).is_dir():
                sets[name] = select(loader(evaldata / name), sample=sample, limit=limit)
    return {name: score_set(recs, progress=progress, desc=name) for name, recs in sets.items()}


def text_report(results: dict[str, dict], per_type: bool = True) -> list[str]:
    """Markdown: one row per set and half, then each set's per-sub-type table."""
    out = ["| set | half | n | accuracy | balanced accuracy | weighted F1 |", "|---|---|---|---|---|---|"]
    for name, res in results.items():
        for half, m in res.items():
            if isinstance(m, dict) and "accuracy" in m:
                out.append(f"| {name} | {half} | {m['n']} | {m['accuracy']} "
                           f"| {m['balanced_accuracy']} | {m['weighted_f1']} |")
    if per_type:
        for name, res in results.items():
            out += ["", f"{name}, per sub-event type (all halves):", "",
                    "| sub-event type | n | recall | precision | F1 |", "|---|---|---|---|---|"]
            out += [f"| {s} | {t['n']} | {t['recall']} | {t['precision']} | {t['f1']} |"
                    for s, t in res["all"]["per_sub_type"].items()]
    return out


REPORT_SAMPLE = 1000   # records per protest set in `make eval` (seeded); the codebook sentences in full


def report_section(evaldata: Path, quick: int | None = None, progress: bool = True) -> tuple[list[str], list[str]]:
    """EVALUATION.md's ACLED section and its summary rows (target 0.70, issue 12)."""
    n = REPORT_SAMPLE
    res = evaluate(evaldata, sample=n, progress=progress, limit=quick)
    lines = ["## ACLED sub-event types (codebook sentences, protest sets)", "",
             f"Reproduce: `polemos eval acled --sample {n}`. Codebook sentences: ten per sub-event type written from "
             "the ACLED Codebook's definitions (dev half used while writing the rules; check half not). Event notes: "
             "ten ACLED-style notes and news snippets per sub-event type, written before the rules were revised "
             "(dev half used, check half not). Wire notes: ten reports per sub-event type in the register of real "
             "notes and wire snippets, written before the session-6 rules (even half used, odd half not). "
             "News snippets: ten one- or two-sentence snippets of ordinary news stories per sub-event type, written "
             "before the session-7 rules (even half used, odd half not). "
             "Protest sets: "
             f"a seeded sample of {n} records each, even/odd rows; labels as docs/acled.md says.", ""]
    lines += text_report(res) + [""]
    summary = [f"| acled {name} | sub-event weighted F1 / balanced accuracy ({half}) | {m['weighted_f1']} / "
               f"{m['balanced_accuracy']} | {m['n']} | 0.70 |"
               for name, r in res.items() for half, m in r.items()
               if half != "all" and isinstance(m, dict) and "accuracy" in m]
    return lines, summary
