"""`polemos review ...`: the review queue and every reviewer's operation from the command line,
singly or in bulk ("every event from this source in May is a duplicate"); `polemos eval review`;
the review statistics printed by `polemos stats --review` (docs/review.md)."""
from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from polemos import errors
from polemos.api.keys import KeyStore
from polemos.api.settings import default_keys_file
from polemos.cli import app
from polemos.cli.eval_cmd import eval_app
from polemos.errors import InputError
from polemos.review.db import ReviewDB
from polemos.review.history import history
from polemos.review.ops import Reviewer
from polemos.review.queue import review_queue
from polemos.review.stats import evaluate, field_changes, type_confusion
from polemos.review.view import load
from polemos.store import EventFilter, open_store, resolve_url
from polemos.zones import queue_boost

review_app = typer.Typer(no_args_is_help=True,
                         help="Review what Polemos coded: queue, confirm, reject, edit, merge, split, move, "
                              "history, undo.")
app.add_typer(review_app, name="review")

DB_HELP = "Store: a DuckDB file or postgresql://... (default $POLEMOS_DB or ./polemos.duckdb)"
Db = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
Reason = Annotated[Optional[str], typer.Option("--reason", help="why (kept in the history)")]
Version = Annotated[Optional[int], typer.Option("--version", help="the version you reviewed (conflict if it changed)")]
By = Annotated[Optional[str], typer.Option("--by", help="your name in the trail (default: cli:$USER)")]
Key = Annotated[Optional[str], typer.Option("--key", help="an editor API key: its name goes into the trail",
                                            envvar="POLEMOS_KEY")]
KeysFile = Annotated[Optional[Path], typer.Option("--keys-file",
                                                  help="where keys are kept (default: beside the DuckDB file)")]
Ids = Annotated[Optional[list[str]], typer.Argument(help="event ids (or select them with --source/--since/--until)")]
Source = Annotated[Optional[str], typer.Option("--source", help="bulk: events reported by this outlet")]
Since = Annotated[Optional[str], typer.Option("--since", help="bulk: events on or after YYYY-MM-DD")]
Until = Annotated[Optional[str], typer.Option("--until", help="bulk: events on or before YYYY-MM-DD")]
Type = Annotated[Optional[str], typer.Option("--type", help="bulk: PLOVER type")]
Country = Annotated[Optional[str], typer.Option("--country", help="bulk: ISO-3 of the event's place")]


def _who(db: str | None, key: str | None, by: str | None, keys_file: Path | None) -> str:
    """The name written into the trail: the key's (checked: editor or admin), else --by, else cli:$USER."""
    if key:

        rec = KeyStore(keys_file or default_keys_file(resolve_url(db))).verify(key)
        if rec is None:
            raise InputError(errors.API_KEY_INVALID)
        if not rec.can("editor"):
            raise InputError(errors.REVIEW_ROLE.format(role="editor", have=rec.role))
        return rec.name
    return by or f"cli:{getpass.getuser()}"


def _day(opt: str, v: str | None) -> dt.date | None:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise InputError(errors.REVIEW_BAD_VALUE.format(name=opt, value=v,
                                                        reason="not a date (use YYYY-MM-DD)")) from None


def _select(store: Any, ids: list[str] | None, source: str | None, since: str | None, until: str | None,
            type_: str | None, country: str | None, op: str) -> list[str]:
    if ids:
        return list(ids)
    if not any((source, since, until, type_, country)):
        raise InputError(errors.REVIEW_NO_SELECTION.format(op=op))
    flt = EventFilter(since=_day("--since", since), until=_day("--until", until),
                      type=type_.upper() if type_ else None, country=country)
    evs = store.query_events(flt)
    return [e.id for e in evs if source is None or source in e.sources]


def _run(db: str | None, who: str, each: Callable[[Any, str], Any], ids: list[str], what: str) -> None:
    """Apply `each(reviewer, id)` to every id in ONE transaction: all are stored or none."""

    with open_store(db) as store:
        rv = Reviewer(store, who)
        with rv.batch():
            out = [each(rv, i) for i in ids]
    for ev in out:
        if ev is not None:
            print(f"{ev.id}\t{ev.review_status or ev.coded_by}\tversion {ev.version}")
    print(f"polemos: {len(ids)} event(s) {what} by {who}", file=sys.stderr)


