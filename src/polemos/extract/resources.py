"""What every extraction step reads and none writes: the trigger lexicon, the actor coder and the
ontology's rules, each parsed once from polemos/data into typed, frozen values. Steps take a
`Resources` instead of reaching into YAML dicts, so a rule's data has one name and one type."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from polemos.extract.actors import ActorCoder, default_coder
from polemos.extract.triggers import TriggerLexicon, load_data


def _set(data: dict, key: str) -> frozenset[str]:
    return frozenset(data.get(key) or ())


@dataclass(frozen=True)
class Ontology:
    """ontology.yaml: how PLOVER types behave under mood, negation, purpose, and who keeps counts."""

    types: dict[str, dict[str, Any]]                  # type -> {verbal: bool, ...}
    mode_cues: dict[str, dict[str, list[str]]]        # type -> mode -> cue words, in rank order
    aircraft_words: tuple[str, ...]
    threat_when_conditional: frozenset[str]
    threat_when_announced: frozenset[str]
    threat_when_promised: frozenset[str]
    pledge_when_announced: frozenset[str]
    intransitive: frozenset[str]
    transitive_modes: frozenset[str]
    symmetric: frozenset[str]
    reciprocal_triggers: frozenset[str]
    mobilize_when_prepared: frozenset[str]
    signing_verbs: frozenset[str]
    investigation_purpose_of: frozenset[str]
    negated_as: dict[str, str]
    purpose_of: dict[str, frozenset[str]]
    count_owners: dict[str, dict[str, list[str]]]     # count kind -> type -> modes ([] = any)

    @classmethod
    def parse(cls, data: dict) -> "Ontology":
        return cls(
            types=data["types"], mode_cues=data["mode_cues"],
            aircraft_words=tuple(data.get("aircraft_words") or ()),
            threat_when_conditional=_set(data, "threat_when_conditional"),
            threat_when_announced=_set(data, "threat_when_announced"),
            threat_when_promised=_set(data, "threat_when_promised"),
            pledge_when_announced=_set(data, "pledge_when_announced"),
            intransitive=_set(data, "intransitive"), transitive_modes=_set(data, "transitive_modes"),
            symmetric=_set(data, "symmetric"), reciprocal_triggers=_set(data, "reciprocal_triggers"),
            mobilize_when_prepared=_set(data, "mobilize_when_prepared"),
            signing_verbs=_set(data, "signing_verbs"),
            investigation_purpose_of=_set(data, "investigation_purpose_of"),
            negated_as=dict(data["negated_as"]),
            purpose_of={k: frozenset(v) for k, v in data["purpose_of"].items()},
            count_owners=data.get("count_owners") or {},
        )


@dataclass(frozen=True)
class TargetRules:
    """triggers.yaml's rules for targets: prepositions per type, places as targets, proposals."""

    target_preps: dict[str, Any]
    place_target_preps: frozenset[str]
    place_target_path: frozenset[str]
    place_target_skip: frozenset[str]
    proposal_nouns: frozenset[str]
    proposal_author_preps: frozenset[str]

    @classmethod
    def parse(cls, data: dict) -> "TargetRules":
        return cls(target_preps=data["target_preps"], place_target_preps=_set(data, "place_target_preps"),
                   place_target_path=_set(data, "place_target_path"), place_target_skip=_set(data, "place_target_skip"),
                   proposal_nouns=_set(data, "proposal_nouns"),
                   proposal_author_preps=_set(data, "proposal_author_preps"))


@dataclass(frozen=True)
class Resources:
    """Everything the steps read, loaded once (`Resources.default()`)."""

    lexicon: TriggerLexicon
    coder: ActorCoder
    ontology: Ontology
    targets: TargetRules
    event_nouns: set[str]         # nouns that name an event: trigger nouns and toll nouns

    @classmethod
    def build(cls, lexicon: TriggerLexicon, coder: ActorCoder, ontology: dict,
              triggers: dict | None = None) -> "Resources":
        return cls(lexicon, coder, Ontology.parse(ontology), TargetRules.parse(triggers or load_data("triggers.yaml")),
                   lexicon.noun_lemmas | lexicon.toll_nouns)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Resources":
        triggers = load_data("triggers.yaml")
        return cls.build(TriggerLexicon(triggers), default_coder(), load_data("ontology.yaml"), triggers)
