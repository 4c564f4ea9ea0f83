"""The geo commands as a user runs them: building and downloading the gazetteer (with bad files
and failed downloads), `polemos geoparse`, and the two evaluation commands."""
from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from polemos.errors import InputError
from polemos.geo.build import build_index
from polemos.geo.download import download, fetch

SMALL = ("cities15000.zip", "admin1CodesASCII.txt", "countryInfo.txt")


def polemos(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from polemos.cli import main; main()", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small_index(shared: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gaz") / "index.sqlite"
    build_index([shared / "gazetteer" / f for f in SMALL], out)
    return out


def test_build_command_and_info(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    r = polemos("gazetteer", "build", "-q", "--out", str(out), *[str(shared / "gazetteer" / f) for f in SMALL])
    assert r.returncode == 0, r.stderr
    assert "places" in r.stdout and out.is_file()
    info = json.loads(polemos("gazetteer", "info", "--index", str(out)).stdout)
    assert info["places"] > 30000 and "cities15000.zip" in info["source"]


@pytest.mark.parametrize("make_bad,needle", [
    (lambda src, d: (d / "cities15000.zip").write_bytes(src.read_bytes()[: src.stat().st_size // 2]), "corrupt or truncated"),
    (lambda src, d: (d / "cities15000.zip").write_bytes(b"<html>not found</html>"), "corrupt or truncated"),
    (lambda src, d: (d / "cities500.txt").write_text("123\tonly\tthree\n", encoding="utf-8"), "not GeoNames dump format"),
    (lambda src, d: (d / "places.csv").write_text("a,b\n", encoding="utf-8"), "not a points table"),
    (lambda src, d: (d / "places.json").write_text("{}", encoding="utf-8"), "not a file this build knows"),
])
def test_bad_dumps_fail_clearly_and_leave_the_index(shared, small_index, tmp_path, make_bad, needle) -> None:
    out = tmp_path / "index.sqlite"
    shutil.copy(small_index, out)
    before = _sha(out)
    make_bad(shared / "gazetteer" / "cities15000.zip", tmp_path)
    bad = next(p for p in tmp_path.iterdir() if p.name != "index.sqlite")
    r = polemos("gazetteer", "build", "-q", "--out", str(out), str(bad), str(shared / "gazetteer" / "countryInfo.txt"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and bad.name in lines[0]
    assert _sha(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.fixture(scope="module")
def server(shared: Path):
    """A local HTTP server serving ../shared/gazetteer, as GeoNames' export server would."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(shared / "gazetteer"))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_download_then_build(server: str, shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    r = polemos("gazetteer", "download", "cities15000", "--url", server, "--dir", str(tmp_path / "dl"),
                "--out", str(out), "-q")
    assert r.returncode == 0, r.stderr
    for name in ("cities15000.zip", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"):
        assert _sha(tmp_path / "dl" / name) == _sha(shared / "gazetteer" / name)
    assert out.is_file()


def test_download_resumes_a_partial_file(server: str, shared: Path, tmp_path: Path) -> None:
    src = shared / "gazetteer" / "cities15000.zip"
    part = tmp_path / "cities15000.zip.part"
    part.write_bytes(src.read_bytes()[:1_000_000])
    got = fetch(server + "cities15000.zip", tmp_path / "cities15000.zip", progress=False)
    assert _sha(got) == _sha(src) and not part.exists()


def test_failed_download_leaves_the_index(server: str, small_index: Path, tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    shutil.copy(small_index, out)
    before = _sha(out)
    r = polemos("gazetteer", "download", "SY", "--url", server, "--dir", str(tmp_path / "dl"), "--out", str(out), "-q")
    assert r.returncode == 2 and "SY.zip" in r.stderr and "HTTP 404" in r.stderr
    assert _sha(out) == before
    with pytest.raises(InputError, match="not a country code"):
        download(["Syria"], tmp_path)


def test_geoparse_offsets_refer_to_the_text_as_given(shared: Path, small_index: Path) -> None:
    article = shared / "fixtures" / "idlib-talks-2020-02-10" / "article.txt"
    text = article.read_text(encoding="utf-8")
    r = polemos("geoparse", str(article), "--index", str(small_index))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows
    for row in rows:
        assert set(row) >= {"text", "start", "end", "name", "geonameid", "lat", "lon", "country", "admin1",
                            "feature_code", "precision"}
        assert text[row["start"]:row["end"]] == row["text"]
    assert any(r["text"] == "Ankara" and r["country"] == "TUR" for r in rows)


def test_geoparse_missing_file(small_index: Path, tmp_path: Path) -> None:
    r = polemos("geoparse", str(tmp_path / "nope.txt"), "--index", str(small_index))
    assert r.returncode == 2 and "nope.txt" in r.stderr


def test_eval_geoparse_json(shared: Path, small_index: Path, tmp_path: Path) -> None:
    corpus = shared / "evaldata" / "geoparsing_gritta_corpora" / "TR-News.jsonl"
    r = polemos("eval", "geoparse", str(corpus), "--limit", "4", "--json", "-q", "--index", str(small_index))
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)
    for k in ("n", "accuracy_161km", "median_km", "mean_km", "exact_geonameid", "resolution_accuracy_161km",
              "resolution_median_km", "resolution_exact_geonameid", "recognition_precision", "recognition_recall"):
        assert k in m
    assert m["n"] > 0 and 0 <= m["accuracy_161km"] <= m["resolution_accuracy_161km"] + 0.2
    # a corpus without GeoNames ids: exact_geonameid is null, not 0
    one = json.loads((shared / "evaldata" / "geoparsing_gritta_corpora" / "GeoWebNews.jsonl")
                     .read_text(encoding="utf-8").splitlines()[0])
    tops = json.loads(one["toponyms"]) if isinstance(one["toponyms"], str) else one["toponyms"]
    for t in tops:
        t["geonameid"] = None
    one["toponyms"] = tops
    f = tmp_path / "noids.jsonl"
    f.write_text(json.dumps(one) + "\n", encoding="utf-8")
    m = json.loads(polemos("eval", "geoparse", str(f), "--json", "-q", "--index", str(small_index)).stdout)
    assert m["exact_geonameid"] is None and m["resolution_exact_geonameid"] is None


def test_eval_geoparse_bad_corpus(small_index: Path, tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "x"}\n', encoding="utf-8")
    r = polemos("eval", "geoparse", str(f), "--json", "--index", str(small_index))
    assert r.returncode == 2 and "bad.jsonl:1" in r.stderr


def test_eval_event_location_json(shared: Path, small_index: Path) -> None:
    r = polemos("eval", "event-location", "--limit", "40", "--json", "-q", "--index", str(small_index))
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)
    assert m["sentences"] == 40 and m["n"] > 0 and 0 <= m["accuracy"] <= 1


@pytest.mark.slow
def test_default_index_is_built_offline_on_first_use(tmp_path: Path) -> None:
    """No GeoNames files, no network: the default index comes from package data (~15 s once)."""
    env = {"POLEMOS_CACHE_DIR": str(tmp_path), "POLEMOS_GAZETTEER": ""}
    r = polemos("gazetteer", "info", env=env)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["path"].startswith(str(tmp_path)) and info["places"] > 200_000
    text = tmp_path / "a.txt"
    text.write_text("Three people were killed in an airstrike on Saraqib in Idlib province, Syria.\n", encoding="utf-8")
    rows = [json.loads(x) for x in polemos("geoparse", str(text), env=env).stdout.splitlines()]
    got = {r["text"]: r for r in rows}
    assert got["Saraqib"]["geonameid"] == 164816
    assert got["Idlib"]["feature_code"] == "ADM1"
    assert got["Syria"]["precision"] == "country"
