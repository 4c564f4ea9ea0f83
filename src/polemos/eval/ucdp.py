"""Adapter for the UCDP GED 23.1 sample (1,000 events, from the uncertainUCDP R package).
The text is only the source headlines, so this set measures what a headline gives: deaths within
[low, high] where the headline states a number, the two sides, the place and the date window.

Quirks of the set, handled here:
- 326 events have no headline: left out (the SOURCE.md count of 674 with text);
- one event may cite several sources: `source_headline` and `source_date` then hold several
  values joined by ';' — each headline is read as an article of its own (`Record.parts`: they
  are separate sources, and one story's context must not carry into another's), `text` joins
  them for display, and the first source date is the publication date;
- many "headlines" are citation labels, not sentences ("VDC 2014-07-21", "CIMP Daily Alert"),
  and some are in Spanish or French: they stay in (a system must cope), and the death figure is
  only scored on headlines that state a number and a casualty word (the subset the issue's
  target names); figures on all headlines are given beside it;
- a headline may report a toll that UCDP split over several events ("15 Taliban killed in 24
  hours" for an event with best=1): such rows count as misses on `deaths_in_range_stated` — the
  harness does not guess. The toll is readable from the text only where a headline writes a
  *toll* inside [low, high] (`toll_figures`: a figure by a casualty word, not a date, an hour or
  a count of days — "in 13 days", "at 10 AM", "after May 1", "1st LD" — nor a figure on a label
  line such as "VDC 2014-02-12"). The target, `deaths_in_range_headline`, reads each such
  headline on its own: is the toll Polemos reads from it within [low, high]?
  `deaths_in_range_agrees` scores the same records by the record's one figure, Polemos' largest
  over all its headlines (`common.best_count`, as the merge stage keeps the highest report), so a
  record whose other headlines state a larger toll than UCDP's window is a miss there;
- best/low/high are floats and not always ordered (best 1, low 2, high 1): the window is
  [min, max] of the three;
- sides: "Government of X" names a state (ISO3 of X, sector GOV/MIL/COP); "Civilians" (one-sided
  violence) means CVL; any other name is a non-state group (REB/UAF/CRM/OPP/PTY/REL). A side is
  found when any actor of any predicted event fits it; country names use GeoNames plus the
  aliases in eval_sets.yaml ("Russia (Soviet Union)", "DR Congo (Zaire)");
- where_prec (1 exact place ... 4 admin1, 5+ country or wider) sets the distance a predicted
  place may be from the gold point: 25, 50, 100, 250 km; country-only beyond 4;
- `place_acc_found` (and its even / odd halves by record position): place within tolerance on the
  headlines where an event was found, the part of `place_acc` that measures placing, not finding;
- a predicted date counts when its day or window meets [date_start, date_end] (as the shared
  fixture scorer treats gold date ranges).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, best_count, country_iso3, crosswalk, data_file, ratio, states_number
from polemos.eval.events import km

FOLDER = "ucdp_ged_sample_uncertainUCDP"
TOLERANCE_KM = {1: 25, 2: 50, 3: 100, 4: 250}
STATE = {"GOV", "MIL", "COP"}
NONSTATE = {"REB", "UAF", "CRM", "OPP", "PTY", "REL"}


def _f(v: str) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _side(name: str) -> dict:
    name = (name or "").strip()
    if name.lower().startswith("government of"):
        return {"name": name, "country": country_iso3(name), "sectors": sorted(STATE)}
    if name.lower() == "civilians":
        return {"name": name, "country": None, "sectors": ["CVL"]}
    return {"name": name, "country": None, "sectors": sorted(NONSTATE)}


def headline_states_number(text: str) -> bool:
    words = crosswalk("eval_sets.yaml")["casualty_words"]
    has_word = re.search(r"\b(" + "|".join(map(re.escape, words)) + r")\b", text, re.I) is not None
    return has_word and states_number(text)


_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|#?[\w’'-]+|[^\s\w]")


def _number(token: str) -> int | None:
    words = crosswalk("eval_sets.yaml")["number_words"][:20]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", token):
        return int(token.replace(",", ""))
    return words.index(token) + 1 if token in words else None


def toll_figures(headline: str) -> set[int]:
    """The figures a headline writes as a death toll: a number standing a few words before a
    casualty word, with no punctuation or other figure between ("Twelve members of the regular
    forces were killed"), or right after one
    across filler words only ("kills 22", "killing at least 10", "toll rises to 16"). A figure
    that is a date, an hour or a count of days ("in 13 days", "at 10 AM", "1st LD") is not a toll.
    Gold-side only: it decides which records state UCDP's toll, never what Polemos reads."""
    cw = crosswalk("eval_sets.yaml")
    casualty = re.compile(r"\b(" + "|".join(map(re.escape, cw["casualty_words"])) + r")$")
    fillers = sorted((f.split() for f in cw["toll_fillers"]), key=len, reverse=True)
    toks = _TOKEN.findall((headline or "").lower())
    out = set()
    for i, tok in enumerate(toks):
        n = _number(tok)
        if n is None:
            continue
        after = []
        k = i + 1 + (toks[i + 1:i + 2] == ["+"])  # "10+ dead"
        for t in toks[k:k + cw["toll_words_after_number"]]:
            if not re.match(r"#?\w", t) or _number(t) is not None:  # the clause, or the figure, ends
                break
            after.append(t)
            if casualty.search(" ".join(after)):
                out.add(n)
                break
        j, rising = i, False
        while j > 0:  # walk back over filler words to the word the figure follows
            f = next((f for f in fillers if toks[max(0, j - len(f)):j] == f), None)
            if f is None:
                break
            rising = rising or f[0] in cw["toll_rising"]
            j -= len(f)
        if j > 0 and casualty.search(" ".join(toks[max(0, j - 2):j])) or rising and "toll" in toks[:j]:
            out.add(n)  # "... toll in suspected attacks rises to 16"
    return out


def load(dirpath: Path) -> list[Record]:
    out = []
    with data_file(dirpath, "ucdpged_sample_1000.csv").open(encoding="utf-8", newline="") as f:
        for d in csv.DictReader(f):
            heads = [h.strip() for h in (d.get("source_headline") or "").split(";") if h.strip()]
            if not heads:
                continue
            text = "\n\n".join(heads)
            vals = [v for v in (_f(d["low"]), _f(d["best"]), _f(d["high"])) if v is not None]
            try:
                pub = dt.date.fromisoformat((d.get("source_date") or "").split(";")[0].strip())
            except ValueError:
                pub = None
            gold = {
                "low": int(min(vals)), "high": int(max(vals)), "best": int(_f(d["best"]) or 0),
                "states_number": headline_states_number(text),
                # a headline writes a toll inside UCDP's window: the toll is readable from the text
                # (a date, an hour or a label, on that line or another, does not count)
                "headline_agrees": any(min(vals) <= n <= max(vals) for h in heads for n in toll_figures(h)),
                "side_a": _side(d["side_a"]), "side_b": _side(d["side_b"]),
                "country": country_iso3(d["country"]), "country_name": d["country"],
                "lat": _f(d["latitude"]), "lon": _f(d["longitude"]),
                "where_prec": int(_f(d["where_prec"]) or 6), "where": d.get("where_coordinates"),
                "date_start": d["date_start"][:10], "date_end": d["date_end"][:10],
                "type_of_violence": int(_f(d["type_of_violence"]) or 0),
            }
            # the headlines whose toll lies in UCDP's window: read on their own, they test reading
            gold["toll_headlines"] = [i for i, h in enumerate(heads)
                                      if any(min(vals) <= n <= max(vals) for n in toll_figures(h))]
            out.append(Record(id=f"ucdp-{d['id'].removesuffix('.0')}", text=text, published=pub, gold=gold,
                              parts=heads))
    return out


def _side_found(side: dict, preds: list[dict]) -> bool:
    for p in preds:
        for k in ("actor1", "actor2"):
            a = p.get(k) or {}
            if (a.get("sector") or "").upper() not in side["sectors"]:
                continue
            if side["country"] and (a.get("country") or "").upper() != side["country"]:
                continue
            return True
    return False


def _place_ok(g: dict, preds: list[dict]) -> tuple[bool, bool]:
    country_ok = place_ok = False
    for p in preds:
        loc = p.get("location") or {}
        if not loc or (loc.get("country") or "").upper() != g["country"]:
            continue
        country_ok = True
        tol = TOLERANCE_KM.get(g["where_prec"])
        if tol is None:
            place_ok = True
        elif loc.get("lat") is not None and loc.get("lon") is not None and g["lat"] is not None:
            place_ok = place_ok or km(g["lat"], g["lon"], loc["lat"], loc["lon"]) <= tol
    return country_ok, place_ok


def _dates_meet(p: dict, g: dict) -> bool:
    """A predicted day, or window ("in August": the month), that meets UCDP's [date_start,
    date_end] — the rule of ../shared/tools/score_events.py for gold date ranges."""
    if not p.get("date"):
        return False
    start, end = p["date"], p.get("date_end") or p["date"]
    return start <= g["date_end"] and end >= g["date_start"]


def score(run: Run) -> dict:
    c: Counter[str] = Counter()
    ex: dict[str, list] = {"no_event": [], "headline_deaths": [], "deaths": [], "side_a": [], "side_b": [], "place": []}
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        c["n"] += 1
        if not preds:  # one failure class; the per-field classes below list only records with events
            ex["no_event"].append({"id": r.id, "states_number": g["states_number"], "text": r.text})
        k = best_count(preds, "killed")
        ok = k is not None and g["low"] <= k <= g["high"] or (k is None and g["high"] == 0)
        c["deaths_ok"] += ok
        if g["headline_agrees"]:
            c["agrees_n"] += 1
            c["agrees_ok"] += ok
        for i in g.get("toll_headlines", []):
            kh = best_count([p for p in preds if p.get("part", 0) == i], "killed")
            c["headline_n"] += 1
            c["headline_ok"] += kh is not None and g["low"] <= kh <= g["high"]
            if kh is None or not g["low"] <= kh <= g["high"]:
                ex["headline_deaths"].append({"id": r.id, "gold": [g["low"], g["best"], g["high"]], "pred": kh,
                                              "text": r.text.split("\n\n")[i]})
        if g["states_number"]:
            c["stated_n"] += 1
            c["stated_ok"] += ok
            if not ok and preds:
                ex["deaths"].append({"id": r.id, "gold": [g["low"], g["best"], g["high"]], "pred": k, "text": r.text})
        for s in ("side_a", "side_b"):
            found = _side_found(g[s], preds)
            c[f"{s}_ok"] += found
            if not found and preds:
                ex[s].append({"id": r.id, "gold": g[s]["name"], "text": r.text,
                              "pred": [((p.get(a) or {}).get("country"), (p.get(a) or {}).get("sector"))
                                       for p in preds for a in ("actor1", "actor2") if p.get(a)]})
        c["both_sides_ok"] += _side_found(g["side_a"], preds) and _side_found(g["side_b"], preds)
        cok, pok = _place_ok(g, preds)
        c["country_ok"] += cok
        c["place_ok"] += pok
        if preds:  # place on the headlines where an event was found, by record position's half
            half = "even" if (c["n"] - 1) % 2 == 0 else "odd"
            c[f"found_{half}"] += 1
            c[f"found_place_ok_{half}"] += pok
        if not pok and preds:
            ex["place"].append({"id": r.id, "gold": f"{g['where']} ({g['country_name']}, prec {g['where_prec']})",
                                "pred": [(p.get("location") or {}).get("name") for p in preds if p.get("location")],
                                "text": r.text})
        c["date_ok"] += any(_dates_meet(p, g) for p in preds)
        c["any_event"] += bool(preds)
    n = c["n"]
    return {
        "n": n,
        "deaths_in_range_stated": ratio(c["stated_ok"], c["stated_n"]), "stated_n": c["stated_n"],
        "deaths_in_range_headline": ratio(c["headline_ok"], c["headline_n"]), "headline_n": c["headline_n"],
        "deaths_in_range_agrees": ratio(c["agrees_ok"], c["agrees_n"]), "agrees_n": c["agrees_n"],
        "deaths_in_range_all": ratio(c["deaths_ok"], n),
        "side_a_acc": ratio(c["side_a_ok"], n), "side_b_acc": ratio(c["side_b_ok"], n),
        "both_sides_acc": ratio(c["both_sides_ok"], n),
        "country_acc": ratio(c["country_ok"], n), "place_acc": ratio(c["place_ok"], n),
        "place_acc_found": ratio(c["found_place_ok_even"] + c["found_place_ok_odd"], c["found_even"] + c["found_odd"]),
        "place_acc_found_even": ratio(c["found_place_ok_even"], c["found_even"]),
        "place_acc_found_odd": ratio(c["found_place_ok_odd"], c["found_odd"]),
        "date_in_window": ratio(c["date_ok"], n),
        "any_event_rate": ratio(c["any_event"], n),
        "examples": ex,
    }
