"""The one ingest function (`polemos.ingest`), read-only commands on a store that does not exist,
and the merge loop giving the same events in memory and in a DuckDB store."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import polemos
from polemos import errors
from polemos.api_python import extract_articles
from polemos.demo import TEXT_SAMPLE_PUBLISHED
from polemos.ingest import read_inputs
from polemos.merge import merge_articles
from polemos.merge.memory import article_info, keyed_mentions
from polemos.models import Article
from polemos.store import EventFilter, open_store

POLEMOS = str(Path(sys.executable).parent / "polemos")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def extracted() -> list[tuple[Article, list]]:
    """The sample articles (files, JSON Lines, HTML, a feed) and their mentions, extracted once."""
    articles = [a for a in read_inputs([str(SAMPLES)], published=TEXT_SAMPLE_PUBLISHED)
                if isinstance(a, Article)]
    return list(extract_articles(articles))


@pytest.mark.parametrize("command", [["events"], ["stats"], ["show", "ev_0123456789abcdef"], ["serve"],
                                     ["db", "check"]])
def test_a_command_that_only_reads_refuses_a_store_that_does_not_exist(tmp_path, command):
    db = tmp_path / "typo.duckdb"
    r = subprocess.run([POLEMOS, *command, "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == f"polemos: E062 {errors.STORE_MISSING.format(db=db)}"
    assert not db.exists() and not Path(f"{db}.wal").exists()   # no empty store left behind


def test_ingest_stores_articles_once_and_does_not_extract_them_again(tmp_path, extracted):
    pairs = {a.id: ms for a, ms in extracted}
    articles = [a for a, _ in extracted]
    calls: list[str] = []

    def extractor(arts):
        for a in arts:
            calls.append(a.id)
            yield a, pairs[a.id]

    db = str(tmp_path / "s.duckdb")
    first = polemos.ingest(articles, db, extractor=extractor, keep_mentions=True)
    assert [a.status for a in first.articles] == ["added"] * len(articles)
    assert [a.mentions for a in first.articles] == [pairs[a.id] for a in articles]
    assert first.store_articles == len(articles) and first.store_mentions == sum(map(len, pairs.values()))
    with open_store(db, read_only=True) as store:
        assert first.store_events == store.count_events(EventFilter()) > 0
    calls.clear()
    again = polemos.ingest(articles, db, extractor=extractor)
    assert calls == [] and again.count("unchanged") == len(articles) and again.count("added") == 0
    changed = articles[0].model_copy(update={"text": articles[0].text + "\n\nUpdated."})
    pairs[changed.id] = pairs[articles[0].id]
    third = polemos.ingest([changed], db, extractor=extractor)
    assert calls == [changed.id] and [a.status for a in third.articles] == ["replaced"]


def test_the_in_memory_merge_equals_a_duckdb_store_for_the_same_articles(tmp_path, extracted):
    """`polemos extract`/batch (merge in memory) and `polemos ingest` (merge in the store's
    transaction) run one loop: the same extracted articles give the same events, field for field."""
    merged = merge_articles([(article_info(a), keyed_mentions(a, ms)) for a, ms in extracted], with_mentions=True)
    db = str(tmp_path / "s.duckdb")
    polemos.ingest([a for a, _ in extracted], db, extractor=lambda arts: iter(extracted))
    with open_store(db, read_only=True) as store:
        stored = {e.id: store.get_event(e.id).model_dump(mode="json") for e in store.query_events(EventFilter())}
    assert len(merged) > len(extracted) and sum(e.n_mentions for e in merged) > len(merged)   # merging did something
    assert {e.id: e.model_dump(mode="json") for e in merged} == stored
