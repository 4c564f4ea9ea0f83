"""CLI commands of the geo stage: `polemos gazetteer build|download|info`, `polemos geoparse`,
and `polemos eval geoparse|event-location` (registered on the eval sub-app)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from polemos import errors
from polemos.cli import app
from polemos.cli.eval_cmd import eval_app
from polemos.errors import InputError
from polemos.eval.common import evaldata_dir
from polemos.geo.build import build_index
from polemos.geo.download import download
from polemos.geo.gazetteer import Gazetteer, default_cache_dir, user_index_path

gazetteer_app = typer.Typer(no_args_is_help=True, help="Build or download the GeoNames gazetteer index.")
app.add_typer(gazetteer_app, name="gazetteer")

INDEX = typer.Option(None, "--index", help="Gazetteer index file (default: $POLEMOS_GAZETTEER, "
                     "else the one `polemos gazetteer build` made, else the bundled default)")


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@gazetteer_app.command("build")
def build_cmd(
    files: list[Path] = typer.Argument(..., help="GeoNames dump files: cities500.zip (or cities1000/5000/"
                                       "15000), allCountries.zip or country zips (SY.zip), admin1CodesASCII.txt, "
                                       "admin2Codes.txt, countryInfo.txt, alternateNamesV2.zip"),
    out: Path = typer.Option(None, "--out", help="Index file to write (default: the user index that "
                             "`polemos geoparse` and `polemos extract` use)"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Build the gazetteer index from GeoNames dumps (the old index stays until the new one is complete)."""
    stats = build_index(files, out or user_index_path(), progress=None if quiet else _say)
    print(f"built {stats['path']}: {stats['places']:,} places, {stats['bytes'] / 1e6:.1f} MB, "
          f"{stats['seconds']} s")


