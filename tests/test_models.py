from polemos.models import Event


def test_event_json_has_contract_fields():
    e = Event(id="x", type="ASSAULT", evidence={"text": "t", "start": 0, "end": 1})
    d = e.model_dump()
    for k in ("id", "document_id", "type", "mode", "status", "actor1", "actor2", "date", "date_end",
              "date_precision", "location", "killed", "injured", "displaced", "arrested", "evidence"):
        assert k in d
