"""Finding place names in a text: gazetteer matching over capitalised phrases, confirmed or
vetoed by spaCy's entities where the sentence was parsed.

Why both: the small English model tags many villages as PERSON or NORP ("Kafr Nouran", "Sheikh
Ali") and only candidate sentences are parsed at all; the gazetteer alone would take every
"Jordan" and "Reading" for a place. The rules below combine the two with the words around a name:
"X province", "the town of X", "in X", "Idlib's A, B, C villages", demonyms ("Syrian").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from polemos.casing import is_title_case
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.lexicon import (
    country_aliases,
    demonyms,
    directions,
    facility_words,
    geo_words,
    name_words,
    not_places,
    place_nouns,
    place_verbs,
    place_words,
    titles,
)
from polemos.geo.mention import Mention
from polemos.geo.normalize import fold
from polemos.nlp import ParsedText, Sentence

# a word may start with an ayn mark ("‘Ayishah"); "U.S." is one word
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[‘ʿ`]?[^\W\d_][\w'’‘`ʿʾ\-]*[\w]|[^\W\d_]|\d[\d,.]*|[^\w\s]")
# lower-case words that may sit inside a place name ("Deir ez-Zor", "Newcastle upon Tyne")
_CONNECTORS = geo_words("name_connectors")
_LOCATIVE = geo_words("locatives")
_IN = geo_words("in_preps")
# "US-led", "Turkey-backed", "Sunni-dominated": an adjective, not a name
_ADJ_COMPOUND = re.compile(r"-(led|backed|based|dominated|held|controlled|born|run|allied|funded|"
                           r"supported|made|owned|linked|affiliated|aligned|bound|protected|occupied|administered)$", re.I)
_POSSESSIVE = re.compile(r"['’]s$")
_GOOD_NER = {"GPE", "LOC", "FAC"}
_NOT_PLACE_NER = geo_words("not_place_ner")
_MAX_WORDS = 5
# what a town owns ("Tulkarm's governor", "Homs' residents")
_CIVIC = geo_words("civic_nouns")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        t = self.text.lstrip("‘ʿ`")
        if t[:1].isupper():
            return True
        # "al-Bab", "ad-Dana": an article glued to a capitalised name
        return bool(re.match(r"^(al|el|ad|an|as|ar|at|az|ash)[-‐][A-Z]", t))


def _as_parsed(sent: Sentence) -> str:
    """The sentence in the case the parser read it: a headline in title case ("Gunmen Kill Five
    in Attack on Village Near Jos") is one long run of capitals, where no place name stands out;
    in sentence case only the names keep theirs (polemos.casing). Same length, same offsets."""
    if sent.doc is not None and len(sent.doc.text) == len(sent.text) and is_title_case(sent.text):
        return sent.doc.text
    return sent.text


def _tokens(text: str, offset: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        tok = _Tok(t, offset + m.start(), offset + m.end())
        if _POSSESSIVE.search(t) and len(t) > 2:
            tok = _Tok(t[:-2], tok.start, tok.end - 2, possessive=True)
        out.append(tok)
    return out


def _phrases(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (with name-internal connectors): [i, j) token ranges."""
    out = []
    i = 0
    n = len(toks)
    while i < n:
        if not toks[i].cap or not toks[i].text.lstrip("‘ʿ`")[:1].isalpha():
            i += 1
            continue
        if toks[i].text.lower() in not_places() or _stop(toks, i) or _ADJ_COMPOUND.search(toks[i].text):
            i += 1      # "In Hilla, ...": a capitalised function word starts no name
            continue
        j = i + 1
        while j < n and not toks[j - 1].possessive:
            if toks[j].text.lower() in not_places() or _ADJ_COMPOUND.search(toks[j].text):
                break
            if toks[j].cap and toks[j].text.lstrip("‘ʿ`")[:1].isalpha():
                j += 1
            elif (toks[j].text in _CONNECTORS and j + 1 < n and toks[j + 1].cap
                  and not toks[j].possessive):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


class Recognizer:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.demonyms = demonyms()
        self.words = place_words()
        self.titles = titles()

    def _match(self, words: list[str]) -> tuple[str, tuple[Candidate, ...], str | None] | None:
        text = " ".join(words)
        f = fold(text)
        if f in not_places():
            return None
        if f in self.demonyms:
            return text, (), self.demonyms[f]
        cands = self.gaz.lookup(text)
        if len(text) <= 2 and not text.isupper():
            # "Rs 4 lakh": a two-letter word is a town only by its own name, not by some town's
            # abbreviation ("Rs" for Ar Rass or Ad-Damazin); states keep theirs ("Ky.", "Pa.")
            cands = tuple(c for c in cands if c.main or c.fclass != "P")
        if cands:
            return text, cands, None
        return None

    def find(self, parsed: ParsedText) -> list[Mention]:
        mentions: list[Mention] = []
        rejected: list[Mention] = []
        group_id = 0
        for si, sent in _with_dateline(parsed):
            toks = _tokens(_as_parsed(sent), sent.start)
            ents = []
            if sent.doc is not None:
                ents = [(sent.start + e.start_char, sent.start + e.end_char, e.label_) for e in sent.doc.ents]
            sent_mentions: list[Mention] = []
            for (i, j) in self._split(toks, _phrases(toks)):
                k = i
                phrase_mentions: list[Mention] = []
                while k < j:
                    found = None
                    for e in range(min(j, k + _MAX_WORDS), k, -1):
                        if toks[k].text in _CONNECTORS:
                            break
                        if e == k + 1 < j and toks[k].text.lower() in directions():
                            break     # "Eastern Ghouta": a direction opens a longer name, it is no region
                        words = [t.text for t in toks[k:e]]
                        m = self._match(words)
                        if m:
                            found = (e, m)
                            break
                    if not found:
                        k += 1
                        continue
                    e, (text, cands, dem) = found
                    start, end = toks[k].start, toks[e - 1].end
                    men = Mention(start, end, parsed.text[start:end], cands, demonym=dem, sentence=si)
                    men.extra["tok"] = (k, e, i, j)
                    self._context(men, toks, k, e, i, j)
                    men.ner = _ner_at(ents, start, end)
                    men.extra["syntax"] = _place_syntax(sent, start, end)
                    men.extra["modifier"] = _modifies_noun(sent, start, end)
                    phrase_mentions.append(men)
                    k = e
                # a partial match inside a longer name ("New York Times", "Sheikh Ali") is not
                # that place, unless it is a demonym or a country/division leading the phrase
                # ("Syrian President Bashar", "U.S. Special Envoy")
                keep = []
                for men in phrase_mentions:
                    if not men.extra["partial"] or men.demonym:
                        keep.append(men)
                    elif men.extra["tok"][0] == i and any(c.is_country for c in men.candidates):
                        keep.append(men)
                    elif men.ner in _GOOD_NER and _ner_exact(ents, men.start, men.end):
                        keep.append(men)
                sent_mentions.extend(keep)
                # a phrase the gazetteer does not know but the text calls a place
                # ("Kafr Nouran villages", "the village of Ibbin") or NER calls GPE/LOC
                whole_demonym = any(m.demonym and not m.extra["partial"] for m in phrase_mentions)
                if not whole_demonym and not any(m.extra["tok"][2] == i and not m.demonym for m in sent_mentions):
                    words = [t.text for t in toks[i:j]]
                    hint = self._cue(toks, i, j)
                    ner = _ner_at(ents, toks[i].start, toks[j - 1].end)
                    # "Kafr Nouran Province": the cue word is not part of the name
                    j2 = j - 1 if len(words) > 1 and (fold(words[-1]), "after") in self.words else j
                    start, end = toks[i].start, toks[j2 - 1].end
                    if toks[i].text.lower() not in STOP_WORDS and j2 > i and len(toks[i].text) > 1:
                        men = Mention(start, end, parsed.text[start:end], (), sentence=si,
                                      hint=hint, ner=ner)
                        men.extra["tok"] = (i, j2, i, j)
                        men.extra["unknown"] = True
                        # "the EU Transport Commissioner Violeta Bulc": a person, not a place
                        men.extra["title"] = any(t.text.rstrip(".").lower() in self.titles
                                                 for t in toks[max(0, i - 1):j2])
                        men.extra["possessive"] = toks[j2 - 1].possessive
                        men.extra["syntax"] = _place_syntax(sent, start, end)
                        # "the Deir Ezzor Military Airport": if it is a place, it is near Deir Ezzor
                        inner = [x for x in phrase_mentions if x.candidates and not x.demonym
                                 and start <= x.start and x.end <= end]
                        if inner:
                            men.extra["inner"] = max(inner, key=lambda x: x.end - x.start).candidates
                        sent_mentions.append(men)
            # lists: "Idlib's Sheikh Ali, Atarib, Kafr Nouran villages" share cue and owner
            group_id = self._groups(sent_mentions, toks, group_id)
            for men in sent_mentions:
                if self._accept(men, toks, sent.doc is not None):
                    mentions.append(men)
                else:
                    rejected.append(men)
        # one sense per name in a story: a name taken as a place once is a place where the model
        # alone called it an organisation ("One Edmonton resident" after "in Edmonton")
        known = {m.text for m in mentions if m.candidates and not m.demonym and not m.extra.get("unknown")
                 and m.ner in _GOOD_NER and max(_size(c) for c in m.candidates) >= (0, 10_000)
                 and not (m.text.isupper() and m.text not in country_aliases())}
        again = [m for m in rejected if m.text in known and m.candidates and not m.extra.get("unknown")
                 and not m.extra.get("partial") and not m.extra.get("title")
                 and (m.ner == "ORG" or m.ner == "PERSON" and any(c.fclass == "P" and c.main and c.population >= 100_000
                                                               for c in m.candidates))]
        if again:
            mentions = sorted(mentions + again, key=lambda m: m.start)
        _link_owners(mentions)
        link_containers(mentions, parsed.text)
        for m in mentions:
            m.extra.pop("tok", None)
            if m.extra.get("unknown") and m.extra.get("inner"):
                m.candidates = m.extra["inner"]
                m.extra["near"] = True
        return mentions

    def forced(self, parsed: ParsedText, start: int, end: int) -> Mention:
        """A mention for a span someone else says is a place (gold spans in the resolution-only
        evaluation): candidates from the gazetteer, hint from the words around it."""
        text = parsed.text[start:end]
        si = next((k for k, s in enumerate(parsed.sentences) if s.start <= start < s.end), 0)
        sent = parsed.sentences[si] if parsed.sentences else None
        name = re.sub(r"^(?:the|The|THE)\s+", "", text)
        name = _POSSESSIVE.sub("", name).strip()
        m = self._match(name.split()) if name else None
        if m is None and name and name.isupper() and len(name) > 3:
            m = self._match(name.title().split())
        men = Mention(start, end, text, sentence=si)
        if m is not None:
            men.candidates, men.demonym = m[1], m[2]
        else:
            # "Manila Cathedral", "Birmingham City": the longest known place inside, marked near
            # ("University of California", "West Surrey": California, Surrey; never "South",
            # "Union" or "University" alone); of equal length, the biggest place
            words = name.split()
            for n in range(min(len(words) - 1, _MAX_WORDS), 0, -1):
                subs = [self._match(words[k:k + n]) for k in range(len(words) - n + 1)
                        if not all(_generic(w) for w in words[k:k + n])]
                places = [x for x in subs if x is not None and x[1]]
                if places:
                    men.candidates = max(places, key=lambda x: max(_size(c) for c in x[1]))[1]
                    men.extra["near"] = True
                    break
                dems = [x for x in subs if x is not None and x[2]]
                if dems:      # "the Mexican Senate", "the British Embassy": the country
                    men.demonym = dems[0][2]
                    break
        if sent is not None:
            toks = _tokens(_as_parsed(sent), sent.start)
            i = next((k for k, t in enumerate(toks) if t.start >= start), len(toks))
            j = next((k for k, t in enumerate(toks) if t.start >= end), len(toks))
            if i < j:
                men.hint = self._cue(toks, i, j)
        return men

    def _split(self, toks: list[_Tok], phrases: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """"Shindand District of Herat Province" is two names: a division word ends the first."""
        out = []
        for i, j in phrases:
            k = i
            for c in range(i + 2, j - 1):
                if toks[c].text == "of" and (fold(toks[c - 1].text), "after") in self.words:
                    out.append((k, c))
                    k = c + 1
            out.append((k, j))
        return out

    def _cue(self, toks: list[_Tok], i: int, j: int) -> str | None:
        """Feature hint from the words right after or before a name."""
        if j < len(toks) and not toks[j - 1].possessive:
            h = self.words.get((fold(toks[j].text), "after"))
            if h:
                return h
        if j - i >= 2:   # "Idlib Province", "Idlib Governorate" inside the phrase
            h = self.words.get((fold(toks[j - 1].text), "after"))
            if h:
                return h
        if i >= 2 and toks[i - 1].text.lower() == "of":
            h = self.words.get((fold(toks[i - 2].text), "of"))
            if h:
                return h
        if i >= 1:   # "province Pattani", "village Lassipora"
            h = self.words.get((fold(toks[i - 1].text), "before"))
            if h:
                return h
        return None

    def _context(self, men: Mention, toks: list[_Tok], k: int, e: int, i: int, j: int) -> None:
        # the cue may follow the whole phrase ("Idlib Province") or the match itself
        men.hint = self._cue(toks, k, e) if e < j else self._cue(toks, k, j)
        if e < j and e == j - 1:
            h = self.words.get((fold(toks[e].text), "after"))
            if h:
                men.hint = h
                men.extra["suffix"] = toks[e].text
        p = k - 1
        while p > 0 and toks[p].text.lower() in directions():
            p -= 1      # "in southern Kobane": the preposition before the direction word
        prev = toks[p].text.lower() if p >= 0 else ""
        if prev == "of" and p > 0 and toks[p - 1].text.lower() in place_nouns():
            prev = "in"       # "the streets of Freetown", "the outskirts of Aleppo"
        men.extra["prev"] = prev
        men.extra["title"] = k > 0 and toks[k - 1].text.rstrip(".").lower() in self.titles
        # part of a longer capitalised name ("New York Times"); names joined by a connector
        # ("Bay of Islands") are matched whole first, so a part of them is not partial
        men.extra["partial"] = ((k > i and toks[k - 1].text not in _CONNECTORS)
                                or (e < j and toks[e].text not in _CONNECTORS)) and not men.extra.get("suffix")
        men.extra["possessive"] = toks[e - 1].possessive
        nxt = toks[e].text.lower() if e < len(toks) else ""
        men.extra["owns_place"] = toks[e - 1].possessive and (
            nxt in place_nouns() or nxt in self.titles or nxt in _CIVIC)     # "Tulkarm's governor"
        men.extra["sent_initial"] = k == 0

    def _groups(self, ms: list[Mention], toks: list[_Tok], gid: int) -> int:
        """Mentions separated only by ',' / 'and' form one list; a cue after the last one applies to all."""
        if not ms:
            return gid
        ms.sort(key=lambda m: m.start)
        runs: list[list[Mention]] = [[ms[0]]]
        for a, b in zip(ms, ms[1:]):
            ea, sb = a.extra["tok"][1], b.extra["tok"][0]
            between = [t.text.lower() for t in toks[ea:sb]]
            if between and all(w in (",", "and", "or") for w in between) and len(between) <= 2:
                runs[-1].append(b)
            else:
                runs.append([b])
        for run in runs:
            if len(run) < 2:
                continue
            gid += 1
            hint = run[-1].hint
            for m in run:
                m.group = gid
                if hint and not m.hint and hint not in ("ADM1", "ADM2"):
                    m.hint = hint
        return gid

    def _accept(self, m: Mention, toks: list[_Tok], parsed: bool) -> bool:
        x = m.extra
        if x.get("title"):
            return False
        if all(_building_word(w) for w in m.text.split()):
            return False      # "Headquarters", "Area", "State" left over from a longer name
        if m.demonym:
            # an adjective naming a country ("Turkish soldiers"); NER may call it NORP or GPE
            return m.ner in (None, "NORP", "GPE") and not x.get("possessive") or bool(m.ner == "NORP")
        if x.get("unknown"):
            # a name the gazetteer lacks: only when the text says it is a place
            m.strong = True
            if fold(m.text) in not_places():
                return False
            if m.hint or m.ner in ("GPE", "LOC", "FAC"):
                return True
            # "fighting in Dhuluiya", "attempt to capture Bayyanoun": the grammar says place
            syn = x.get("syntax")
            return syn is not None and syn != "subjpass" and m.ner not in _NOT_PLACE_NER
        if m.ner in _GOOD_NER:
            m.strong = True
            return True
        if m.hint:
            m.strong = True
            return True
        top = max(m.candidates, key=lambda c: (c.is_country or c.is_admin1, c.population))
        big = top.is_country or top.is_admin1 or top.population >= 100_000
        if parsed and m.ner in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP") and not x.get("partial") and (big or top.population >= 10_000) \
                and (x["prev"] in _IN or x.get("syntax") in ("dobj", "subjpass")):
            return True       # "clashes in Kobane", "captured Manbij": the model's ORG/PERSON is wrong there
        if parsed and m.ner in ("PERSON", "ORG", "NORP") and not x.get("partial") and x.get("syntax") in _FIRM_SYNTAX:
            return True       # "killed in Tal Afar", "captured Knin": the parse says place, whatever its size
        if parsed and m.ner in ("PERSON", "ORG", "NORP") and not x.get("partial") and x.get("modifier") \
                and not m.text.isupper() and any(c.fclass == "P" and c.main and c.population >= 100_000
                                                 for c in m.candidates):
            return True       # "the Abuja home of", "a central Kiev courthouse": a city names where the thing is
        if parsed and m.ner in ("ORG", "NORP") and x.get("possessive") and x.get("owns_place") \
                and any(c.fclass == "P" and c.population >= 10_000 for c in m.candidates):
            return True       # "Tulkarm's governor", "Aleppo's residents"
        if parsed and m.ner in ("PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT",
                                "LAW", "LANGUAGE"):
            # the model's non-place label wins unless the word is a country or first-level division
            return (top.is_country or top.is_admin1 or top.fcode == "CONT") and not x.get("partial") \
                and m.ner != "PERSON"
        if x.get("partial"):
            return False
        if m.text.lower() in STOP_WORDS and m.text not in country_aliases() \
                or m.text.isupper() and len(m.text) <= 3 and not top.is_country:
            return False
        if x["prev"] in _LOCATIVE or x.get("possessive"):
            return big or top.population >= 1000 or m.group > 0
        if m.group > 0:
            return True
        if x.get("syntax") and (big or top.population >= 1000):
            return True       # "Vukovar was captured", "fighting in X": the grammar says place
        if x.get("sent_initial") and not big:
            return False
        return big and (not parsed or m.ner is None and (top.is_country or top.is_admin1
                                                           or top.population >= 500_000))


def _ner_at(ents: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    best = None
    for s, e, label in ents:
        if s < end and start < e:
            if label in _GOOD_NER:
                return label
            best = best or label
    return best


# the parse ties the name to a place preposition or to a verb that takes places
_FIRM_SYNTAX = geo_words("firm_syntax")
_SYNTAX_PREPS = geo_words("syntax_preps")


def _parsed_span(sent, start: int, end: int):
    """The tokens of [start, end) (text offsets) in the sentence's parse; None when the sentence
    was not parsed or the offsets fall outside it."""
    if sent.doc is None:
        return None
    return sent.doc.char_span(start - sent.start, end - sent.start, alignment_mode="expand")


def _place_syntax(sent, start: int, end: int) -> str | None:
    """The locative preposition governing a span ("in"), or "dobj" when it is the object of a
    verb that takes places ("captured X"); None otherwise or when the sentence was not parsed."""
    span = _parsed_span(sent, start, end)
    if span is None:
        return None
    root = span.root
    if root.pos_ != "PROPN":
        return None
    if root.dep_ == "pobj" and root.head.lower_ in _SYNTAX_PREPS:
        return root.head.lower_
    if root.dep_ == "dobj" and root.head.lemma_.lower() in place_verbs():
        return "dobj"
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in place_verbs():
        return "subjpass"      # "Jaffna was captured"
    return None


_COMMA = re.compile(r"\s*,\s*$")
_CONTRACTION = re.compile(r"['’](m|d|ll|re|ve|t)$", re.I)


def _is_division(c: Candidate) -> bool:
    return c.is_country or c.is_admin1


def _in_division(c: Candidate, d: Candidate) -> bool:
    return c.cc == d.cc and (d.is_country or c.admin1 == d.admin1) and not _is_division(c)


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
        divs = [d for d in y.candidates if _is_division(d)]
        if not divs or any(c.is_country or c.is_admin1 and c.main for c in x.candidates):
            continue      # "Texas, Arizona", "Russia, U.S. officials": a list of divisions
        y_town = any(c.fclass == "P" and c.population >= 100_000 for c in y.candidates)
        inside = [c for c in x.candidates if any(_in_division(c, d) for d in divs)]
        if inside:
            top = max(x.candidates, key=lambda c: c.population)
            if y_town and top not in inside:
                continue
            x.candidates = tuple(inside)
            y.candidates = tuple(d for d in divs if any(_in_division(c, d) for c in inside))
            x.owner = y
            x.extra["container"] = True
        elif not y_town and not any(_is_division(c) for c in x.candidates) \
                and max((c.population for c in x.candidates), default=0) < 100_000 \
                and not any(d.is_country for d in divs):
            # the name is in this division, but the index has no such place there
            x.candidates = ()
            y.candidates = tuple(divs)
            x.owner = y


def _stop(toks: list[_Tok], i: int) -> bool:
    """A function word ("In", "us"); "US" in capitals amid lower-case words is the country."""
    t = toks[i].text
    if _CONTRACTION.search(t):
        return True          # "I'm", "He'll"
    if t.lower() not in STOP_WORDS:
        return False
    if t.isupper() and t in country_aliases():
        around = [x.text for x in toks[max(0, i - 3):i + 4] if x is not toks[i] and x.text[:1].isalpha()]
        return all(x.isupper() for x in around)      # a headline in capitals: the pronoun
    return True


def _building_word(word: str) -> bool:
    w = word.lower().strip(".,'’")
    return w in facility_words() or w in place_nouns() or w in ("state", "states")


def _generic(word: str) -> bool:
    """A word that names no place alone (a direction, "Union", "of")."""
    if word in country_aliases():
        return False          # "US" is no pronoun here
    w = word.lower().strip(".,'’")
    return (w in directions() or w in name_words() or w in not_places() or w in STOP_WORDS
            or w in place_nouns() or w in facility_words() or w in _CONNECTORS)


def _size(c: Candidate) -> tuple[int, int]:
    return (2 if c.is_country else 1 if c.is_admin1 else 0, c.population)


def _with_dateline(parsed: ParsedText) -> list[tuple[int, Sentence]]:
    """The sentences, after the text before the first one when there is some: a wire dateline
    ("COLUMBIA, Ky. (WBKO) -", "BEIRUT (AP) -") names where the story was filed, usually where
    it happened; the sentence splitter leaves it out of the first sentence."""
    out = list(enumerate(parsed.sentences))
    if parsed.sentences and parsed.sentences[0].start > 0:
        head = parsed.text[:parsed.sentences[0].start]
        if head.strip() and len(head) < 120:
            out.insert(0, (-1, Sentence(0, len(head), head)))
    return out


def _modifies_noun(sent, start: int, end: int) -> bool:
    """Whether the name modifies a common noun ("the Abuja home", "a Kiev courthouse")."""
    span = _parsed_span(sent, start, end)
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ in ("NOUN", "ADV") and root.head.text.isalpha() \
        and root.head.text.islower()


def _ner_exact(ents: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s == start and e == end for s, e, _ in ents)


def _link_owners(ms: list[Mention]) -> None:
    """"Idlib's Sheikh Ali, Atarib" / "Syria's northwestern Idlib": the possessive place owns
    the names after it in the same sentence (up to the end of their list)."""
    for a, b in zip(ms, ms[1:]):
        if a.extra.get("possessive") and a.sentence == b.sentence and b.start - a.end < 40:
            b.owner = a
            if b.group > 0:
                for c in ms:
                    if c.group == b.group:
                        c.owner = a
