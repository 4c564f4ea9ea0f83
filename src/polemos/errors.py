"""Every message a user can see when input is bad lives here, so wording stays consistent.

Raise `InputError` for anything the user can fix; the CLI prints `polemos: E001 <message>` and
exits 2. Each message has a stable code (like spaCy's `Errors.E001`), listed in docs/errors.md
(`python -m polemos.errcodes` prints that table) so a user can search for it:

    FILE_MISSING = Message("E001", "{path}: no such file")
    raise InputError(errors.FILE_MISSING.format(path=p))     # the formatted text keeps its code

A code is given once, here, and never reused or renumbered. To add messages, append a block at
the END of this file headed by a comment naming the feature; plain strings are fine on a branch:
`python -m polemos.errcodes --check` lists the messages still without a code and the next free
one (tests/test_errors.py fails until they have one). `Part` marks a fragment that is only ever
shown inside another message (the reasons of API_BAD_PARAM): it has no code of its own.
"""
from __future__ import annotations

from typing import Any


class Message(str):
    """A message template with its stable code; `format` keeps the code on the result.
    The text itself carries no code: `shown(msg)` puts it in front where a user reads it."""

    code: str

    def __new__(cls, code: str, text: str) -> "Message":
        self = super().__new__(cls, text)
        self.code = code
        return self

    def format(self, *args: Any, **kwargs: Any) -> "Message":
        return Message(self.code, str.format(self, *args, **kwargs))

    def __reduce__(self) -> tuple[Any, ...]:   # survives pickling (Dask workers send messages back)
        return (Message, (self.code, str(self)))


class Part(str):
    """A fragment shown only inside another (coded) message."""


def code_of(msg: object) -> str | None:
    """The code a message (or an exception raised with one) carries, if any."""
    if isinstance(msg, BaseException):
        msg = msg.args[0] if msg.args else None
    return msg.code if isinstance(msg, Message) else None


def shown(msg: object) -> str:
    """A message as a user sees it: its code first when it has one ("E001 x.txt: no such file")."""
    code = code_of(msg)
    return f"{code} {msg}" if code else str(msg)


class PolemosError(Exception):
    """Base class of errors Polemos reports to users."""

    exit_code = 1


class InputError(PolemosError):
    """The user's input (file, record, option value) is wrong: exit status 2."""

    exit_code = 2


class StoreError(PolemosError):
    """The store cannot be opened, is locked, or has a schema this version does not know."""

    exit_code = 3


# Message templates. Keep them one line, naming the input and what is wrong.
FILE_MISSING = Message("E001", "{path}: no such file")
FILE_EMPTY = Message("E002", "{path}: file is empty")
FILE_BINARY = Message("E003", "{path}: not a text file (binary content)")
FILE_NOT_UTF8 = Message("E004", "{path}: not UTF-8 text (byte {pos} cannot be decoded)")
JSONL_BAD_LINE = Message("E005", "{path}:{line}: malformed JSON ({reason})")
JSONL_NO_TEXT = Message("E006", "{path}:{line}: record has no 'text'")
NOT_ENGLISH = Message("E007", "{path}: article is not in English (detected '{lang}'); Polemos codes English news")
BAD_DATE = Message("E008", "--published {value!r}: not a date (use YYYY-MM-DD)")
NO_PUBLISHED = Message("E009", "no publication date known: relative dates ('Sunday', 'today') are left unresolved")
# Ingest readers (issue 2)
INPUT_NO_MATCH = Message("E010", "{pattern}: no file matches this pattern")
DIR_NO_ARTICLES = Message("E011", "{path}: directory holds no article files (.txt, .html, .jsonl, .xml feeds)")
JSONL_NOT_OBJECT = Message("E012", "{path}:{line}: a record must be a JSON object with a 'text' field")
JSONL_BAD_PUBLISHED = Message("E013", "{path}:{line}: 'published' {value!r} is not a date (use YYYY-MM-DD)")
HTML_NO_TEXT = Message("E014", "{path}: no article text found in the page")
FEED_BAD = Message("E015", "{path}: not a readable RSS/Atom feed ({reason})")
FEED_ENTRY_NO_TEXT = Message("E016", "{path}: feed entry {entry!r} has no text{detail}")
URL_UNREACHABLE = Message("E017", "{url}: cannot fetch ({reason})")
EXTRACT_ALL_FAILED = Message("E018", "no article could be read from {n} input(s) (see the errors above)")

