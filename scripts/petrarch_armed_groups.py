"""Convert PETRARCH2/Phoenix's armed non-state groups (Phoenix.MilNonState.actors.txt, MIT, Open Event
Data; names from START's TOPS database) into src/polemos/data/armed_groups.csv: one group a line,
its names as news writes them, and its ISO-3 country (empty for regional or international codes).

    python scripts/petrarch_armed_groups.py ../shared/actor_dictionaries/Phoenix.MilNonState.actors.txt

Run once by hand; the product reads only the CSV."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "polemos" / "data"
LOWER = {"and", "of", "the", "for", "in", "on", "to", "de", "del", "la", "los", "las", "el", "y", "e", "da", "do",
         "des", "du", "et", "a", "an", "against", "with", "from", "by"}
# A name of two words is kept only when it says it is an armed group (many TOPS names are
# ordinary phrases: "New Order", "Red Line", "Islamic Party", dates such as "17 November").
GROUP_WORDS = {"army", "front", "brigade", "brigades", "battalion", "battalions", "liberation", "militia",
               "militias", "mujahideen", "mujahidin", "mujahedin", "mujahiden", "jihad", "resistance", "movement",
               "organization", "organisation", "cells", "nuclei", "faction", "path", "tigers", "commando",
               "commandos", "guerrilla", "guerrillas", "forces", "fighters", "revolutionary", "gang", "haram",
               "sayyaf", "shabaab", "shabab", "qaeda", "qaida", "ansar", "lashkar", "jaish", "harakat",
               "hizb", "hezbollah", "hizbollah", "tehrik", "jemaah", "jamaah", "gamaat", "squad", "legion",
               "partisans", "fedayeen", "militants", "insurgents", "rebels", "ira"}
# Single names that today name a state body, a party or an ordinary word, not an armed group.
STOP = {"ANA", "PLA", "CAR", "ISA", "LET", "ZANU", "PUK", "MQM", "PLO", "AMAL", "ERG", "HUM", "ARB", "ELA",
        "FPC", "FPS", "CRF", "MCC", "NAA", "PRA", "ICAC", "ZERO", "CAMO", "EMETIC", "KKK", "Organization", "Youth",
        "Falcon", "Tigers", "Sandinistas", "Unita", "Frepaso", "Fateh", "Aleph", "Hisba", "Hamzah", "Shahin",
        "Muhannad", "Mavericks", "Yahweh", "Contras", "Recontras", "Boogeymen", "Dulmatin", "Hambali", "Aulaqi",
        "Awlaki", "Awlaqi", "Nasrallah", "Zawahiri", "Janjalani", "Isnilon", "Zarkasih", "Zulkarnaen", "Sungkar",
        "Salauddin", "Thoriqudin", "Hotaru", "Dzhennet"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def keep(name: str) -> bool:
    words = name.split()
    if name in STOP:
        return False
    if len(words) > 1:
        low = {w.lower().strip("'") for part in words for w in part.split("-")}
        return not words[0][0].isdigit() and not (low & MONTHS and len(words) < 3) and (
            len(words) >= 3 or bool(low & GROUP_WORDS))
    if "(" in name or ")" in name:
        return False
    if name in STOP or (name.isupper() and len(name) > 6):
        return False
    return name.isupper() or len(name) >= 6


ENTRY = re.compile(r"^\+?([^\s\[#]+)\s*(?:\[([A-Z]{3})[^\]]*\])?")
ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{2,})\)")


ACRONYMS: set[str] = set()      # filled by main: acronyms keep their capitals inside names ("Real IRA")
INTERNATIONAL = {"IMG", "INT"}   # CAMEO: transnational militant groups; other non-ISO codes are regions


def title(words: str) -> str:
    out = []
    for i, w in enumerate(words.split()):
        low = w.lower()
        if w in ACRONYMS:
            out.append(w)
        elif i and low in LOWER:
            out.append(low)
        elif low.startswith("al-") and len(low) > 3:
            out.append("al-" + low[3:].capitalize())
        else:
            out.append("-".join(p.capitalize() for p in low.split("-")))
    return " ".join(out)


def names_of(raw: str) -> list[str]:
    acr = ACRONYM.findall(raw)
    plain = ACRONYM.sub(" ", raw).replace("_", " ").strip()
    plain = re.sub(r"\s+", " ", plain)
    out = [title(plain)] if plain and (" " in plain or plain.isalpha() and len(plain) > 4) else []
    if plain.isupper() and " " not in plain and 3 <= len(plain) <= 6 and plain.isalpha() and not out:
        out.append(plain)                   # "ETA": an acronym written alone
    return [n for n in out + acr if keep(n)]


def main(src: str) -> None:
    rows = list(csv.DictReader((DATA / "countries.csv").read_text(encoding="utf-8").splitlines()))
    isos = {r["iso3"] for r in rows}
    countries = {n.upper() for r in rows for n in r["names"].split("|") + r["demonyms"].split("|") if n}
    STOP.update(countries)
    STOP.update({"National Front", "Sandinista Front", "Revolutionary Left"})     # parties
    ACRONYMS.update(ACRONYM.findall(Path(src).read_text(encoding="utf-8", errors="replace")))
    ACRONYMS.update({"IRA"})
    groups: list[tuple[list[str], str]] = []
    for line in Path(src).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].rstrip()
        if not line.strip():
            continue
        m = ENTRY.match(line.strip())
        if m is None:
            continue
        names = names_of(m.group(1))
        if not line.startswith("+"):
            code = m.group(2) or ""
            groups.append(([], code if code in isos else "international" if code in INTERNATIONAL else ""))
        if groups:
            groups[-1][0].extend(n for n in names if n not in groups[-1][0])
    # a transnational entry named inside a national one ("Abu Sayyaf" / "Abu Sayyaf Group", PHL) is that group
    national = [(n, iso) for names, iso in groups if iso and iso != "international" for n in names]
    for i, (names, iso) in enumerate(groups):
        if iso == "international" and names:
            home = next((h for n, h in national if names[0] != n and names[0] in n.split(" Group")[0:1]), None)
            if home:
                groups[i] = (names, home)
    buf = io.StringIO()
    buf.write("# Armed non-state groups, converted by scripts/petrarch_armed_groups.py from PETRARCH2's\n"
              "# Phoenix.MilNonState.actors.txt (MIT, Copyright (c) 2014 Open Event Data; names from START's\n"
              "# TOPS database). country: ISO-3; 'international' for transnational groups (no country); empty\n"
              "# when the source gives only a region (the country of the events they fight in).\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "aliases", "country"])
    for names, iso in groups:
        if names:
            w.writerow([names[0], "|".join(names[1:]), iso])
    (DATA / "armed_groups.csv").write_text(buf.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
