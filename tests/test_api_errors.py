"""Polemos's own errors reach an API client as one JSON line with the status their class calls
for: a bad request 422, a store that cannot answer 503, anything else of ours 500."""
from __future__ import annotations

import pytest

from apisupport import make_client
from polemos.errors import InputError, PolemosError, StoreError


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    client, store, _ = make_client(tmp_path_factory.mktemp("api-errors"))
    raise_for = {"input": InputError, "store": StoreError, "polemos": PolemosError}

    # A route that fails the way a store or parser call inside a real route does.
    @client.app.get("/fail/{kind}")
    def fail(kind: str) -> None:
        raise raise_for[kind](f"{kind}: went wrong")

    yield client
    store.close()


@pytest.mark.parametrize("kind, status", [("input", 422), ("store", 503), ("polemos", 500)])
def test_own_errors_answer_one_line_with_their_status(client, kind: str, status: int) -> None:
    r = client.get(f"/fail/{kind}")
    assert r.status_code == status
    assert r.json() == {"error": f"{kind}: went wrong"}


def test_a_bad_parameter_is_a_422_naming_it(client) -> None:
    r = client.get("/events", params={"format": "xml"})   # the route raises filters.BadParam
    assert r.status_code == 422 and r.json()["error"].startswith("format 'xml'")
