"""Every user-facing message has a stable code, documented in docs/errors.md and shown to users."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

from fastapi.testclient import TestClient

from polemos import errcodes, errors
from polemos.api import Settings, create_app
from polemos.errors import InputError, Message, shown
from polemos.store import open_store

DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_every_message_has_one_code_of_its_own():
    assert errcodes.uncoded() == [], "give these a code: python -m polemos.errcodes --check"
    codes = [m.code for _, m in errcodes.coded()]
    assert all(re.fullmatch(r"E\d{3}", c) for c in codes)
    assert len(codes) == len(set(codes)) > 60


def test_the_docs_table_lists_every_code_as_errors_py_declares_it():
    doc = DOC.read_text(encoding="utf-8")
    assert errcodes.markdown() in doc, "regenerate the table: python -m polemos.errcodes"


def test_a_formatted_message_keeps_its_code_through_exceptions_and_pickling():
    msg = errors.FILE_MISSING.format(path="a.txt")
    assert msg == "a.txt: no such file" and isinstance(msg, Message) and msg.code == "E001"
    back = pickle.loads(pickle.dumps(msg))          # batch workers send messages back pickled
    assert back == msg and back.code == "E001"
    assert shown(InputError(msg)) == "E001 a.txt: no such file"
    assert shown("composed elsewhere") == "composed elsewhere"


def test_the_http_api_answers_with_the_code(tmp_path):
    with open_store(str(tmp_path / "s.duckdb")) as store:
        client = TestClient(create_app(Settings(db=str(tmp_path / "s.duckdb"), keys_file=tmp_path / "k.json"),
                                       store=store))
        r = client.get("/events/ev_0123456789abcdef")
    assert r.status_code == 404
    assert r.json() == {"error": errors.API_NOT_FOUND.format(kind="event", id="ev_0123456789abcdef"),
                        "code": errors.API_NOT_FOUND.code}
