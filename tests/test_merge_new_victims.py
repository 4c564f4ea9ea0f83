"""One story telling two deaths, each victim introduced as new ("a man ... later, a man ..."), keeps
two events; a death told again with a definite noun or a pronoun stays one (merge/cluster.py)."""
from __future__ import annotations

import polemos
from polemos.models import Article

PUBLISHED = "2022-03-14"


def events(text: str) -> list:
    article = Article(id="story", text=text, published=PUBLISHED)
    return polemos.merge_article(article, polemos.extract(text, published=PUBLISHED, document_id="story"))


def killed(text: str) -> list[int | None]:
    return sorted(e.killed.best for e in events(text) if e.type == "ASSAULT" and e.killed)


def test_two_victims_introduced_as_new_are_two_killings():
    assert killed("In one incident, a man was killed in the market area of Belfast. Later, a man was shot "
                  "dead when he answered a knock at his door in Belfast.") == [1, 1]
    assert killed("A soldier was killed by a roadside bomb in Kandahar. Another soldier was shot dead "
                  "by gunmen in Kandahar.") == [1, 1]
    assert killed("A policeman was shot dead in Karachi. In another attack, a policeman was killed by "
                  "gunmen in Karachi.") == [1, 1]


def test_a_victim_told_again_definitely_is_one_killing():
    assert killed("A shopkeeper was shot dead in Lagos, police said. The shopkeeper was killed by two "
                  "gunmen on a motorbike in Lagos.") == [1]
    assert killed("A journalist was killed in Mosul. Gunmen killed him outside his office in Mosul, "
                  "colleagues said.") == [1]
