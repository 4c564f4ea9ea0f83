"""Hard inputs (issue 18): run-on sentences in linear time, a time budget per article, languages
Polemos does not read said out loud (CLI, ingest, stats, HTTP API), a size limit per article."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from polemos import extract_articles
from polemos.ingest import NotEnglish, RecordError, read_inputs
from polemos.ingest.language import LanguageTally, language_verdict
from polemos.merge import index, loop
from polemos.merge.memory import article_info, keyed_mentions, merge_articles
from polemos.models import Actor, Article, Count, Event, Evidence
from polemos.nlp import split_sentences
from polemos.nlp_split import PIECE_MAX, split_long

POLEMOS = str(Path(sys.executable).with_name("polemos"))
DATA = Path(__file__).parent / "data" / "hard_inputs"
ACTORS = ["Troops", "Militants", "Police", "Gunmen", "Soldiers"]
DEEDS = ["shelled the village", "attacked a checkpoint", "raided the market", "bombed a school", "stormed the camp"]
EN = ("Artillery shells struck a crowded market in the city of Kharkiv on Sunday, killing eleven civilians "
      "and wounding over a dozen people, the regional governor said. Police detained two men on Monday.")


def clause(i: int) -> str:
    return f"{ACTORS[i % 5]} {DEEDS[(i // 5) % 5]} and killed {i % 47 + 2} civilians"


def run_on(n: int) -> str:
    """A scraped incident table flattened into one sentence of n clauses."""
    return ", ".join(clause(i) for i in range(n)) + "."


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([POLEMOS, *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


# ---------------------------------------------------------------- long sentences
def test_ordinary_sentences_are_never_cut():
    text = EN + " " + " ".join([EN.split(". ")[0] + "."] * 5)
    assert [s.piece for s in split_sentences(text)] == [False] * len(split_sentences(text))
    assert split_long("word " * 300) == [(0, 1500)]


def test_an_over_long_sentence_is_cut_at_clause_boundaries_with_exact_offsets():
    text = "Headline\n\n" + run_on(400)
    sents = split_sentences(text)
    pieces = [s for s in sents if s.piece]
    assert len(pieces) >= 390 and all(len(s.text) <= PIECE_MAX for s in pieces)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert pieces[0].text == clause(0) + "," and pieces[-1].text.endswith("civilians.")
    # one unbroken token is still cut (hard cut), and nothing is lost
    blob = "x" * 5000
    spans = split_long(blob)
    assert "".join(blob[a:b] for a, b in spans) == blob and max(b - a for a, b in spans) <= PIECE_MAX


def test_run_on_sentences_cost_what_separate_sentences_cost():
    """400 and 3,000 clauses (about 150,000 characters) in one sentence: every clause's event found,
    evidence at its offsets, in time linear in the text (before: 73 s for 400, >10 min for 3,000)."""
    arts = [Article(id="r400", text=run_on(400)), Article(id="r3000", text=run_on(3000))]
    seconds, found = {}, {}
    for art in arts:
        t = time.process_time()
        _, events = next(extract_articles([art]))
        seconds[art.id] = time.process_time() - t
        found[art.id] = events
        for e in events:
            assert art.text[e.evidence.start:e.evidence.end] == e.evidence.text
    # one attack per clause (a police raid is also its own COERCE event: PLOVER codes raids by police as seizures)
    attacks = {k: [e for e in v if e.type == "ASSAULT"] for k, v in found.items()}
    assert len(attacks["r400"]) == 400 and len(attacks["r3000"]) == 3000
    assert {e.killed.best for e in found["r400"] if e.killed} == {i % 47 + 2 for i in range(400)}
    per_char = {k: v / len(a.text) for (k, v), a in zip(seconds.items(), arts)}
    # linear: 7.5 times the text costs about 7.5 times the time (quadratic would be 56 times)
    assert per_char["r3000"] < 2.5 * per_char["r400"], seconds
    assert seconds["r3000"] < 60, seconds


def test_the_time_budget_keeps_what_was_found_and_names_the_article(monkeypatch, capsys):
    monkeypatch.setenv("POLEMOS_ARTICLE_SECONDS", "0.000001")
    _, events = next(extract_articles([Article(id="roundup-7", text=run_on(60))]))
    err = capsys.readouterr().err
    assert "roundup-7: stopped after 1e-06 s (POLEMOS_ARTICLE_SECONDS) at sentence" in err
    assert len(events) < 60
    monkeypatch.setenv("POLEMOS_ARTICLE_SECONDS", "0")       # no budget
    _, events = next(extract_articles([Article(id="roundup-8", text=run_on(60))]))
    assert len([e for e in events if e.type == "ASSAULT"]) == 60 and "roundup-8" not in capsys.readouterr().err


# ---------------------------------------------------------------- languages
def test_arabic_and_turkish_articles_are_named_with_their_language():
    ar, tr = (language_verdict((DATA / f"{c}.txt").read_text("utf-8")) for c in ("ar", "tr"))
    assert (ar.code, ar.english, ar.name) == ("ar", False, "Arabic")
    assert (tr.code, tr.english, tr.name) == ("tr", False, "Turkish")
    assert ar.notice("ar.txt") == "ar.txt: Arabic; Polemos reads English only: skipped"
    # a short headline in another script is judged by its script
    assert language_verdict("قصفت القوات الحكومية قرية في ريف إدلب").code == "ar"
    # too short to judge in Latin script: read (a wrong rejection would lose an article)
    assert language_verdict("Kharkiv: 11 killed").english


def test_a_mixed_article_an_english_story_quoting_arabic_is_read():
    quote = (DATA / "ar.txt").read_text("utf-8").split("\n\n")[1].split(".")[0]
    text = f"{EN} A resident told reporters: \u201c{quote}.\u201d {EN}"
    v = language_verdict(text)
    assert v.english and v.code == "en"


def test_readers_return_the_article_with_its_language_for_storage():
    items = list(read_inputs([str(DATA / "ar.txt")]))
    assert len(items) == 1 and isinstance(items[0], NotEnglish)
    assert items[0].article is not None and items[0].article.language == "ar"
    tally = LanguageTally(read=4)
    for c in ("ar", "ar", "tr"):
        tally.add(language_verdict((DATA / f"{c}.txt").read_text("utf-8")))
    assert tally.summary() == "4 articles read, 3 skipped as not English (ar 2, tr 1)"


def test_extract_says_the_language_and_never_prints_no_events(tmp_path):
    shutil.copy(DATA / "ar.txt", tmp_path / "ar.txt")
    shutil.copy(DATA / "tr.txt", tmp_path / "tr.txt")
    r = run("extract", "ar.txt", "tr.txt", cwd=tmp_path)
    assert r.returncode == 2 and "no events" not in r.stdout
    assert r.stderr.splitlines() == ["polemos: E125 ar.txt: Arabic; Polemos reads English only: skipped",
                                     "polemos: E125 tr.txt: Turkish; Polemos reads English only: skipped",
                                     "polemos: E128 0 articles read, 2 skipped as not English (ar 1, tr 1)"]


def test_ingest_of_a_mixed_folder_counts_and_stores_the_skipped_articles(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    ar, tr = (DATA / "ar.txt").read_text("utf-8"), (DATA / "tr.txt").read_text("utf-8")
    for i in range(3):
        (folder / f"ar{i}.txt").write_text(ar.replace("الأحد", ["الأحد", "السبت", "الاثنين"][i]), "utf-8")
    for i in range(2):
        (folder / f"tr{i}.txt").write_text(tr.replace("Pazar", ["Pazar", "Cumartesi"][i]), "utf-8")
    (folder / "en.txt").write_text(EN, "utf-8")
    db = str(tmp_path / "m.duckdb")
    r = run("ingest", str(folder), "--db", db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "1 articles read, 5 skipped as not English (ar 3, tr 2)"
    assert r.stderr.count("Polemos reads English only: skipped") == 5
    s = run("stats", "--db", db)
    assert "5 of the articles are not in English, kept unread (ar 3, tr 2)" in s.stdout
    from polemos.store import open_store

    with open_store(db, read_only=True) as store:
        assert store.summary()["articles"] == 6
        assert store.article_languages() == {"ar": 3, "tr": 2}


def test_the_http_api_says_the_language(tmp_path):
    from apisupport import make_client

    client, store, key = make_client(tmp_path)
    h = {"X-API-Key": key}
    ar = (DATA / "ar.txt").read_text("utf-8")
    r = client.post("/extract", json={"text": ar}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["events"] == [] and body["language"] == "ar"
    assert body["notice"] == "request: Arabic; Polemos reads English only: skipped"
    r = client.post("/ingest", json={"text": ar, "id": "ar-1"}, headers=h)
    assert r.status_code == 200 and r.json()["language"] == "ar" and r.json()["result"] == "added"
    assert store.get_article("ar-1").language == "ar"
    store.close()


# ---------------------------------------------------------------- size limit
def test_an_article_over_the_size_limit_is_refused_by_name(tmp_path, monkeypatch):
    p = tmp_path / "dump.txt"
    p.write_text(EN * 20, "utf-8")
    monkeypatch.setenv("POLEMOS_MAX_ARTICLE_CHARS", "1000")
    items = list(read_inputs([str(p)]))
    assert len(items) == 1 and isinstance(items[0], RecordError)
    assert items[0].message == (f"{p}: {len(EN) * 20} characters of text, over the limit of 1000 per article "
                                "(POLEMOS_MAX_ARTICLE_CHARS): skipped")
    monkeypatch.setenv("POLEMOS_MAX_ARTICLE_CHARS", "0")     # no limit
    assert isinstance(next(read_inputs([str(p)])), Article)


def test_a_batch_shard_counts_the_articles_skipped_as_not_english(tmp_path):
    import json

    from polemos.batch.shards import expand_inputs
    from polemos.batch.worker import process_shard

    shard_file = tmp_path / "b.jsonl"
    texts = [EN, (DATA / "ar.txt").read_text("utf-8"), (DATA / "tr.txt").read_text("utf-8")]
    shard_file.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    shards, problems = expand_inputs([str(shard_file)])
    assert not problems and len(shards) == 1
    res = process_shard(shards[0], str(tmp_path / "out"))
    assert res.ok and res.articles == 1 and not res.record_errors
    assert res.languages == {"ar": 1, "tr": 1}
    assert res.not_english == [f"{shard_file}:2: Arabic; Polemos reads English only: skipped",
                               f"{shard_file}:3: Turkish; Polemos reads English only: skipped"]


def test_a_list_of_identical_incidents_is_merged_in_linear_work(monkeypatch):
    """The issue's run-on example repeats one clause word for word: every item is a separate
    incident that could join every earlier one (same type, no date, no place), so each mention is
    compared only with the article's latest OWN_EVENTS_SCANNED events, not all before it."""
    text = ", ".join(["Troops shelled the village and killed 3 civilians"] * 600) + "."
    art = Article(id="same", text=text)
    ev = Event(id="m", type="ASSAULT", actor1=Actor(text="Troops"), killed=Count(best=3, low=3, high=3),
               evidence=Evidence(text="Troops shelled the village and killed 3 civilians", start=0, end=50))
    mentions = keyed_mentions(art, [ev.model_copy() for _ in range(600)])
    calls = [0]
    real = index.match_score   # the merge loop scores through its candidate index

    def counting(*a, **k):
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(index, "match_score", counting)
    events = merge_articles([(article_info(art), mentions)])
    assert len(events) == 600                      # separate incidents stay separate
    assert calls[0] <= 600 * loop.OWN_EVENTS_SCANNED  # not 600 * 599 / 2