# HTTP API (polemos serve): the `error` field of a 4xx answer.
API_BAD_PARAM = Message("E019", "{name} {value!r}: {reason}")
API_BODY_TOO_LARGE = Message("E020", "request body is {size} bytes; the limit is {limit} bytes (POLEMOS_API_MAX_BODY)")
API_KEY_MISSING = Message("E021", "this request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' (create one with `polemos keys create`)")
API_KEY_INVALID = Message("E022", "the API key is unknown or revoked")
API_NOT_FOUND = Message("E023", "{kind} {id!r}: not found")
API_TIMEOUT = Message("E024", "the request took longer than {seconds:g} s (POLEMOS_API_TIMEOUT) and was abandoned")
API_BAD_FORMAT = Message("E025", "format {value!r}: use one of json, geojson, csv, points")
KEY_UNKNOWN = Message("E026", "key {key_id!r}: no such API key (see `polemos keys list`)")

# Batch processing (polemos batch).
BATCH_NO_MATCH = Message("E027", "{path}: no such file, or the pattern matches no file")
BATCH_BAD_FORMAT = Message("E028", "{path}: not a shard of articles (use .jsonl[.gz], .ndjson or .parquet)")
BATCH_INPUT_UNREADABLE = Message("E029", "{path}: cannot be read ({reason})")
BATCH_SCHEDULER_UNREACHABLE = Message("E030", "--scheduler {address}: cannot reach a Dask scheduler there ({reason})")
BATCH_WORKERS_AND_SCHEDULER = Message("E031", "--workers and --scheduler exclude each other: give one")
BATCH_BAD_WORKERS = Message("E032", "--workers {value}: give a number of worker processes of at least 1")
BATCH_NO_INPUT = Message("E033", "no shard of articles to process: {first} (and {more} other input(s) failed)")
BATCH_OUT_NOT_DIR = Message("E034", "--out {path}: exists and is not a directory")
BATCH_SHARD_FAILED = Message("E035", "{path}: processing failed ({reason})")
BATCH_FAILED = Message("E036", "{failed} input(s) or shard(s) and {records} record(s) failed (listed above); the rest was written to {out}")
# Gazetteer (geo stage)
GAZ_UNKNOWN_FILE = Message("E037", "{path}: not a GeoNames dump this build knows (expected cities*.zip, allCountries.zip, a country zip such as SY.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt or alternateNamesV2.zip)")
GAZ_BAD_ZIP = Message("E038", "{path}: corrupt or truncated zip archive ({reason}); the existing index was left untouched")
GAZ_BAD_LINE = Message("E039", "{path}:{line}: not GeoNames dump format ({reason}); the existing index was left untouched")
GAZ_NO_PLACES = Message("E040", "no place file given: pass at least one of cities500.zip, allCountries.zip or a country zip")
GAZ_INDEX_BAD = Message("E041", "{path}: not a Polemos gazetteer index (build one with `polemos gazetteer build`)")
GAZ_DOWNLOAD_FAILED = Message("E042", "{url}: download failed ({reason}); the existing index was left untouched")
GAZ_DOWNLOAD_SIZE = Message("E043", "{url}: got {got} bytes, the server announced {expected}; the existing index was left untouched")
GAZ_BAD_CODE = Message("E044", "{value!r}: not a country code (two letters such as SY), 'all', or a cities file name such as cities500")
EVAL_BAD_RECORD = Message("E045", "{path}:{line}: record has no 'text' or no '{key}' list")
# Store (issue 4)
STORE_CANNOT_OPEN = Message("E046", "{db}: cannot open the store ({detail})")
STORE_LOCKED = Message("E047", "{db}: the store is locked by another process; wait for it to finish or use another --db")
STORE_NEWER = (Message("E048", "{db}: the store has schema version {found}, newer than this Polemos knows ({known});"
               " upgrade Polemos (the store was not changed)"))
