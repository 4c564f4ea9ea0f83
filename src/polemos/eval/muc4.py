"""Adapter for MUC-3/MUC-4 full answer-key templates (dev split: 1,300 Latin-American terrorism
reports of 1988-1990, 700 with at least one incident template). Document-level scoring of
incident type, date, place, perpetrator, deaths and injuries.

Quirks of the set, handled here:
- the text is ALL UPPER CASE and hard-wrapped at 72 columns (FBIS style): it is given to Polemos
  as stored by default; `truecase=True` (CLI `--truecase`) lower-cases it and capitalises sentence
  starts, to separate casing failures from the rest;
- the publication date is only in the dateline ("SAN SALVADOR, 3 JAN 90 (RADIO CADENA YSU) --"):
  read from there;
- templates come as a list (a JSON string in some conversions: both read); one document can
  hold several incidents; '(OPTIONAL)' templates count for the incident type a document may
  have but are not scored field by field;
- slot values: '-' is empty, '*' not applicable, alternatives are separated by ' / ', a leading
  '?' marks uncertainty (kept), strings are quoted;
- INCIDENT: DATE is '30 DEC 89', '- 03 NOV 89' (on or before; accepted up to 31 days before),
  '24 OCT 89 - 25 OCT 89' (a range), or alternatives '(05 OCT 89) / (04 OCT 89 - 05 OCT 89)';
- INCIDENT: LOCATION is 'COUNTRY: PLACE (TYPE): PLACE (TYPE)': the country is scored against the
  predicted place's country, and the place when any named sub-national level equals the predicted
  place's text or gazetteer name;
- deaths/injuries are per target group: 'HUM TGT: EFFECT OF INCIDENT' lines 'DEATH: "X"' and
  'HUM TGT: NUMBER' lines '3: "X"'; a template's toll is the sum over its DEATH (INJURY) groups,
  left unscored when any such group's number is not a figure ('PLURAL');
- Polemos codes PLOVER, not MUC incident types: an event's MUC type comes from its PLOVER type
  and words in its mode/trigger (`muc4_incident` in data/crosswalks/eval_sets.yaml); aerial and
  heavy-weapons attacks are ATTACK (MUC's BOMBING is a bomb set or thrown by hand);
- a document's incident type is the story's, not one sentence's (`story_incident`): the type told
  by the most of its violent events, ties to the type that refines ATTACK, then to the first
  mention. Violence only named inside an accusation or a threat ("condemned the assassination",
  "threatened to kill") counts when the story states none (MUC templates hold threatened and
  attempted incidents and incidents reported after the fact). The same rule for every document.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

from polemos.eval.common import Record, Run, country_iso3, crosswalk, names_match, ratio, read_annotated_jsonl

FOLDER = "muc4_full_templates"
VIOLENT = ("ASSAULT", "COERCE", "PROTEST")
MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
DAY = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b")


def _day(m: re.Match) -> dt.date | None:
    try:
        return dt.date(1900 + int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def parse_date_slot(value: str) -> tuple[dt.date, dt.date] | None:
    """The window an INCIDENT: DATE slot allows (union of its alternatives)."""
    lo_all, hi_all = None, None
    for alt in (value or "").split(" / "):
        alt = alt.strip().strip("()").strip()
        ds = [d for d in (_day(m) for m in DAY.finditer(alt)) if d]
        if not ds:
            continue
        if len(ds) >= 2:
            lo, hi = min(ds), max(ds)
        elif alt.startswith("-"):
            hi = ds[0]
            lo = hi - dt.timedelta(days=31)
        else:
            lo = hi = ds[0]
        lo_all = lo if lo_all is None else min(lo_all, lo)
        hi_all = hi if hi_all is None else max(hi_all, hi)
    return (lo_all, hi_all) if lo_all and hi_all else None


def _quoted(value: str) -> list[str]:
    return [q for q in re.findall(r'"([^"]+)"', value or "") if q.strip() not in ("-", "")]


def _toll(t: dict, effect: str) -> int | None:
    """Sum of the NUMBER of the target groups whose EFFECT is `effect` (DEATH / INJURY)."""
    groups: set[Any] = set()
    for line in (t.get("HUM TGT: EFFECT OF INCIDENT") or "").split("\n"):
        head, _, rest = line.partition(":")
        if effect in head.split(" / ") or head.strip().lstrip("? ") == effect:
            groups.update(q.strip() for q in _quoted(rest)[:1])
    if not groups:
        return None
    total = 0
    numbers = {}
    for line in (t.get("HUM TGT: NUMBER") or "").split("\n"):
        head, _, rest = line.partition(":")
        q = _quoted(rest)
        if q:
            numbers[q[0].strip()] = head.strip().lstrip("? ")
    for g in groups:
        n = numbers.get(g, "")
        m = re.fullmatch(r"(\d+)(?:\s*-\s*\d+)?", n)
        if not m:
            return None
        total += int(m.group(1))
    return total


def _place(value: str) -> tuple[str | None, list[str]]:
    first = (value or "").split(" / ")[0]
    parts = [p.strip() for p in first.split(":") if p.strip() and p.strip() != "-"]
    if not parts:
        return None, []
    names = [re.sub(r"\s*\([^)]*\)\s*$", "", p).strip() for p in parts[1:]]
    return country_iso3(parts[0].strip("(?) ").title()), [n for n in names if n]


def _template(t: dict) -> dict:
    types = [x.strip().lstrip("? ").strip() for x in (t.get("INCIDENT: TYPE") or "").split(" / ") if x.strip()]
    country, places = _place(t.get("INCIDENT: LOCATION", ""))
    perps = _quoted(t.get("PERP: ORGANIZATION ID", "")) + _quoted(t.get("PERP: INDIVIDUAL ID", ""))
    return {"optional": "OPTIONAL" in (t.get("MESSAGE: TEMPLATE") or ""), "types": types,
            "date": parse_date_slot(t.get("INCIDENT: DATE", "")), "country": country, "places": places,
            "perpetrators": perps, "killed": _toll(t, "DEATH"), "injured": _toll(t, "INJURY"),
            "location_as_written": t.get("INCIDENT: LOCATION")}


def truecase(text: str) -> str:
    """Lower-case, then capitalise sentence starts and the standalone pronoun 'I'."""
    t = text.lower()
    t = re.sub(r"(^|[.!?]\s+|\n\s*\n\s*|\[text\]\s*|--\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), t)
    return re.sub(r"\bi\b", "I", t)


def load(dirpath: Path, truecase_text: bool = False) -> list[Record]:
    out = []
    for _, d, ts in read_annotated_jsonl(dirpath / "muc4_dev.jsonl", "templates"):
        m = DAY.search(d["text"][:200])
        text = truecase(d["text"]) if truecase_text else d["text"]
        out.append(Record(id=d["doc_id"], text=text, published=_day(m) if m else None,
                          gold={"templates": [_template(t) for t in ts], "has_event": bool(ts)}))
    return out


def _has(words: str, keywords: list[str]) -> bool:
    return any(re.search(r"\b" + re.escape(k), words) for k in keywords)


def incident_type(p: dict) -> str | None:
    """MUC incident type of a Polemos event that states violence (None when it is no MUC incident)."""
    cw = crosswalk("eval_sets.yaml")["muc4_incident"]
    words = f"{p.get('mode') or ''} {p.get('trigger') or ''}".lower()
    for rule in cw["rules"]:
        if p.get("type") in rule["types"] and _has(words, rule["keywords"]):
            return rule["incident"]
    return cw["default"].get(p.get("type"))


def mentioned_type(p: dict) -> str | None:
    """MUC incident type of violence an event only names ("condemned the assassination",
    "threatened to kill"): the rules' keywords in its trigger words, else ATTACK."""
    cw = crosswalk("eval_sets.yaml")["muc4_incident"]
    if p.get("type") not in cw["mentioned"]["types"]:
        return None
    words = (p.get("trigger") or "").lower()
    if not _has(words, cw["mentioned"]["keywords"]):
        return None
    return next((rule["incident"] for rule in cw["rules"] if _has(words, rule["keywords"])), "ATTACK")


