"""Ingest: cleaning with an offset map, and the readers per format, on real files in tmp_path."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from polemos.ingest import RecordError, clean_text, read_inputs
from polemos.ingest.language import ENGLISH_SHARE, detect_language, english_share

EN = ("Artillery shells struck a crowded market in the city of Kharkiv on Sunday, killing eleven civilians "
      "and wounding over a dozen people, the regional governor said. Rescue workers were still searching "
      "the rubble on Monday.")
FR = ("Des obus d'artillerie ont frappé un marché bondé de la ville dimanche, tuant onze civils et blessant "
      "plus d'une douzaine de personnes, a déclaré le gouverneur régional. Les secouristes fouillaient encore "
      "les décombres lundi.")


def read(*inputs, published=None):
    return list(read_inputs([str(i) for i in inputs], published=published))


def only_errors(items):
    return [i.message for i in items if isinstance(i, RecordError)]


# ---------------------------------------------------------------- cleaning


def assert_offsets_map_back(original: str, cleaned) -> None:
    assert len(cleaned.offsets) == len(cleaned.text) + 1
    for i, ch in enumerate(cleaned.text):
        if ch not in " \n":
            assert original[cleaned.to_original(i)] == ch


def test_repeated_headline_and_boilerplate_lines_go():
    head = "Shelling of market kills 11, officials say"
    original = (f"{head}\n\n{head}\n\n{head}\n\nShare this article\n\n{EN}\n\nAdvertisement\n\n"
                f"Police  detained\u00a0two men.\n")
    c = clean_text(original)
    assert c.text.count(head) == 1
    assert "Share this article" not in c.text and "Advertisement" not in c.text
    assert c.text.startswith(head + "\n\n")
    assert "Police detained two men." in c.text          # runs of spaces and NBSP normalised
    assert_offsets_map_back(original, c)


def test_evidence_span_maps_back_to_the_original():
    original = f"Headline\n\nHeadline\n\nAdvertisement\n\n{EN}"
    c = clean_text(original)
    start = c.text.index("killing eleven civilians")
    end = start + len("killing eleven civilians")
    o_start, o_end = c.span_to_original(start, end)
    assert original[o_start:o_end] == "killing eleven civilians"


def test_repeated_long_lines_later_in_the_text_go_but_short_ones_stay():
    quote = "Read the full statement from the ministry of defence here"
    original = f"Title\n\nFirst paragraph.\n\n{quote}\n\nSecond.\n\n{quote}\n\n—\n\nThird.\n\n—"
    c = clean_text(original)
    assert c.text.count(quote) == 1 and c.text.count("—") == 2


def test_clean_text_of_plain_text_changes_nothing_but_whitespace():
    c = clean_text("  One line.\n\n\n\nTwo lines.  ")
    assert c.text == "One line.\n\nTwo lines."
    assert clean_text("").text == ""


def test_reference_article_loses_its_repeated_headline(shared):
    original = (shared / "fixtures/idlib-talks-2020-02-10/article.txt").read_text(encoding="utf-8")
    c = clean_text(original)
    assert c.text.count("No consensus with Russian delegation on Idlib yet") == 1
    assert_offsets_map_back(original, c)


# ---------------------------------------------------------------- readers


def test_plain_text_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    [art] = read(p, published=dt.date(2024, 3, 12))
    assert art.text == EN and art.published == dt.date(2024, 3, 12) and art.language == "en"
    assert art.title is None                             # one paragraph: no headline
    h = tmp_path / "h.txt"
    h.write_text(f"Market shelled in Kharkiv\n\n{EN}", encoding="utf-8")
    assert read(h)[0].title == "Market shelled in Kharkiv"
    # a file's id comes from its path: stable across edits (an edited file replaces its earlier
    # version in the store), different for another file with the same text
    p.write_text(EN + " More on this later.", encoding="utf-8")
    assert read(p)[0].id == art.id
    q = tmp_path / "b.txt"
    q.write_text(EN, encoding="utf-8")
    assert read(q)[0].id != art.id


def test_html_page_gives_main_text_title_and_date(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(f"""<!DOCTYPE html><html><head><title>Market shelled | Example</title>
      <meta property="og:title" content="Market shelled">
      <meta property="article:published_time" content="2024-03-11T09:00:00Z"></head>
      <body><nav>Home | World | Share this article</nav>
      <article><h1>Market shelled</h1><p>{EN}</p></article><footer>Copyright Example</footer></body></html>""",
                 encoding="utf-8")
    [art] = read(p, published=dt.date(1999, 1, 1))
    assert art.title == "Market shelled"
    assert art.published == dt.date(2024, 3, 11)         # the page's own date wins
    assert "killing eleven civilians" in art.text and "Home | World" not in art.text


def test_jsonl_batch_reports_bad_lines_and_keeps_the_rest(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T", "text": EN, "published": "2024-03-12", "url": "https://x.org/1",
                    "source": "Wire"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text"}),
        "",
        json.dumps({"id": "a5", "text": EN, "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": EN + " More."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(p, published=dt.date(2000, 1, 1))
    arts = [i for i in items if not isinstance(i, RecordError)]
    errs = only_errors(items)
    assert [a.id for a in arts][0] == "a1" and len(arts) == 2
    assert arts[0].published == dt.date(2024, 3, 12) and arts[0].url == "https://x.org/1" and arts[0].source == "Wire"
    assert arts[1].published == dt.date(2000, 1, 1)     # no date of its own: the fallback
    assert len(arts[1].id) == 16                         # no id given: a content hash
    assert errs[0].startswith(f"{p}:2: malformed JSON")
    assert errs[1] == f"{p}:3: record has no 'text'"
    assert errs[2].startswith(f"{p}:5: 'published' 'yesterday' is not a date")
    assert errs[3].startswith(f"{p}:6:")


def test_feed_file_entries_are_articles_offline(tmp_path):
    p = tmp_path / "feed.xml"
    p.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>Market shelled</title><link>http://127.0.0.1:9/never-fetched</link><guid>g1</guid>
        <pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>{EN}</p>]]></description></item>
      <item><title>Empty</title><guid>g2</guid></item>
    </channel></rss>""", encoding="utf-8")
    items = read(p)
    [art] = [i for i in items if not isinstance(i, RecordError)]
    assert art.title == "Market shelled" and art.published == dt.date(2024, 3, 12)
    assert "killing eleven civilians" in art.text and art.source == "Wire"
    assert "has no text" in only_errors(items)[0]


