"""Casualty and other counts in a sentence (placeholder; the counts stage fills this in).

Contract: extract_counts(sentence_doc, trigger_token) -> dict with keys among
"killed", "injured", "displaced", "arrested" mapping to polemos.models.Count.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from polemos.models import Count


def extract_counts(doc: Doc, trigger: Token | None = None) -> dict[str, Count]:
    return {}
