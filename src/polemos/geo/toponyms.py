"""Finding place names in a text: gazetteer matching over capitalised phrases, confirmed or
vetoed by spaCy's entities where the sentence was parsed.

Why both: the small English model tags many villages as PERSON or NORP ("Kafr Nouran", "Sheikh
Ali") and only candidate sentences are parsed at all; the gazetteer alone would take every
"Jordan" and "Reading" for a place. The rules below combine the two with the words around a name:
"X province", "the town of X", "in X", "Idlib's A, B, C villages", demonyms ("Syrian").
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from polemos.geo.containers import (
    accept_admin_context,
    link_containers,
    link_in_division,
    link_owners,
    link_parentheses,
    placed_by_parenthesis,
)
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.lexicon import (
    country_aliases,
    demonyms,
    directions,
    facility_words,
    geo_table,
    geo_words,
    name_words,
    not_places,
    place_nouns,
    place_words,
    titles,
)
from polemos.geo.mention import Mention
from polemos.geo.normalize import fold
from polemos.geo.report_place import is_reference_word
from polemos.geo.streets import is_street
from polemos.geo.syntax import FIRM_SYNTAX, GOOD_NER, modifies_noun, ner_at, ner_exact, place_syntax
from polemos.geo.tokens import CONNECTORS, POSSESSIVE, Tok, as_parsed, phrases, tokens
from polemos.nlp import ParsedText, Sentence

# a word may start with an ayn mark ("‘Ayishah"); "U.S." is one word
_LOCATIVE = geo_words("locatives")
_IN = geo_words("in_preps")
_NOT_PLACE_NER = geo_words("not_place_ner")
_NOT_PLACE_LABELS = geo_words("not_place_labels")
_NOT_PLACE_LABELS_WIDE = geo_words("not_place_labels_wide")
_MAX_WORDS = 5
# what a town owns ("Tulkarm's governor", "Homs' residents")
_CIVIC = geo_words("civic_nouns")
_NAMED_AFTER = ("FAC", "EVENT", "ORG")
_SEATS = geo_table("seat_features")      # (a seat is a town, whatever its recorded size)


class Recognizer:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.demonyms = demonyms()
        self.words = place_words()
        self.titles = titles()
        self._matched: dict[str, tuple[str, tuple[Candidate, ...], str | None] | None] = {}

    def _match(self, words: list[str]) -> tuple[str, tuple[Candidate, ...], str | None] | None:
        text = " ".join(words)
        # (speed) the answer depends on the text alone, and the same words are tried again and again
        if text not in self._matched:
            if len(self._matched) > 200_000:
                self._matched.clear()
            self._matched[text] = self._match_text(text)
        return self._matched[text]

    def _match_text(self, text: str) -> tuple[str, tuple[Candidate, ...], str | None] | None:
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
            toks = tokens(as_parsed(sent), sent.start)
            ents = []
            if sent.doc is not None:
                ents = [(sent.start + e.start_char, sent.start + e.end_char, e.label_) for e in sent.doc.ents]
            sent_mentions: list[Mention] = []
            for (i, j) in self._split(toks, phrases(toks)):
                phrase_mentions = self._phrase_matches(parsed.text, sent, si, toks, ents, i, j)
                street = is_street(toks, i, j)
                inside = phrase_mentions
                if street:     # "Oxford St", "Calle del Correo": no town's name inside is meant
                    phrase_mentions = [m for m in phrase_mentions if m.demonym]
                sent_mentions.extend(_keep_partials(phrase_mentions, i, ents))
                # a phrase the gazetteer does not know but the text calls a place
                # ("Kafr Nouran villages", "the village of Ibbin") or NER calls GPE/LOC
                whole_demonym = any(m.demonym and not m.extra["partial"] for m in phrase_mentions)
                if not whole_demonym and not any(m.extra["tok"][2] == i and not m.demonym for m in sent_mentions):
                    unknown = self._unknown_phrase(parsed.text, sent, si, toks, ents, i, j, inside)
                    if unknown is not None:
                        unknown.extra["street"] = street     # a place by its own words
                        sent_mentions.append(unknown)
            # lists: "Idlib's Sheikh Ali, Atarib, Kafr Nouran villages" share cue and owner
            group_id = self._groups(sent_mentions, toks, group_id)
            for men in sent_mentions:
                if self._accept(men, toks, sent.doc is not None):
                    mentions.append(men)
                else:
                    rejected.append(men)
        again = _one_sense_per_name(mentions, rejected)
        again += accept_admin_context([m for m in rejected if m not in again], mentions + again, parsed.text)
        again += placed_by_parenthesis([m for m in rejected if m not in again], mentions + again, parsed.text)
        if again:
            mentions = sorted(mentions + again, key=lambda m: m.start)
        link_owners(mentions)
        link_containers(mentions, parsed.text)
        link_parentheses(mentions, parsed.text)
        link_in_division(mentions, parsed.text)
        for men in mentions:
            men.extra.pop("tok", None)
            if men.extra.get("unknown") and men.extra.get("inner"):
                men.candidates = men.extra["inner"]
                men.extra["near"] = True
        return mentions

    def _phrase_matches(self, text: str, sent: Sentence, si: int, toks: list[Tok],
                        ents: list[tuple[int, int, str]], i: int, j: int) -> list[Mention]:
        """The gazetteer's names inside one capitalised phrase, longest first, left to right."""
        out: list[Mention] = []
        k = i
        while k < j:
            found = None
            for e in range(min(j, k + _MAX_WORDS), k, -1):
                if toks[k].text in CONNECTORS:
                    break
                if e == k + 1 < j and toks[k].text.lower() in directions():
                    break     # "Eastern Ghouta": a direction opens a longer name, it is no region
                m = self._match([t.text for t in toks[k:e]])
                if m:
                    found = (e, m)
                    break
            if not found:
                k += 1
                continue
            e, (_, cands, dem) = found
            start, end = toks[k].start, toks[e - 1].end
            men = Mention(start, end, text[start:end], cands, demonym=dem, sentence=si)
            men.extra["tok"] = (k, e, i, j)
            self._context(men, toks, k, e, i, j)
            men.ner = ner_at(ents, start, end)
            men.extra["syntax"] = place_syntax(sent, start, end)
            men.extra["modifier"] = modifies_noun(sent, start, end)
            out.append(men)
            k = e
        return out

    def _unknown_phrase(self, text: str, sent: Sentence, si: int, toks: list[Tok],
                        ents: list[tuple[int, int, str]], i: int, j: int,
                        phrase_mentions: list[Mention]) -> Mention | None:
        """The whole phrase as a name the gazetteer lacks (accepted later only if the text says
        it is a place)."""
        words = [t.text for t in toks[i:j]]
        # "Kafr Nouran Province": the cue word is not part of the name
        j2 = j - 1 if len(words) > 1 and (fold(words[-1]), "after") in self.words else j
        start, end = toks[i].start, toks[j2 - 1].end
        if toks[i].text.lower() in STOP_WORDS or j2 <= i or len(toks[i].text) <= 1:
            return None
        men = Mention(start, end, text[start:end], (), sentence=si, hint=self._cue(toks, i, j),
                      ner=ner_at(ents, toks[i].start, toks[j - 1].end))
        men.extra["tok"] = (i, j2, i, j)
        men.extra["unknown"] = True
        # "the EU Transport Commissioner Violeta Bulc": a person, not a place
        men.extra["title"] = any(t.text.rstrip(".").lower() in self.titles for t in toks[max(0, i - 1):j2])
        men.extra["possessive"] = toks[j2 - 1].possessive
        men.extra["syntax"] = place_syntax(sent, start, end)
        # "the Deir Ezzor Military Airport": if it is a place, it is near Deir Ezzor
        inner = [x for x in phrase_mentions if x.candidates and not x.demonym and start <= x.start and x.end <= end]
        if inner:
            # a facility, event or body is named after a well-known place: the biggest inside ("the
            # Boston Marathon": not Marathon, Florida; "Air Berlin"), never a direction-led region
            # ("Far North Queensland") or a common word; else the longest ("University of California")
            first = [x for x in inner if not any(w.lower() in directions() for w in x.text.split())
                     and not all(_generic(w) for w in x.text.split())] if men.ner in _NAMED_AFTER else []
            first.sort(key=lambda x: max(_size(c) for c in x.candidates), reverse=True)
            men.extra["inner"] = (first[0] if first else max(inner, key=lambda x: x.end - x.start)).candidates
            # "Cuckoo Hall", "Old Park": a common word the index also knows as a town; its reading
            # still tells the resolver about the names around, but is no place of its own
            men.extra["generic_inner"] = not first and all(
                _generic(w) for w in max(inner, key=lambda x: x.end - x.start).text.split())
        return men

    def forced(self, parsed: ParsedText, start: int, end: int) -> Mention:
        """A mention for a span someone else says is a place (gold spans in the resolution-only
        evaluation): candidates from the gazetteer, hint from the words around it."""
        text = parsed.text[start:end]
        si = next((k for k, s in enumerate(parsed.sentences) if s.start <= start < s.end), 0)
        sent = parsed.sentences[si] if parsed.sentences else None
        name = re.sub(r"^(?:the|The|THE)\s+", "", text)
        name = POSSESSIVE.sub("", name).strip()
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
            toks = tokens(as_parsed(sent), sent.start)
            i = next((k for k, t in enumerate(toks) if t.start >= start), len(toks))
            j = next((k for k, t in enumerate(toks) if t.start >= end), len(toks))
            if i < j:
                men.hint = self._cue(toks, i, j)
        return men

    def _split(self, toks: list[Tok], phrases: list[tuple[int, int]]) -> list[tuple[int, int]]:
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

    def _cue(self, toks: list[Tok], i: int, j: int) -> str | None:
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

    def _context(self, men: Mention, toks: list[Tok], k: int, e: int, i: int, j: int) -> None:
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
        men.extra["reference"] = prev in ("of", "from", "in") and p > 0 and is_reference_word(toks[p - 1].text)
        men.extra["title"] = k > 0 and toks[k - 1].text.rstrip(".").lower() in self.titles
        # part of a longer capitalised name ("New York Times"); names joined by a connector
        # ("Bay of Islands") are matched whole first, so a part of them is not partial
        men.extra["partial"] = ((k > i and toks[k - 1].text not in CONNECTORS)
                                or (e < j and toks[e].text not in CONNECTORS)) and not men.extra.get("suffix")
        men.extra["possessive"] = toks[e - 1].possessive
        nxt = toks[e].text.lower() if e < len(toks) else ""
        men.extra["owns_place"] = toks[e - 1].possessive and (
            nxt in place_nouns() or nxt in self.titles or nxt in _CIVIC)     # "Tulkarm's governor"
        men.extra["sent_initial"] = k == 0

    def _groups(self, ms: list[Mention], toks: list[Tok], gid: int) -> int:
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

    def _accept(self, m: Mention, toks: list[Tok], parsed: bool) -> bool:
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
            if m.hint or m.ner in ("GPE", "LOC", "FAC") or x.get("reference"):
                return True
            # "fighting in Dhuluiya", "attempt to capture Bayyanoun": the grammar says place
            syn = x.get("syntax")
            if syn is not None and syn != "subjpass" and m.ner not in _NOT_PLACE_NER:
                return True
            if x.get("street"):       # a street by its own words only: no reading to lend the others
                x.pop("inner", None)
                return True
            return False
        if m.ner in GOOD_NER:
            m.strong = True
            return True
        if m.hint or x.get("reference") and not x.get("partial"):
            m.strong = True
            return True
        top = max(m.candidates, key=lambda c: (c.is_country or c.is_admin1, c.population))
        big = top.is_country or top.is_admin1 or top.population >= 100_000
        if parsed and m.ner in _NOT_PLACE_LABELS and not x.get("partial") \
                and (big or top.population >= 10_000) \
                and (x["prev"] in _IN or x.get("syntax") in ("dobj", "subjpass")):
            return True       # "clashes in Kobane", "captured Manbij": the model's ORG/PERSON is wrong there
        if parsed and m.ner in ("PERSON", "ORG", "NORP") and not x.get("partial") and x.get("syntax") in FIRM_SYNTAX:
            return True       # "killed in Tal Afar", "captured Knin": the parse says place, whatever its size
        if parsed and m.ner in ("PERSON", "ORG", "NORP") and not x.get("partial") and x.get("modifier") \
                and not m.text.isupper() and any(c.fclass == "P" and c.main and c.population >= 100_000
                                                 for c in m.candidates):
            return True       # "the Abuja home of", "a central Kiev courthouse": a city names where the thing is
        if parsed and m.ner in ("ORG", "NORP") and x.get("possessive") and x.get("owns_place") \
                and any(c.fclass == "P" and c.population >= 10_000 for c in m.candidates):
            return True       # "Tulkarm's governor", "Aleppo's residents"
        if parsed and m.ner in _NOT_PLACE_LABELS_WIDE:
            # the model's non-place label wins unless the word is a country or first-level division
            return (top.is_country or top.is_admin1 or top.fcode == "CONT") and not x.get("partial") \
                and m.ner != "PERSON" and (top.main or not all(_generic(w) for w in m.text.split()))
        if x.get("partial"):
            return False
        if m.text.lower() in STOP_WORDS and m.text not in country_aliases() \
                or m.text.isupper() and len(m.text) <= 3 and not top.is_country:
            return False
        if x["prev"] in _LOCATIVE or x.get("possessive"):
            return big or top.population >= 1000 or m.group > 0 or top.fcode in _SEATS
        if m.group > 0:
            return True
        if x.get("syntax") and (big or top.population >= 1000):
            return True       # "Vukovar was captured", "fighting in X": the grammar says place
        if x.get("sent_initial") and not big:
            return False
        return big and (not parsed or m.ner is None and (top.is_country or top.is_admin1
                                                           or top.population >= 500_000))