@review_app.command("queue")
def queue(db: Db = None, limit: Annotated[int, typer.Option("--limit")] = 20,
          as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
          type_: Type = None, country: Country = None) -> None:
    """Events not yet reviewed, most in need of a person first (with why)."""

    with open_store(db) as store:
        items = review_queue(store, EventFilter(type=type_.upper() if type_ else None, country=country), limit,
                             boost=queue_boost(store))
    for it in items:
        e = it["event"]
        if as_json:
            print(json.dumps({"id": e.id, "score": it["score"], "reasons": it["reasons"], "type": e.type,
                              "date": e.date, "evidence": e.evidence.text, "document_id": e.document_id,
                              "evidence_start": e.evidence.start, "evidence_end": e.evidence.end}))
        else:
            print(f"{it['score']:6.2f}  {e.id}  {e.type:<9} {e.date or '?':<10}  {'; '.join(it['reasons'])}")
            print(f"        \"{e.evidence.text}\"")


@review_app.command("confirm")
def confirm(ids: Ids = None, db: Db = None, reason: Reason = None, version: Version = None, by: By = None,
            key: Key = None, keys_file: KeysFile = None, source: Source = None, since: Since = None,
            until: Until = None, type_: Type = None, country: Country = None) -> None:
    """Confirm events as coded."""
    with open_store(db) as store:
        sel = _select(store, ids, source, since, until, type_, country, "confirm")
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.confirm(i, version, reason), sel, "confirmed")


@review_app.command("reject")
def reject(ids: Ids = None,
           kind: Annotated[str, typer.Option("--as", help="not_event, duplicate or out_of_scope")] = "not_event",
           of: Annotated[Optional[str], typer.Option("--of", help="the event it duplicates")] = None,
           db: Db = None, reason: Reason = None, version: Version = None, by: By = None, key: Key = None,
           keys_file: KeysFile = None, source: Source = None, since: Since = None, until: Until = None,
           type_: Type = None, country: Country = None) -> None:
    """Reject events (not an event, a duplicate of another, out of scope)."""
    with open_store(db) as store:
        sel = [i for i in _select(store, ids, source, since, until, type_, country, "reject") if i != of]
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.reject(i, kind, of, reason, version), sel, "rejected")


@review_app.command("edit")
def edit(event_id: Annotated[str, typer.Argument(help="an event id")],
         assignments: Annotated[list[str], typer.Argument(
             help="FIELD=VALUE ... (killed=12 location=170063 type=COERCE)")],
         reason: Annotated[str, typer.Option("--reason", help="why (required)")] = "",
         db: Db = None, version: Version = None, by: By = None, key: Key = None, keys_file: KeysFile = None) -> None:
    """Set fields of an event; people's values win over the machine's from then on."""
    fields = {}
    for a in assignments:
        name, eq, value = a.partition("=")
        if not eq:
            raise InputError(errors.REVIEW_BAD_VALUE.format(name=a, value=a, reason="write FIELD=VALUE"))
        fields[name.strip()] = value
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.edit(i, fields, reason, version), [event_id], "edited")


@review_app.command("merge")
def merge(keep: Annotated[str, typer.Argument(help="the event that stays")],
          other: Annotated[str, typer.Argument(help="the event merged into it")],
          db: Db = None, reason: Reason = None, version: Version = None, by: By = None, key: Key = None,
          keys_file: KeysFile = None) -> None:
    """Merge two events that are one real event."""
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.merge(i, other, reason, version), [keep], "merged")


@review_app.command("split")
def split(event_id: Annotated[str, typer.Argument(help="the event to split")],
          mentions: Annotated[list[str], typer.Argument(
              help="mention ids that become a new event (see `polemos review show EVENT`)")],
          db: Db = None, reason: Reason = None, version: Version = None, by: By = None, key: Key = None,
          keys_file: KeysFile = None) -> None:
    """Split an event: the named mentions become a new event."""
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.split(i, mentions, reason, version), [event_id], "split")


@review_app.command("move")
def move(mention: Annotated[str, typer.Argument(help="a mention id")],
         to: Annotated[str, typer.Option("--to", help="the event it belongs to")],
         db: Db = None, reason: Reason = None, version: Version = None, by: By = None, key: Key = None,
         keys_file: KeysFile = None) -> None:
    """Move a mention from its event to another."""
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.move(mention, i, reason, version), [to], "given the mention")


@review_app.command("undo")
def undo(event_id: Annotated[str, typer.Argument(help="an event id")],
         change: Annotated[Optional[int], typer.Option(
             "--change", help="a change id from the history (default: the latest)")] = None,
         db: Db = None, reason: Reason = None, version: Version = None, by: By = None, key: Key = None,
         keys_file: KeysFile = None) -> None:
    """Undo a person's change (both sides of a merge, split or move)."""
    _run(db, _who(db, key, by, keys_file), lambda r, i: r.undo(i, change, reason, version), [event_id], "undone")