def test_directories_and_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(EN + " Again.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    assert len(read(tmp_path)) == 2                       # recursive, README left out
    assert len(read(tmp_path / "*.txt")) == 1
    assert only_errors(read(tmp_path / "*.nothing")) == [f"{tmp_path / '*.nothing'}: no file matches this pattern"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no article files" in only_errors(read(empty))[0]


@pytest.mark.parametrize("content, message", [
    (None, "{p}: no such file"),
    (b"", "{p}: file is empty"),
    (b"  \n\n ", "{p}: file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{p}: not a text file (binary content)"),
    ("café au lait, a long enough line".encode("latin-1"), "{p}: not UTF-8 text (byte 3 cannot be decoded)"),
    (FR.encode("utf-8"), "{p}: French; Polemos reads English only: skipped"),
])
def test_bad_files_are_one_clear_error(tmp_path, content, message):
    p = tmp_path / "in.txt"
    if content is not None:
        p.write_bytes(content)
    items = read(p)
    assert len(items) == 1 and isinstance(items[0], RecordError)
    assert items[0].message == message.format(p=p)


def test_a_non_english_record_in_a_batch_is_skipped(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"id": "fr", "text": FR}) + "\n" + json.dumps({"id": "en", "text": EN}) + "\n",
                 encoding="utf-8")
    items = read(p)
    assert only_errors(items) == [f"{p}:1: French; Polemos reads English only: skipped"]
    assert [i.id for i in items if not isinstance(i, RecordError)] == ["en"]


def test_language_detection_is_deterministic_and_waits_for_enough_text():
    assert {detect_language(EN) for _ in range(5)} == {"en"}
    assert detect_language("Kharkiv: 11 killed") is None
    assert detect_language(FR) == "fr"


@pytest.mark.parametrize("text,lang", [
    ("Die Regierung hat am Dienstag mitgeteilt, dass die Streitkräfte Stellungen der Rebellen im Norden "
     "des Landes angegriffen haben, wobei mindestens zwölf Kämpfer getötet wurden.", "de"),
    ("De regering heeft dinsdag bekendgemaakt dat de strijdkrachten posities van de rebellen in het noorden "
     "van het land hebben aangevallen, waarbij ten minste twaalf strijders om het leven kwamen.", "nl"),
    ("El gobierno anunció el martes que las fuerzas armadas habían atacado posiciones rebeldes en el norte "
     "del país, matando al menos a doce combatientes, según un comunicado oficial.", "es"),
])
def test_english_shortcut_never_passes_other_latin_script_languages(text, lang):
    # the function-word shortcut (no langdetect) must leave these to langdetect, which rejects them
    assert english_share(text) < ENGLISH_SHARE
    assert detect_language(text) == lang


def test_english_news_takes_the_shortcut():
    assert english_share(EN) >= ENGLISH_SHARE
    assert detect_language(EN) == "en"


def test_json_array_and_gzipped_jsonl(tmp_path):
    import gzip

    recs = [{"id": "j1", "text": EN, "published": "2024-03-12"}, {"id": "j2", "title": "no text"}]
    (tmp_path / "batch.json").write_text(json.dumps(recs), encoding="utf-8")
    items = read(tmp_path / "batch.json")
    assert [i.id for i in items if not isinstance(i, RecordError)] == ["j1"]
    assert only_errors(items) == [f"{tmp_path / 'batch.json'}:2: record has no 'text'"]
    gz = tmp_path / "batch.jsonl.gz"
    gz.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in recs).encode("utf-8")))
    items = read(gz)
    assert [i.id for i in items if not isinstance(i, RecordError)] == ["j1"]
    assert only_errors(items) == [f"{gz}:2: record has no 'text'"]


def test_boilerplate_list_loads_and_matches_whole_lines_only():
    from polemos.ingest.clean import boilerplate_patterns

    pats = boilerplate_patterns()
    assert any(p.fullmatch("share this article") for p in pats)
    # a sentence that merely contains a boilerplate phrase is prose and stays
    c = clean_text("Officials urged people to share this article's warning about the floods.")
    assert "share this article" in c.text


def test_html_entities_left_by_scrapers_are_decoded_and_map_back():
    original = "Tom &amp; Jerry&#8217;s war&nbsp;&nbsp;ended. R&D; AT&T stays."
    c = clean_text(original)
    assert c.text == "Tom & Jerry’s war ended. R&D; AT&T stays."
    s = c.text.index("Jerry’s")
    o_start, o_end = c.span_to_original(s, s + len("Jerry’s"))
    assert original[o_start:o_end] == "Jerry&#8217;s"