def _singular(name: str) -> str:
    """Plural words made singular: the keys name "TERRORIST" where the text says "terrorists"."""
    return re.sub(r"\b(\w{3,}?)s\b", r"\1", name, flags=re.I)


def _start(p: dict) -> int:
    return (p.get("evidence") or {}).get("start") or 0


def story_incident(preds: list[dict]) -> tuple[str | None, list[dict]]:
    """The story's MUC incident type and the events that tell incidents.

    The events are those stating violence (`incident_type`), else, when the story states none,
    those naming it inside another event (`mentioned_type`). The type is the one told by the most
    of these events (a story repeats its main incident; background incidents are told once); a tie
    goes to a type that refines ATTACK (`refines_attack`: a bombing the story also calls "the
    attack" is a bombing), then to the earliest mention. The same rule for every document."""
    cw = crosswalk("eval_sets.yaml")["muc4_incident"]
    of = incident_type
    events = [p for p in preds if of(p)]
    if not events:
        of = mentioned_type
        events = [p for p in preds if of(p)]
    if not events:
        return None, []
    told: Counter[str] = Counter(t for t in map(of, events) if t)
    first: dict[str, int] = {}
    for p in sorted(events, key=_start):
        t = of(p)
        if t:
            first.setdefault(t, _start(p))
    refines = cw["refines_attack"]
    best = min(told, key=lambda t: (-told[t], t not in refines, first[t]))
    return best, events


