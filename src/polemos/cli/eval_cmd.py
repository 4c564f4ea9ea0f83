"""`polemos eval ...`: score Polemos against annotated data. Each kind of gold data is one
subcommand; other stages may register theirs on `eval_app` (e.g. `eval geoparse` in geo_cmd)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from polemos import errors
from polemos.cli import app
from polemos.errors import InputError

eval_app = typer.Typer(no_args_is_help=True, help="Score Polemos against annotated data.")
app.add_typer(eval_app, name="eval")

LIMIT = typer.Option(None, "--limit", help="Score only the first N records (after --sample)")
SAMPLE = typer.Option(None, "--sample", help="Score N records drawn at random with a fixed seed")
JSON = typer.Option(False, "--json", help="Print the metrics as one JSON object")
DATA = typer.Option(None, "--data", help="Folder of the public sets (default: $POLEMOS_EVALDATA or ../shared/evaldata)")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar")
EXAMPLES = typer.Option(0, "--examples", help="Also show up to N failure examples per kind")


def _check(limit: int | None, sample: int | None) -> None:

    for name, v in (("limit", limit), ("sample", sample)):
        if v is not None and v < 1:
            raise InputError(errors.EVAL_BAD_COUNT.format(option=name, value=v))


def _print(metrics: dict, as_json: bool, examples: int, title: str) -> None:
    ex = metrics.pop("examples", {})
    if examples:
        metrics["examples"] = {k: v[:examples] for k, v in ex.items()}
    if as_json:
        print(json.dumps(metrics, ensure_ascii=False, sort_keys=False))
        return
    print(title)
    for k, v in metrics.items():
        if k == "examples":
            continue
        if isinstance(v, float):
            v = f"{v:.3f}"
        elif isinstance(v, (dict, list)):
            v = json.dumps(v, ensure_ascii=False)
        print(f"  {k}: {v}")
    for kind, rows in (metrics.get("examples") or {}).items():
        for row in rows:
            print(f"  [{kind}] {json.dumps(row, ensure_ascii=False)}")


@eval_app.command("events")
def events_cmd(
    folder: Path = typer.Argument(..., help="Folder of article folders (article.txt, meta.json, gold.json)"),
    limit: int = LIMIT, sample: int = SAMPLE, as_json: bool = JSON, quiet: bool = QUIET, examples: int = EXAMPLES,
    save_preds: Path = typer.Option(None, "--save-preds", help="Also write DIR/<document>.jsonl per article "
                                    "(what ../shared/tools/score_events.py --dir reads)"),
) -> None:
    """Event recall, precision, F1 and per-field accuracy on gold fixtures (as ../shared/fixtures)."""
    from polemos.eval import events, fixtures  # noqa: PLC0415  (start-up cost: the evaluation sets)
    from polemos.eval.common import select  # noqa: PLC0415  (start-up cost: the evaluation sets)

    _check(limit, sample)
    recs = select(fixtures.load(folder), limit=limit, sample=sample)
    run = fixtures.run(recs, progress=not quiet)   # merged events, as `polemos extract` prints
    if save_preds:
        save_preds.mkdir(parents=True, exist_ok=True)
        for r, preds in zip(run.records, run.preds):
            (save_preds / f"{r.gold['document']}.jsonl").write_text(
                "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    m = fixtures.score(run)
    if as_json or examples:
        _print(m, as_json, examples, f"{folder}: {m['n']} articles")
    else:
        print(events.text_report(m))


def _set_command(name: str) -> None:
    from polemos.eval.sets import SETS  # noqa: PLC0415  (start-up cost: the evaluation sets)

    s = SETS[name]

    def cmd(limit: int = LIMIT, sample: int = SAMPLE, as_json: bool = JSON, data: Path = DATA,
            quiet: bool = QUIET, examples: int = EXAMPLES,
            truecase: bool = typer.Option(False, "--truecase", hidden=name != "muc4",
                                          help="MUC-4 only: lower-case the upper-case text first"),
            save_preds: Path = typer.Option(None, "--save-preds",
                                            help="Also write FILE.jsonl: {id, text, events} per record")) -> None:
        from polemos.eval.common import evaldata_dir, run_extractor, select  # noqa: PLC0415  (start-up cost: the evaluation sets)

        _check(limit, sample)
        kw = {"truecase_text": True} if truecase and name == "muc4" else {}
        recs = select(s.load(evaldata_dir(data), **kw), limit=limit, sample=sample)
        run = run_extractor(recs, progress=not quiet, desc=name)
        if save_preds:
            with save_preds.open("w", encoding="utf-8") as f:
                for r, preds in zip(run.records, run.preds):
                    f.write(json.dumps({"id": r.id, "text": r.text, "events": preds}, ensure_ascii=False) + "\n")
        m = s.score(run)
        m["extractor_errors"] = len(run.errors)
        m["seconds"] = round(run.seconds, 1)
        _print(m, as_json, examples, f"{s.title}: {m['n']} records")

    cmd.__doc__ = f"Score on {s.title}."
    eval_app.command(name)(cmd)


for _name in ("plover", "petrarch", "wikipedia", "ucdp", "muc4", "wikievents"):
    _set_command(_name)


@eval_app.command("dedup")
def dedup_cmd(limit: int = LIMIT, as_json: bool = JSON, data: Path = DATA, quiet: bool = QUIET) -> None:
    """Merge check on UCDP's sample: every cited headline fed as its own article, all merged;
    events per real event and the share of wrongly merged pairs (docs/evaluation.md)."""
    from polemos.eval import dedup  # noqa: PLC0415  (the extractor loads only for the command run)
    from polemos.eval.common import evaldata_dir  # noqa: PLC0415

    _check(limit, None)
    m = dedup.run(evaldata_dir(data) / dedup.FOLDER, limit=limit, progress=not quiet)
    _print(m, as_json, 0, "UCDP GED sample: deduplication across headlines")


@eval_app.command("acled")
def acled_cmd(
    data: Path = DATA, as_json: bool = JSON, quiet: bool = QUIET, examples: int = EXAMPLES,
    sample: int = typer.Option(1000, "--sample", help="Records drawn (seeded) from each protest set; 0: all"),
    sentences: Path = typer.Option(None, "--sentences", help="Codebook sentences JSONL (default: the project's)"),
) -> None:
    """ACLED sub-event typing: accuracy, balanced accuracy and weighted F1 per set and half."""
    from polemos.eval import acled  # noqa: PLC0415  (the extractor loads only for the command run)
    from polemos.eval.common import evaldata_dir  # noqa: PLC0415

    try:
        evaldata: Path | None = evaldata_dir(data)
    except Exception:  # noqa: BLE001 - the codebook sentences need no evaluation data
        evaldata = None
    res = acled.evaluate(evaldata, sample=sample or None, sentences=sentences or acled.SENTENCES, progress=not quiet)
    if as_json:
        print(json.dumps({k: {h: m for h, m in v.items() if h != "examples"} for k, v in res.items()}))
        return
    print("\n".join(acled.text_report(res)))
    for name, r in res.items():
        for row in r["examples"][:examples]:
            print(f"  [{name}] {json.dumps(row, ensure_ascii=False)}")


@eval_app.command("battle-tolls")
def battle_tolls_cmd(as_json: bool = JSON, quiet: bool = QUIET, examples: int = EXAMPLES,
                     limit: int = LIMIT) -> None:
    """Tolls of short battle reports (tests/data/battle_report_tolls.jsonl): per event, per report
    and tolls given to no event, on the dev and check halves (docs/tolls.md)."""
    from polemos.eval import battle_tolls  # noqa: PLC0415  (the extractor loads only for the command run)
    from polemos.eval.common import run_extractor, select  # noqa: PLC0415

    _check(limit, None)
    run = run_extractor(select(battle_tolls.load(), limit=limit), progress=not quiet, desc="battle-tolls")
    _print(battle_tolls.score(run), as_json, examples, "Battle-report tolls (the project's own set)")


@eval_app.command("short-places")
def short_places_cmd(as_json: bool = JSON, quiet: bool = QUIET, examples: int = EXAMPLES,
                     limit: int = LIMIT) -> None:
    """Places of short battle reports (tests/data/short_report_places.jsonl): the report's place
    within its stated precision, on the dev and check halves (docs/geo.md)."""
    from polemos.eval import short_places  # noqa: PLC0415  (the extractor loads only for the command run)
    from polemos.eval.common import run_extractor, select  # noqa: PLC0415

    _check(limit, None)
    run = run_extractor(select(short_places.load(), limit=limit), progress=not quiet, desc="short-places")
    _print(short_places.score(run), as_json, examples, "Short-report places (the project's own set)")