def _building_word(word: str) -> bool:
    w = word.lower().strip(".,'’")
    return w in facility_words() or w in place_nouns() or w in ("state", "states")


def _generic(word: str) -> bool:
    """A word that names no place alone (a direction, "Union", "of")."""
    if word in country_aliases():
        return False          # "US" is no pronoun here
    w = word.lower().strip(".,'’")
    return (w in directions() or w in name_words() or w in not_places() or w in STOP_WORDS
            or w in place_nouns() or w in facility_words() or w in CONNECTORS)


def _size(c: Candidate) -> tuple[int, int]:
    return (2 if c.is_country else 1 if c.is_admin1 else 0, c.population)


def _with_dateline(parsed: ParsedText) -> list[tuple[int, Sentence]]:
    """The sentences, after the text before the first one when there is some: a wire dateline
    ("COLUMBIA, Ky. (WBKO) -", "BEIRUT (AP) -") names where the story was filed, usually where
    it happened; the sentence splitter leaves it out of the first sentence."""
    out: list[tuple[int, Sentence]] = []
    end = 0
    for k, sent in enumerate(parsed.sentences):
        # (also after a headline: "... Bomb Probe\nBOSTON — A citizen of ...")
        head = parsed.text[end:sent.start]
        if sent.start < 400 and head.strip() and len(head) < 120:
            out.append((-1, Sentence(end, sent.start, head)))
        out.append((k, sent))
        end = sent.end
    return out