@gazetteer_app.command("download")
def download_cmd(
    codes: list[str] = typer.Argument(None, help="Country codes (SY TR ...), 'all' (allCountries, 400 MB), "
                                      "or a cities file (cities500, the default)"),
    url: str = typer.Option(None, "--url", help="Base URL of the dump server (default: $POLEMOS_GEONAMES_URL "
                            "or https://download.geonames.org/export/dump/)"),
    folder: Path = typer.Option(None, "--dir", help="Where to keep the downloaded files "
                                "(default: the cache directory)"),
    out: Path = typer.Option(None, "--out", help="Index file to build (default: the user index)"),
    no_build: bool = typer.Option(False, "--no-build", help="Only download"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Download GeoNames dumps (resumable, size-checked), then build the index from them."""
    folder = folder or default_cache_dir() / "geonames"
    paths = download(codes or ["cities500"], folder, url, progress=not quiet)
    for p in paths:
        _say(f"downloaded {p} ({p.stat().st_size:,} bytes)")
    if no_build:
        return
    stats = build_index(paths, out or user_index_path(), progress=None if quiet else _say)
    print(f"built {stats['path']}: {stats['places']:,} places, {stats['bytes'] / 1e6:.1f} MB, "
          f"{stats['seconds']} s")


@gazetteer_app.command("info")
def info_cmd(index: Path = INDEX) -> None:
    """Which index is in use and what it was built from."""
    from polemos.geo.api import resolve_index_path  # noqa: PLC0415 (start-up cost: spaCy)

    path = resolve_index_path(index)
    g = Gazetteer(path)
    n = g.db.execute("SELECT count(*) FROM places").fetchone()[0]
    print(json.dumps({"path": str(path), "places": n, **g.meta}, ensure_ascii=False))


@app.command()
def geoparse(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories or - for stdin"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one toponym per line) or table"),
    index: Path = INDEX,
) -> None:
    """Place names in articles, resolved to GeoNames: offsets refer to the text as given."""
    from polemos.geo.api import get_geocoder, resolve_index_path  # noqa: PLC0415 (start-up cost: spaCy)
    from polemos.ingest import RecordError, clean_text, read_inputs  # noqa: PLC0415
    from polemos.nlp import parse_texts  # noqa: PLC0415

    if fmt not in ("jsonl", "table"):
        raise InputError(errors.BAD_FORMAT.format(value=fmt, choices="jsonl, table"))
    geo = get_geocoder(str(resolve_index_path(index)))
    read = bad = 0
    for item in read_inputs(inputs):
        if isinstance(item, RecordError):
            bad += 1
            print(f"polemos: {item.message}", file=sys.stderr, flush=True)
            continue
        read += 1
        cleaned = clean_text(item.text)
        parsed = parse_texts([cleaned.text], lambda s: True)[0]
        for t in geo.toponyms(parsed):
            p = t.place
            start, end = cleaned.to_original(t.start), cleaned.to_original(t.end)
            row: dict[str, Any] = {"document_id": item.id, "text": item.text[start:end], "start": start, "end": end,
                   "name": p.name if p else None, "geonameid": p.geonameid if p else None,
                   "lat": p.lat if p else None, "lon": p.lon if p else None,
                   "country": p.country if p else None, "admin1": p.admin1 if p else None,
                   "feature_code": p.feature_code if p else None, "precision": p.precision if p else None}
            if fmt == "jsonl":
                print(json.dumps(row, ensure_ascii=False))
            else:
                where = f"{row['lat']:.4f},{row['lon']:.4f}" if p else "-"
                print(f"{start:>6}-{end:<6} {row['text'][:30]:30} {str(row['name'])[:30]:30} "
                      f"{row['country'] or '-':4} {row['feature_code'] or '-':6} {row['precision'] or '-':8} {where}")
    if read == 0:
        raise InputError(errors.FILE_MISSING.format(path=" ".join(inputs)) if bad == 0 else
                         f"no input could be read ({bad} error(s) above)")


def _metrics_out(m: dict, as_json: bool, title: str) -> None:
    m = {k: v for k, v in m.items() if k != "examples"}
    if as_json:
        print(json.dumps(m, ensure_ascii=False))
        return
    print(title)
    for k, v in m.items():
        print(f"  {k}: {v}")


@eval_app.command("geoparse")
def eval_geoparse_cmd(
    corpora: list[Path] = typer.Argument(None, help="Corpora in the format of ../shared/evaldata/"
                                         "geoparsing_gritta_corpora/*.jsonl (default: its TR-News and GeoWebNews)"),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object"),
    limit: int = typer.Option(None, "--limit", help="Score only the first N articles of each corpus"),
    sample: int = typer.Option(None, "--sample", help="Accepted for the report harness; same as --limit"),
    index: Path = INDEX,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar"),
    data: str = typer.Option(None, "--data", help="Folder of the public sets (default: $POLEMOS_EVALDATA "
                             "or ../shared/evaldata)"),
) -> None:
    """Geocoding accuracy: end to end (found and placed within 161 km) and resolution only
    (gold spans given), with median/mean error, exact GeoNames id, recognition P/R."""
    from polemos.eval.geoparse import score_corpus  # noqa: PLC0415 (start-up cost: spaCy)
    from polemos.geo.api import resolve_index_path  # noqa: PLC0415

    for name, v in (("limit", limit), ("sample", sample)):
        if v is not None and v < 1:
            raise InputError(errors.EVAL_BAD_COUNT.format(option=name, value=v))
    n = limit or sample
    idx = resolve_index_path(index)
    if corpora:
        results = {c.stem: score_corpus(c, idx, n, progress=not quiet) for c in corpora}
    else:
        d = evaldata_dir(data) / "geoparsing_gritta_corpora"
        results = {c: score_corpus(d / f"{c}.jsonl", idx, n, progress=not quiet) for c in ("TR-News", "GeoWebNews")}
    if len(results) == 1:
        _metrics_out(next(iter(results.values())), as_json, "geoparse")
    elif as_json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for name, m in results.items():
            _metrics_out(m, False, f"geoparse {name}")


@eval_app.command("event-location")
def eval_event_location_cmd(
    file: Path = typer.Argument(None, help="Halterman event-location JSON Lines (default: ../shared/"
                                "evaldata/halterman_event_location/labeled_text.jsonl)"),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object"),
    limit: int = typer.Option(None, "--limit", help="Score only the first N sentences"),
    sample: int = typer.Option(None, "--sample", help="Score N sentences drawn with a fixed seed"),
    index: Path = INDEX,
    examples: int = typer.Option(0, "--examples", help="Also show up to N wrong attachments"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar"),
    data: str = typer.Option(None, "--data", help="Folder of the public sets"),
) -> None:
    """Event-to-place linking: is the place name the annotator tied to the event verb the one Polemos attaches?"""
    from polemos.eval.event_location import score_file  # noqa: PLC0415 (start-up cost: spaCy)
    from polemos.geo.api import resolve_index_path  # noqa: PLC0415

    for name, v in (("limit", limit), ("sample", sample)):
        if v is not None and v < 1:
            raise InputError(errors.EVAL_BAD_COUNT.format(option=name, value=v))
    path = file or evaldata_dir(data) / "halterman_event_location" / "labeled_text.jsonl"
    m = score_file(path, resolve_index_path(index), limit, sample, progress=not quiet)
    wrong = m.get("examples", {}).get("wrong", [])[:examples]
    _metrics_out(m, as_json, "event-location")
    for w in wrong:
        print(f"  [wrong] {json.dumps(w, ensure_ascii=False)}")


@gazetteer_app.command("train-ranker", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train_ranker_cmd(ctx: typer.Context) -> None:
    """Train the candidate ranker on TR-News and GeoWebNews (options: python -m polemos.eval.geo_ranker -h)."""
    from polemos.eval.geo_ranker import main  # noqa: PLC0415 (start-up cost: spaCy, scikit-learn)

    main(list(ctx.args))
