"""The MUC-4 and PETRARCH2 sets are JSON Lines read by one reader (eval.common.read_annotated_jsonl):
a broken file is one clear error line naming the file and the line (exit 2), not a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.errors import InputError
from polemos.eval import muc4, petrarch

SETS = [(muc4, "muc4", "muc4_dev.jsonl", "templates", {"doc_id": "DEV-1", "text": "LIMA, 30 DEC 89 -- [TEXT] NOTHING."}),
        (petrarch, "petrarch", "PETR_UnitTest_records.jsonl", "expected_events",
         {"id": "A", "date": "19950101", "text": "Nothing happened."})]


def _write(folder: Path, name: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


@pytest.mark.parametrize("module, _set, name, key, rec", SETS)
def test_list_stored_as_json_text_reads_like_a_list(tmp_path: Path, module, _set, name, key, rec) -> None:
    _write(tmp_path, name, [json.dumps({**rec, key: []}), "", json.dumps({**rec, key: "[]"})])
    a, b = module.load(tmp_path)
    assert (a.id, a.text, a.gold) == (b.id, b.text, b.gold)


@pytest.mark.parametrize("module, _set, name, key, rec", SETS)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, module, _set, name, key, rec) -> None:
    good = json.dumps({**rec, key: []})
    _write(tmp_path, name, [good, '{"text": '])
    with pytest.raises(InputError, match=rf"{name}:2: malformed JSON"):
        module.load(tmp_path)
    _write(tmp_path, name, [good, good, json.dumps(rec)])
    with pytest.raises(InputError, match=rf"{name}:3: record has no 'text' or no '{key}' list"):
        module.load(tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(InputError, match=rf"{name}: no such file"):
        module.load(tmp_path)


@pytest.mark.parametrize("module, set_name, name, key, rec", SETS)
def test_cli_exits_2_with_one_line(tmp_path: Path, module, set_name, name, key, rec) -> None:
    _write(tmp_path / module.FOLDER, name, [json.dumps({**rec, key: []}), "not json"])
    r = subprocess.run([sys.executable, "-c", "from polemos.cli import main; main()", "eval", set_name,
                        "--data", str(tmp_path), "-q"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and f"{name}:2: malformed JSON" in r.stderr
