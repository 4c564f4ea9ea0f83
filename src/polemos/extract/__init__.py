"""From parsed sentences to coded events: one small module per decision.

    triggers.py  which words state an event, of which PLOVER type and mode (lexicon in data/);
                 trigger_gates.py the cheap sentence filter, word_forms.py inflections
    actors.py    who acted on whom, coded country + sector (dictionaries in data/)
    counts.py    killed / injured / displaced / arrested as low/best/high
    dates.py     event dates resolved against the publication date, with a precision
    status.py    occurred / planned / threatened / denied / hypothetical; reported_by
    acled/       ACLED coding by the codebook (data/acled_crosswalk.yaml, data/acled/; docs/acled.md)
    pipeline.py  runs them in order over an article and writes Event records, with its parts:
      groups.py         event words of a sentence grouped into events, each with its stating verb
      event_builder.py  one group into one Event, through the event's steps: event_type.py (type,
                        status) → event_sides.py (actors) → event_place.py → event_date.py →
                        event_counts.py (counts) → event_mode.py → write_event (the record)
      participants.py   actors beyond the words' roles (recalled titles, targets in what was said)
      story.py          what earlier sentences tell later ones (country, date, people, events)
      claims.py         claims of responsibility give earlier attacks their perpetrator
      event_counts.py   which event keeps each count; later and headline tolls
"""

# `polemos.extract(text, ...)` is the public function (polemos/__init__.py), but importing any
# submodule of this package rebinds the attribute `polemos.extract` to this module. Making the
# module callable keeps `polemos.extract(...)` working either way.
import sys as _sys
import types as _types


class _CallableModule(_types.ModuleType):
    def __call__(self, *args, **kwargs):
        # imported here: polemos.api_python imports this package (a cycle at import time)
        from polemos.api_python import extract  # noqa: PLC0415

        return extract(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
