"""Word lists live in data files (polemos/data/, loaded by polemos.datafiles), not in Python: a set,
list, tuple or frozenset written in code with more than three words fails this test. Add a package
directory to PACKAGES once its lists are moved out."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "polemos"
PACKAGES = ["extract"]
MAX_WORDS = 3
_WORD = re.compile(r"^[A-Za-z][A-Za-z' .-]*$")


def word_set_literals(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) of each collection literal made only of strings, more than MAX_WORDS of them words."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            continue
        strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) != len(node.elts):
            continue
        words = [s for s in strings if _WORD.match(s)]
        if len(words) > MAX_WORDS:
            out.append((node.lineno, strings))
    return out


def test_the_detector_finds_a_word_set_and_spares_short_ones():
    assert word_set_literals('X = {"in", "into", "near", "across"}\n') == [(1, ["in", "into", "near", "across"])]
    assert word_set_literals('f(t.dep_ in ("nsubj", "nsubjpass", "dobj", "obj"))\n') != []
    assert word_set_literals('X = frozenset(["a", "b", "c", "d", "-"])\n') != []
    assert word_set_literals('X = ("in", "on", "at")\nY = {"a": 1, "b": 2, "c": 3, "d": 4}\n') == []
    assert word_set_literals('X = (1, 2, 3, 4, 5)\nY = ("%s", "%d", "{}", "()", "[]")\n') == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_word_set_literal_in_package(package: str):
    found = [f"{p.relative_to(SRC)}:{line}: {words}"
             for p in sorted((SRC / package).rglob("*.py")) for line, words in word_set_literals(p.read_text("utf-8"))]
    assert not found, "word lists belong in polemos/data (polemos.datafiles):\n" + "\n".join(found)
