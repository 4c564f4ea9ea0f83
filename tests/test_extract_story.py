"""Rules across the sentences and events of one story: the story's time frame carries to sentences
that state no date, and a sentence's counts stay with the event they describe."""
from __future__ import annotations

from polemos.api_python import extract


def _by_type(text: str, published: str = "2023-06-01") -> dict[str, list]:
    out: dict[str, list] = {}
    for e in extract(text, published=published):
        out.setdefault(e.type, []).append(e)
    return out


def test_undated_sentence_takes_the_story_time_frame() -> None:
    evs = _by_type("On Sunday, government warplanes struck the market in Atarib. "
                   "Rebel fighters have been shelling villages nearby.", published="2023-06-01")
    dates = sorted(e.date for e in evs["ASSAULT"])
    assert dates == ["2023-05-28", "2023-05-28"]


def test_background_year_does_not_move_the_time_frame() -> None:
    text = ("On Sunday, soldiers clashed with rebels near Goma. In 2012, the rebels had seized the city. "
            "The army has been shelling rebel positions.")
    evs = extract(text, published="2023-06-01")
    last = [e for e in evs if "shelling" in e.trigger]
    assert last and last[0].date == "2023-05-28"


def test_arrests_belong_to_the_arrest_not_to_the_demand() -> None:
    evs = _by_type("Police arrested 150 protesters in Nairobi on Tuesday, and opposition leaders "
                   "demanded their release.")
    assert evs["COERCE"][0].arrested.best == 150
    assert all(e.arrested is None for e in evs["REQUEST"])


def test_a_demand_about_detainees_counts_no_arrests() -> None:
    evs = extract("Opposition leaders demanded the release of 150 activists arrested last week.",
                  published="2023-06-01")
    assert all(e.arrested is None for e in evs if e.type != "COERCE")


def test_the_dead_belong_to_the_attack_not_to_the_threat() -> None:
    evs = _by_type("Warplanes bombed the town on Sunday, killing 12 civilians, and the government "
                   "threatened to retaliate.")
    assert evs["ASSAULT"][0].killed.best == 12
    assert all(e.killed is None for e in evs["THREATEN"])


def test_a_toll_with_no_verb_of_its_own_goes_to_the_attack() -> None:
    evs = _by_type("The death toll from Sunday's airstrikes on Idlib has risen to 26, "
                   "a monitoring group said.")
    assert evs["ASSAULT"][0].killed.best == 26
