"""A regular-expression alternation of many literal words, written as a trie.

Why: Python's `re` tries the branches of `one|two|three|...` one after another at every position
of the text, so a pattern of the 635 country names and demonyms costs hundreds of comparisons per
character. Sharing prefixes (`Ira(?:n(?:ian)?|q(?:i)?)`) lets it discard a position after a few.

Same matches as the longest-first alternation `"|".join(sorted(words, key=len, reverse=True))`:
at one position every word that can match is a prefix of every longer one that can, and the trie
tries the longer before the shorter (greedy optional tails), so the first word that lets the rest
of the pattern match is the same in both. For case-sensitive patterns: under IGNORECASE two
branches can take the same character, so use `alternation` on words in one case only.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""      # marks "a word ends here" in a trie node (no word character is empty)


def alternation(words: Iterable[str]) -> str:
    """The regex (no capturing group of its own) matching exactly the longest-first alternation
    of `words` (empty words are dropped)."""
    root: dict[str, dict] = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_regex(root) if root else "(?!)"


def _node_regex(node: dict[str, dict]) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word ends here too: the greedy optional tail tries the longer words first, then stops
    return "(?:" + body + ")?" if ends else body