def _keep_partials(phrase_mentions: list[Mention], i: int, ents: list[tuple[int, int, str]]) -> list[Mention]:
    """A partial match inside a longer name ("New York Times", "Sheikh Ali") is not that place,
    unless it is a demonym or a country leading the phrase ("Syrian President Bashar", "U.S.
    Special Envoy"), or the model marks exactly it as a place."""
    keep = []
    for men in phrase_mentions:
        if not men.extra["partial"] or men.demonym:
            keep.append(men)
        elif men.extra["tok"][0] == i and any(c.is_country for c in men.candidates):
            keep.append(men)
        elif men.ner in GOOD_NER and ner_exact(ents, men.start, men.end):
            keep.append(men)
    return keep


def _one_sense_per_name(mentions: list[Mention], rejected: list[Mention]) -> list[Mention]:
    """A name taken as a place once is a place where the model alone called it an organisation
    ("One Edmonton resident" after "in Edmonton"), or a person when it is a big city."""
    known = {m.text for m in mentions if m.candidates and not m.demonym and not m.extra.get("unknown")
             and m.ner in GOOD_NER and max(_size(c) for c in m.candidates) >= (0, 10_000)
             and not (m.text.isupper() and m.text not in country_aliases())}
    return [m for m in rejected if m.text in known and m.candidates and not m.extra.get("unknown")
            and not m.extra.get("partial") and not m.extra.get("title")
            and (m.ner == "ORG" or m.ner == "PERSON" and any(c.fclass == "P" and c.main and c.population >= 100_000
                                                          for c in m.candidates))]