STORE_READ_ONLY_OLD = Message("E049", "{db}: the store needs upgrading to schema version {known}: run `polemos db migrate --db {db}`")
STORE_BAD_URL = Message("E050", "{db}: not a store location (use a file path or postgresql://...)")
STORE_BULK_DUPLICATE = Message("E051", "{db}: event {event_id} is already stored or given twice; no event was added")
EVENT_NOT_FOUND = Message("E052", "{event_id}: no such event in {db}")
BAD_BBOX = Message("E053", "--bbox {value!r}: expected W,S,E,N in degrees (four numbers, W<E, S<N)")
BAD_FORMAT = Message("E054", "--format {value!r}: expected one of {choices}")
BAD_CHOICE = Message("E055", "{opt} {value!r}: expected one of {choices}")
FORMAT_NEEDS_OUT = Message("E056", "--format {fmt} writes a binary file: give --out FILE")
NOTHING_TO_INGEST = Message("E057", "no articles read from {inputs}")
EVAL_DATA_MISSING = Message("E058", "{path}: evaluation data not found (pass --data DIR or set POLEMOS_EVALDATA)")
EVAL_NO_ARTICLES = Message("E059", "{path}: no article folders (each needs article.txt and gold.json)")
EVAL_BAD_GOLD = Message("E060", "{path}: malformed gold file ({reason})")
EVAL_BAD_COUNT = Message("E061", "--{option} {value}: must be a positive number")
# ... the reasons in API_BAD_PARAM
API_NOT_ISO3 = Part("not an ISO 3166 alpha-3 code (e.g. SYR)")
API_NOT_DATE = Part("not a date (use YYYY-MM-DD)")
API_BBOX_FORMAT = Part("use four numbers W,S,E,N (degrees)")
API_BBOX_RANGE = Part("longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
API_BBOX_ORDER = Part("west must not exceed east and south must not exceed north")
API_SEARCH_CHARS = Part("contains characters that are not allowed in a search (; % \\ * = < > { } | ` $ or control characters)")
API_TOO_LONG = Part("longer than {max} characters")
API_NOT_ID = Part("not an id (letters, digits and . _ : @ + ~ -, at most 200)")
API_NOT_TYPE = Part("not a PLOVER event type ({types})")
API_SINCE_AFTER_UNTIL = Part("is after until ({until})")
API_LIMIT_MAX = Part("at most {max} events per request; page with offset")

# Core (issue 13): the one ingest function and read-only commands.
STORE_MISSING = Message("E062", "{db}: no such store (check --db or $POLEMOS_DB; `polemos ingest` creates one)")
INGEST_UNREADABLE = Message("E063", "{n} input(s) could not be read (see above)")
OPTION_NOT_DATE = Message("E064", "{opt} {value!r}: not a date (use YYYY-MM-DD)")
STATS_BAD_BY = Message("E065", "--by {value!r}: expected week, month, day or none")
DEMO_NO_SAMPLES = Message("E066", "{path}: sample articles not found (set POLEMOS_SAMPLES to their folder)")

# Zones and alerts (issue 14).
ZONE_FILE_UNREADABLE = Message("E067", "{path}: cannot read the zone file ({detail})")
ZONE_NOT_GEOJSON = Message("E068", "{path}: not GeoJSON ({detail})")
ZONE_BAD_GEOMETRY = Message("E069", "{path}: {where}: {detail}")
ZONE_UNCLOSED_RING = Part("ring {ring} is not closed (its first point {first} differs from its last {last})")
ZONE_INVALID_GEOMETRY = Part("invalid polygon ({reason})")
ZONE_NO_POLYGON = Message("E070", "{path}: no Polygon or MultiPolygon in the file (found {found})")
ZONE_NO_PERIOD = Message("E071", "zone {name!r}: no validity period; give --from YYYY-MM-DD (and --until when it ended)")
ZONE_BAD_DATE = Message("E072", "zone {name!r}: {opt} {value!r} is not a date (use YYYY-MM-DD)")
ZONE_PERIOD_ORDER = Message("E073", "zone {name!r}: --from {start} is after --until {end}")
ZONE_NO_PROHIBIT = Message("E074", "zone {name!r}: no prohibited event types; give --prohibit TYPE,TYPE (PLOVER types)")
ZONE_BAD_TYPE = Message("E075", "zone {name!r}: {value!r} is not a PLOVER event type ({types})")
ZONE_BAD_ADMIN = Message("E076", "zone {name!r}: admin unit {value!r} is not a GeoNames admin code like SY.07 or SY.07.3381")
ZONE_NO_AREA = Message("E077", "zone {name!r}: give a GeoJSON file or --admin codes (the zone has no area)")
ZONE_EXISTS = Message("E078", "zone {name!r} already exists in {db} (nothing was changed; use another --name or --replace)")
ZONE_NOT_FOUND = Message("E079", "{name}: no such zone in {db} (`polemos zones list` shows them)")
ALERT_RULES_UNREADABLE = Message("E080", "{path}: cannot read the rules file ({detail})")
ALERT_RULES_NOT_YAML = Message("E081", "{path}: not YAML ({detail})")
ALERT_RULES_SHAPE = Message("E082", "{path}: expected a list of rules (or `rules:` with a list), found {found}")
ALERT_RULE_UNKNOWN_FIELD = Message("E083", "{path}: rule {rule!r}: unknown field {field!r} (allowed here: {allowed})")
ALERT_RULE_INVALID = Message("E084", "{path}: rule {rule!r}: {field}: {reason}")
ALERT_RULE_DUPLICATE = Message("E085", "{path}: rule {rule!r} is given twice")
ALERT_UNKNOWN_ZONE = Message("E086", "{path}: rule {rule!r}: zone {zone!r} is not stored in {db} (add it first with `polemos zones add`)")
ALERT_BAD_SINCE = Message("E087", "--since {value!r}: expected a duration like 7d, 12h, 30m or a date YYYY-MM-DD")
ALERT_WEBHOOK_FAILED = Message("E088", "rule {rule!r}: webhook {url} failed after {tries} tries ({detail})")
ALERT_SMTP_FAILED = Message("E089", "rule {rule!r}: e-mail to {to} via {host}:{port} failed ({detail})")

# watch (polemos watch, issue 14)
WATCH_NO_FILE = Message("E090", "{path}: no such feeds file (one feed or page URL per line, or an OPML file)")
WATCH_NOT_A_FILE = Message("E091", "{path}: not a file (give a feeds file: one URL per line, or OPML)")
WATCH_UNREADABLE = Message("E092", "{path}: cannot be read ({reason})")
WATCH_NO_SOURCES = Message("E093", "{path}: no feed or page URL in this file (one http(s) URL per line; # starts a comment)")
WATCH_BAD_LINE = Message("E094", "{path}:{line}: {value!r} is not an http(s) URL (one feed or page URL per line; # starts a comment)")
WATCH_BAD_OPML = Message("E095", "{path}: not a readable OPML file ({reason})")
WATCH_BAD_OPML_URL = Message("E096", "{path}:{line}: outline URL {value!r} is not an http(s) URL")
WATCH_NOT_FEED = Message("E097", "{url}: not an RSS/Atom feed ({what})")
WATCH_NOT_FEED_OR_PAGE = Message("E098", "{url}: neither an RSS/Atom feed nor an HTML page ({what})")
WATCH_TOO_LARGE = Message("E099", "{url}: answer refused: {size}, the limit is {limit} bytes (--max-bytes)")
WATCH_BAD_DURATION = Message("E100", "{opt} {value!r}: not a duration (use e.g. 30s, 15m, 2h, 1d)")
WATCH_BAD_NUMBER = Message("E101", "{opt} {value!r}: must be a positive number")
WATCH_SOURCES_FAILED = Message("E102", "{failed} of {total} source(s) failed in this round (see the log above)")

# review (polemos.review: analysts' corrections and the audit trail)


class ReviewConflict(PolemosError):
    """Someone else changed the event since the version the change was based on (HTTP 409)."""

    exit_code = 4

    def __init__(self, message: str, event_id: str, current: int) -> None:
        super().__init__(message)
        self.event_id, self.current = event_id, current


REVIEW_CONFLICT = Message("E103", "event {event_id} changed since version {given} (now version {current}): "
                          "reload it and apply your change again")
REVIEW_NO_EVENT = Message("E104", "event {event_id}: no such event")
REVIEW_GONE = Message("E105", "event {event_id} was {status}: undo that first, or work on {target}")
REVIEW_BAD_FIELD = Message("E106", "edit {name}: not a field a reviewer can set (use one of {fields})")
REVIEW_BAD_VALUE = Message("E107", "edit {name}={value!r}: {reason}")
REVIEW_NO_FIELDS = Message("E108", "edit: give at least one field (name=value)")
REVIEW_NEEDS_REASON = Message("E109", "{op}: give a short reason (--reason)")
REVIEW_BAD_KIND = Message("E110", "reject --as {kind!r}: expected one of {kinds}")
REVIEW_DUPLICATE_OF = Message("E111", "reject --as duplicate: give the event it duplicates (--of EVENT_ID)")
REVIEW_SAME_EVENT = Message("E112", "{op}: {event_id} with itself")
REVIEW_NOT_MEMBER = Message("E113", "mention {mention_id}: not a mention of event {event_id}")
REVIEW_SPLIT_ALL = Message("E114", "split {event_id}: keep at least one mention in it (it has {n})")
REVIEW_MOVE_LAST = Message("E115", "move {mention_id}: it is the last mention of {event_id} (reject or merge that event instead)")
REVIEW_NO_MENTION = Message("E116", "mention {mention_id}: no such mention")
REVIEW_NOTHING_TO_UNDO = Message("E117", "undo {event_id}: no change of a person to undo")
REVIEW_UNDO_UNKNOWN = Message("E118", "undo {event_id}: change {change} is not a change of this event still in force")
REVIEW_NO_PLACE = Message("E119", "place {value!r}: not in the gazetteer (give a GeoNames id, or lat,lon)")
REVIEW_ROLE = Message("E120", "this needs a key with the {role} role (this key is a {have} key)")
REVIEW_BAD_ROLE = Message("E121", "--role {role!r}: expected one of {roles}")
REVIEW_NO_SELECTION = Message("E122", "review {op}: no event matches (give event ids, or --source/--since/--until/--type)")
REVIEW_EVAL_EMPTY = Message("E123", "eval review: no reviewed events in {db} yet (review some with `polemos review`)")

# Extraction steps (issue 13)
EXTRACT_UNKNOWN_STEP = Message("E124", "extraction steps {steps}: not registered (known steps: {known})")
# --- gazetteer point tables and the learned ranker (issue 16) ---
GAZ_UNKNOWN_INPUT = Message("E129", "{path}: not a file this build knows (expected cities*.zip, allCountries.zip, a country zip such as SY.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt, alternateNamesV2.zip, a country points table *.csv or a division points table *.tsv)")
GAZ_BAD_TABLE = Message("E130", "{path}:{line}: not a points table ({reason}); the existing index was left untouched")
GAZ_RANKER_BAD = Message("E131", "{path}: not a ranker model ({reason})")

# hard inputs (issue 18): languages, size limit, time budget
NOT_ENGLISH_SKIPPED = Message("E125", "{path}: {language}; Polemos reads English only: skipped")
ARTICLE_TOO_LARGE = Message("E126", "{path}: {size} characters of text, over the limit of {limit} per article (POLEMOS_MAX_ARTICLE_CHARS): skipped")
ARTICLE_OVER_BUDGET = Message("E127", "{name}: stopped after {seconds:g} s (POLEMOS_ARTICLE_SECONDS) at sentence {done} of {total} ({chars} characters); the {events} event(s) found so far are kept")
SKIPPED_NOT_ENGLISH = Message("E128", "{read} articles read, {skipped} skipped as not English ({languages})")

# Store at scale: keyset pagination (issue 17)
BAD_CURSOR = Message("E132", "cursor {value!r}: not a page cursor (use the next_cursor a previous page returned)")
API_BAD_CURSOR = Part("not a page cursor (use the next_cursor of a previous page)")
