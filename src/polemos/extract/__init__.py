"""From parsed sentences to coded events: one small module per decision.

    triggers.py  which words state an event, of which PLOVER type and mode (lexicon in data/)
    actors.py    who acted on whom, coded country + sector (dictionaries in data/)
    counts.py    killed / injured / displaced / arrested as low/best/high
    dates.py     event dates resolved against the publication date, with a precision
    status.py    occurred / planned / threatened / denied / hypothetical; reported_by
    acled.py     the ACLED event/sub-event type crosswalk (data/acled_crosswalk.yaml)
    pipeline.py  runs them in order over an article and writes Event records
"""
