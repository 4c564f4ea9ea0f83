"""Page furniture in long articles (issue 12, session 7): lists of links to other stories under a
"Related" / "Top stories" / "Most read" line are not the story's sentences. Our own test texts."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.ingest.clean import clean_text

STORY = ("KABUL — A roadside bomb struck a minibus carrying teachers in Ghazni province on Tuesday, "
         "killing six of them, police said.\n\n")
AFTER = "\n\nThe governor said the road would stay closed until Thursday."


@pytest.mark.parametrize("block", [
    "Related:\n- Gunmen shoot dead three guards at a bank in Herat\n- Taliban say 25 fighters killed in week of raids",
    "RELATED STORIES\n\u203a Militants storm a checkpoint in Zabul, killing four\n\u203a Opinion: Why the war goes on",
    "Most read\n1. Suicide bomber kills 11 at a wedding in Nangarhar\n2. Floods sweep away villages in the north\n"
    "3. Police arrest 40 in a drugs raid",
    "More on this story:\n\u2022 Dozens detained after clashes at a university in Kabul",
    "You may also like\nArmy retakes district centre after two days of fighting\nDrone strike kills commander in Kunar",
    "TOP STORIES\n> Pakistan closes border crossing after shelling\n\n> Protesters torch a police post in Kandahar",
    "See also: Gunmen kidnap five engineers in Kunduz | Bomb wounds 9 in Jalalabad",
])
def test_lists_of_other_stories_go_and_found_no_event(block: str) -> None:
    text = STORY + block + AFTER
    cleaned = clean_text(text).text
    assert "Ghazni" in cleaned and "road would stay closed" in cleaned
    for headline_word in ("Herat", "Zabul", "Nangarhar", "university", "district centre", "Kandahar", "Kunduz"):
        if headline_word in block:
            assert headline_word not in cleaned
    events = extract(text, "2026-01-14")
    assert [e.type for e in events] == ["ASSAULT"]          # only the story's own bombing


def test_prose_after_a_related_line_is_kept() -> None:
    # no list under the line: the next line is a sentence of the story, and it stays
    text = ("Related:\nSoldiers shot dead two smugglers near the border on Sunday, the army said.\n"
            "Related to the case, police arrested a customs officer in Peshawar on Monday.")
    cleaned = clean_text(text).text
    assert cleaned.startswith("Soldiers shot dead") and "arrested a customs officer" in cleaned


def test_a_sentence_that_begins_like_a_list_line_is_prose() -> None:
    text = ("Top stories of the week were dominated by the strike.\n"
            "- Police fired tear gas at strikers in Lagos on Monday, witnesses said.")
    cleaned = clean_text(text).text
    assert "Top stories of the week" in cleaned and "tear gas" in cleaned


def test_offsets_still_map_back_after_a_list_goes() -> None:
    text = STORY + "Trending now\n\u2022 Quake kills 30 in the west\n\u2022 Bus crash in the south" + AFTER
    ct = clean_text(text)
    i = ct.text.index("The governor")
    start, end = ct.span_to_original(i, i + len("The governor"))
    assert text[start:end] == "The governor"
