"""Where the text puts one place name inside another: "Idlib's X" (a possessive), "Paris, Idaho"
(a comma and a division), "X (Y district, Z governorate)" (an ACLED-style parenthesis). The
inner name gets the outer one as its `owner`; the resolver prefers the inner name's readings that
lie in the owner and falls back to the owner when the index has none.
"""
from __future__ import annotations

import re

from polemos.geo.gazetteer import Candidate
from polemos.geo.lexicon import place_words
from polemos.geo.mention import Mention
from polemos.geo.normalize import fold

_COMMA = re.compile(r"\s*,\s*$")

def is_division(c: Candidate) -> bool:
    return c.is_country or c.is_admin1


def in_division(c: Candidate, d: Candidate) -> bool:
    return c.cc == d.cc and (d.is_country or c.admin1 == d.admin1) and not is_division(c)


def link_containers(ms: list[Mention], text: str) -> None:
    """"Paris, Idaho", "Lewisburg, West Virginia", "Kingston, Jamaica": a name followed by a comma
    and a country or first-level division lies in it. Both names keep only the readings that fit
    together; a name with no reading there (a village the index lacks) is placed at the division
    (as its owner). Lists of towns ("Aleppo, Homs") are left alone: the second name must be a
    division, or the first name's only big reading must lie in it."""
    ms = sorted(ms, key=lambda m: m.start)
    for x, y in zip(ms, ms[1:]):
        if x.demonym or y.demonym or x.owner is not None or not y.candidates \
                or not _COMMA.match(text[x.end:y.start]) or x.sentence != y.sentence:
            continue
        divs = [d for d in y.candidates if is_division(d)]
        if not divs or any(c.is_country or c.is_admin1 and c.main for c in x.candidates):
            continue      # "Texas, Arizona", "Russia, U.S. officials": a list of divisions
        y_town = any(c.fclass == "P" and c.population >= 100_000 for c in y.candidates)
        inside = [c for c in x.candidates if any(in_division(c, d) for d in divs)]
        if inside:
            top = max(x.candidates, key=lambda c: c.population)
            if y_town and top not in inside:
                continue
            x.candidates = tuple(inside)
            y.candidates = tuple(d for d in divs if any(in_division(c, d) for c in inside))
            x.owner = y
            x.extra["container"] = True
        elif not y_town and not any(is_division(c) for c in x.candidates) \
                and max((c.population for c in x.candidates), default=0) < 100_000 \
                and not any(d.is_country for d in divs):
            # the name is in this division, but the index has no such place there
            x.candidates = ()
            y.candidates = tuple(divs)
            x.owner = y


# "X village in Y", "X in the Y": a place noun may stand between the name and "in"
_IN_GAP = re.compile(r"^\s+(?:([a-z]+)\s+)?in\s+(?:the\s+)?$")


def link_in_division(ms: list[Mention], text: str) -> None:
    """"Kadawa village in Zurmi LGA", "Tarin Kot in Uruzgan province": a name followed by "in"
    and a name the text calls a division (its division word, or a name that is only a division)
    lies in that division, which owns it as in "X (Y district)"."""
    ms = sorted(ms, key=lambda m: m.start)
    for x, y in zip(ms, ms[1:]):
        if x.demonym or y.demonym or x.owner is not None or x.sentence != y.sentence or not y.candidates:
            continue
        gap = _IN_GAP.match(text[x.end:y.start])
        if gap is None or gap.group(1) and (fold(gap.group(1)), "after") not in place_words():
            continue
        if y.hint in ("ADM1", "ADM2") or all(is_division(c) or c.is_admin2 for c in y.candidates):
            x.owner = y
            x.extra["parenthesis"] = True      # the owner names a division: lie in it, near or far


def link_owners(ms: list[Mention]) -> None:
    """"Idlib's Sheikh Ali, Atarib" / "Syria's northwestern Idlib": the possessive place owns
    the names after it in the same sentence (up to the end of their list)."""
    for a, b in zip(ms, ms[1:]):
        if a.extra.get("possessive") and a.sentence == b.sentence and b.start - a.end < 40:
            b.owner = a
            if b.group > 0:
                for c in ms:
                    if c.group == b.group:
                        c.owner = a


# "X (", "X district (", "X LGA (": a division word may stand between the name and its parenthesis
_OPEN = re.compile(r"^(?:\s+([A-Za-z][\w-]*))?\s*\($")
# one item of an admin parenthesis: a capitalised name, maybe with its division word ("Y district")
_ITEM = re.compile(r"^[A-Z][^\d:;/()\"]{1,60}$")


_OPEN_AT = re.compile(r"(?:\s+([A-Za-z][\w-]*))?\s*\(")


def parenthesis_after(x: Mention, text: str) -> int:
    """Where the parenthesis about name x opens ("X (", "X district ("), or -1."""
    m = _OPEN_AT.match(text, x.end)
    if m is None or m.group(1) and (fold(m.group(1)), "after") not in place_words():
        return -1
    return m.end() - 1


def opens_parenthesis(gap: str) -> bool:
    """Whether the text between a name and the next one opens a parenthesis about the name."""
    m = _OPEN.match(gap)
    return m is not None and (m.group(1) is None or (fold(m.group(1)), "after") in place_words())


