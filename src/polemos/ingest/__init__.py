"""Reading articles from files, JSON Lines, HTML, feeds and URLs, and cleaning their text.

    for item in read_inputs(["a.txt", "b.jsonl"], published=date):
        if isinstance(item, RecordError): report and go on
        else: item is an Article (Article.text exactly as given)

    cleaned = clean_text(article.text)   # CleanText: .text without boilerplate, .to_original(i)
"""
from __future__ import annotations

from polemos.ingest.clean import CleanText, clean_text
from polemos.ingest.readers import NotEnglish, RecordError, read_inputs

__all__ = ["CleanText", "clean_text", "NotEnglish", "RecordError", "read_inputs"]