@review_app.command("show")
def show_cmd(event_id: Annotated[str, typer.Argument(help="an event id")], db: Db = None) -> None:
    """An event's review state and its mentions with their ids (for split and move)."""
    with open_store(db) as store:
        ev = store.get_event(event_id)
    if ev is None:
        raise InputError(errors.REVIEW_NO_EVENT.format(event_id=event_id))
    who = f" by {ev.reviewed_by} at {ev.reviewed_at}" if ev.reviewed_by else ""
    state = ev.review_status or "not reviewed"
    print(f"{ev.id}  {ev.type}  {state} (coded by {ev.coded_by}){who}, version {ev.version}")
    if ev.rejected:
        print(f"  rejected: {ev.rejected.get('kind')}" + (f" of {ev.rejected['duplicate_of']}"
                                                         if ev.rejected.get("duplicate_of") else ""))
    if ev.merged_into:
        print(f"  merged into {ev.merged_into}")
    if ev.needs_rereview:
        print("  the machine's coding changed since the last decision: please look again")
    for m in ev.mentions:
        print(f"  {m.id}  \"{m.evidence.text}\"")


@review_app.command("history")
def history_cmd(event_id: Annotated[str, typer.Argument(help="an event id")], db: Db = None,
                as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every change of an event, the machine's and people's: when, who, what, before, after, why."""
    with open_store(db) as store:
        rows = history(ReviewDB(getattr(store, "inner", store)), event_id)
        if not rows and store.get_event(event_id) is None:
            raise InputError(errors.REVIEW_NO_EVENT.format(event_id=event_id))
    for h in rows:
        if as_json:
            print(json.dumps(h, ensure_ascii=False, default=str))
            continue
        what = h["op"] + (f" {h['field']}" if h["field"] else "")
        change = f"#{h['change']} " if h["change"] else ""
        undone = f" (undone by #{h['undone_by']})" if h["undone_by"] else ""
        before = "" if h["before"] is None else f"{json.dumps(h['before'], default=str)} -> "
        after = "" if h["after"] is None else json.dumps(h["after"], default=str)
        why = f"  because: {h['why']}" if h["why"] else ""
        print(f"{h['at']}  {change}{h['by']:<12} {what}: {before}{after}{why}{undone}")


@review_app.command("log")
def log_cmd(db: Db = None,
            out: Annotated[Optional[Path], typer.Option("--out", help="write to this file")] = None) -> None:
    """Export the audit trail of people's changes (JSON Lines, oldest first)."""

    with open_store(db) as store:
        rows = ReviewDB(getattr(store, "inner", store)).log()
    text = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"polemos: {len(rows)} changes written to {out}", file=sys.stderr)


def print_review_stats(db: str | None) -> None:
    """`polemos stats --review`: how often people changed each field and each event type."""

    with open_store(db) as store:
        ov = load(ReviewDB(getattr(store, "inner", store)))
    rows = field_changes(ov)
    n = rows[0]["reviewed"] if rows else 0
    print(f"{n} reviewed events kept (confirmed or edited); fields people changed:")
    for r in rows:
        if r["changed"]:
            print(f"  {r['field']:<22} {r['changed']:>5} of {r['reviewed']}  ({100 * (r['rate'] or 0):.0f}%)")
    print("event types, machine -> people:")
    for r in type_confusion(ov):
        mark = "" if r["machine"] == r["human"] else "   <- changed"
        print(f"  {r['machine']:<10} -> {r['human']:<24} {r['events']:>5}{mark}")


@eval_app.command("review")
def eval_review(db: Db = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Score the machine against people's decisions on the events they reviewed."""

    with open_store(db) as store:
        m = evaluate(load(ReviewDB(getattr(store, "inner", store))))
    if not m["reviewed"]:
        raise InputError(errors.REVIEW_EVAL_EMPTY.format(db=resolve_url(db)))
    if as_json:
        print(json.dumps(m, ensure_ascii=False))
        return
    print(f"machine vs people on {m['reviewed']} reviewed events")
    print(f"  events that are real events (precision): {m['event_precision']}")
    print(f"  duplicates (merged or rejected as such):  {m['duplicate_rate']}")
    print(f"  kept exactly as coded:                    {m['kept_unchanged']}")
    for name, f in m["fields"].items():
        if f["events"]:
            print(f"  {name:<22} accuracy {f['accuracy']:.3f} ({f['agree']}/{f['events']})")