def _firm(c: Candidate) -> bool:
    """A division, a seat of one, or a town of some size."""
    return c.is_country or c.is_admin1 or c.is_admin2 or (c.fcode or "").startswith(("PPLA", "PPLC")) \
        or c.population >= 10_000


def accept_admin_context(rejected: list[Mention], accepted: list[Mention], text: str) -> list[Mention]:
    """"Hays (Al Hudaydah)", "Kansafra (Ariha, Idleb)", "Djugu territory (Ituri)": a parenthesis
    right after a name that holds only a list of names the index knows, all readable in one
    country, is the admin context an event report gives (ACLED's "in X (Y, Z)"). Its names are
    places whatever the model called them ("Al Hudaydah" as a PERSON); they are marked `context`
    (where X lies, never the event's place by themselves). Returns the rejected names now taken."""
    out: list[Mention] = []
    every = sorted(accepted + rejected, key=lambda m: m.start)
    for k, x in enumerate(every[:-1]):
        y = every[k + 1]
        if y.sentence != x.sentence or x.demonym or not opens_parenthesis(text[x.end:y.start]):
            continue
        close = text.find(")", y.start)
        opened = text.rfind("(", x.end, y.start)
        if close < 0 or opened < 0:
            continue
        inside = [m for m in every[k + 1:] if m.end <= close]
        firsts: list[Mention] = []
        pos = opened + 1
        for item in text[opened + 1:close].split(","):
            start = pos + len(item) - len(item.lstrip())
            pos += len(item) + 1
            m = next((m for m in inside if m.start == start), None)
            if not _ITEM.match(item.strip()) or m is None or m.demonym or m.text.isupper():
                break
            if m.candidates:      # a district the index lacks ("Kafr Nobol") may stand in the list
                firsts.append(m)
        else:
            common = set.intersection(*({c.cc for c in m.candidates} for m in firsts)) if firsts else set()
            if not common:
                continue
            # against the name's own readings abroad, only a division or a real town says where it
            # lies ("Surgut (Siberia)": Siberia is only a hamlet in Mexico to the index)
            firm = any(c.cc in common and _firm(c) for c in firsts[-1].candidates)
            if x.candidates and not any(c.cc in common for c in x.candidates) and not firm:
                continue
            x.extra["context_firm"] = firm
            for n, m in enumerate(firsts):
                m.extra["context"] = len(firsts) - n     # 1: the last, the widest division
                m.candidates = tuple(c for c in m.candidates if c.cc in common)    # one country's divisions
                m.strong = True
                if m in rejected and m not in out:
                    out.append(m)
            # the name the parenthesis is about is a place too ("the vicinity of Tell Tamer
            # (Al-Hasakeh)", tagged PERSON), even when the index knows it only elsewhere
            if x in rejected and x not in out and not x.extra.get("title") and not x.extra.get("partial"):
                x.strong = True
                out.append(x)
    return out


def link_parentheses(ms: list[Mention], text: str) -> None:
    """"clashes in X (Y district, Z governorate)", "Atarib (Jebel Saman, Aleppo)": the names in a
    parenthesis right after a name (maybe after its division word: "X district (Y)") say where it
    lies. The name's owner is the first of them with a reading (the innermost division named); the
    later ones own the earlier (Z owns Y)."""
    ms = sorted(ms, key=lambda m: m.start)
    for x in ms:
        if x.demonym or x.owner is not None:
            continue
        opened = parenthesis_after(x, text)
        close = text.find(")", opened) if opened >= 0 else -1
        if close < 0 or "(" in text[opened + 1:close]:
            continue
        # (a name the index lacks may come first: "Kafr Aweed (Kafr Nobol, Idleb)")
        inside = [m for m in ms if opened < m.start and m.end <= close and not m.demonym and m.sentence == x.sentence]
        if not inside:
            continue
        # the innermost division named: "Jasim (Izra, Dar'a)" lies in Izra district, in Dar'a
        owner = next((m for m in inside if m.candidates), None)
        if owner is None:
            continue
        x.owner = owner
        x.extra["parenthesis"] = True
        for a, b in zip(inside, inside[1:]):
            if a.owner is None and any(c.is_admin1 or c.is_country for c in b.candidates):
                a.owner = b


def placed_by_parenthesis(rejected: list[Mention], accepted: list[Mention], text: str) -> list[Mention]:
    """Names the words around did not confirm, but an ACLED-style parenthesis right after them
    does: "shelling hit Kafr Nouran (Atarib, Aleppo)" - the parenthesis names the divisions the
    place lies in, so the name is a place (titles and partial names stay out)."""
    out = []
    starts = sorted(accepted, key=lambda m: m.start)
    for r in rejected:
        if r.extra.get("title") or r.extra.get("partial") or r.demonym:
            continue
        nxt = next((m for m in starts if m.start >= r.end), None)
        if nxt is None or nxt.sentence != r.sentence or not opens_parenthesis(text[r.end:nxt.start]):
            continue
        close = text.find(")", nxt.start)
        inside = [m for m in starts if nxt.start <= m.start and m.end <= close]
        if any(m.hint in ("ADM1", "ADM2") or any(c.is_admin1 or c.is_admin2 or c.is_country for c in m.candidates)
               for m in inside):
            r.strong = True
            out.append(r)
    return out
