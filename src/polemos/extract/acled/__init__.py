"""ACLED coding of Polemos events by the ACLED Codebook's definitions and rules of precedence
(docs/acled.md): event and sub-event type, disorder type, actor inter codes, interaction,
civilian targeting, geo and time precision; and the choice of the one event per sentence that
ACLED would record. Rules in data/acled_crosswalk.yaml, cue words in data/acled/cues.yaml,
inter codes in data/acled/actors.yaml."""
from polemos.extract.acled.coder import AcledCoding, acled_type, actor_codes, apply_coding, code_acled, crosswalk
from polemos.extract.acled.cues import cues_in
from polemos.extract.acled.main_event import (
    code_article_events,
    mark_main_events,
    precedence_rank,
    report_main_sub_event,
)

__all__ = ["AcledCoding", "acled_type", "actor_codes", "apply_coding", "code_acled", "code_article_events", "crosswalk",
           "cues_in", "mark_main_events", "precedence_rank", "report_main_sub_event"]