def _score_template(r: Record, t: dict, preds: list[dict], typed: list[dict], c: Counter[str],
                    ex: dict[str, list]) -> None:
    """One required gold template against the story's predictions: date, country, place,
    perpetrator, and the killed and injured figures."""
    if t["date"]:
        c["date_n"] += 1
        lo, hi = t["date"][0].isoformat(), t["date"][1].isoformat()
        c["date_ok"] += any(p.get("date") and lo <= p["date"] <= hi for p in typed)
    if t["country"]:
        c["country_n"] += 1
        c["country_ok"] += any(((p.get("location") or {}).get("country") or "") == t["country"] for p in typed)
    if t["places"]:
        c["place_n"] += 1
        names = {x.upper() for p in typed for x in ((p.get("location") or {}).get("text"),
                                                   (p.get("location") or {}).get("name")) if x}
        ok = bool(names & {n.upper() for n in t["places"]})
        c["place_ok"] += ok
        if not ok and typed:
            ex["place"].append({"id": r.id, "gold": t["location_as_written"], "pred": sorted(names),
                                "text": r.text[:200]})
    if t["perpetrators"]:
        c["perp_n"] += 1
        pn = [x for p in typed for a1 in [p.get("actor1") or {}] for x in (a1.get("text"), a1.get("name"))]
        ok = any(names_match(_singular(q), [_singular(x) for x in pn if x]) for q in t["perpetrators"])
        c["perp_ok"] += ok
        if not ok and typed:
            ex["perpetrator"].append(
                {
                    "id": r.id,
                    "gold": t["perpetrators"][:3],
                    "pred": sorted({x for x in pn if x}),
                    "text": r.text[:200],
                }
            )
    for k in ("killed", "injured"):
        if t[k]:
            c[f"{k}_n"] += 1
            vals = {(p.get(k) or {}).get("best") for p in preds if p.get(k)}
            ok = t[k] in vals
            c[f"{k}_ok"] += ok
            if not ok and k == "killed" and typed:
                ex["killed"].append(
                    {
                        "id": r.id,
                        "gold": t[k],
                        "pred": sorted(v for v in vals if v is not None),
                        "text": r.text[:200],
                    }
                )


def score(run: Run) -> dict:
    c: Counter[str] = Counter()
    ex: dict[str, list] = {"type": [], "no_event": [], "killed": [], "perpetrator": [], "place": []}
    confusion: Counter = Counter()
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        pt, typed = story_incident(preds)
        c["docs"] += 1
        c["gold_docs"] += g["has_event"]
        c["pred_docs"] += bool(typed)
        c["both_docs"] += g["has_event"] and bool(typed)
        if not g["has_event"]:
            continue
        gold_types = {t for tp in g["templates"] for t in tp["types"]}
        c["type_ok"] += pt in gold_types
        confusion[("/".join(sorted(gold_types)), pt or "-")] += 1
        if pt is None:
            ex["no_event"].append({"id": r.id, "gold": sorted(gold_types), "text": r.text[:400]})
        elif pt not in gold_types:
            told = Counter(incident_type(p) or mentioned_type(p) for p in typed)
            m = min(typed, key=_start)
            ex["type"].append({"id": r.id, "gold": sorted(gold_types), "pred": pt, "told": dict(told),
                               "trigger": m.get("trigger"), "evidence": (m.get("evidence") or {}).get("text")})
        for t in g["templates"]:
            if not t["optional"]:
                _score_template(r, t, preds, typed, c, ex)
    return {
        "n": c["docs"],
        "n_with_incident": c["gold_docs"],
        "incident_type_acc": ratio(c["type_ok"], c["gold_docs"]),
        "detection_recall": ratio(c["both_docs"], c["gold_docs"]),
        "detection_precision": ratio(c["both_docs"], c["pred_docs"]),
        "date_acc": ratio(c["date_ok"], c["date_n"]),
        "date_n": c["date_n"],
        "country_acc": ratio(c["country_ok"], c["country_n"]),
        "country_n": c["country_n"],
        "place_acc": ratio(c["place_ok"], c["place_n"]),
        "place_n": c["place_n"],
        "perpetrator_acc": ratio(c["perp_ok"], c["perp_n"]),
        "perpetrator_n": c["perp_n"],
        "killed_found": ratio(c["killed_ok"], c["killed_n"]),
        "killed_n": c["killed_n"],
        "injured_found": ratio(c["injured_ok"], c["injured_n"]),
        "injured_n": c["injured_n"],
        "confusions": [
            {"gold": g, "pred": p, "count": v} for (g, p), v in confusion.most_common() if p not in g.split("/")
        ][:10],
        "examples": ex,
    }
