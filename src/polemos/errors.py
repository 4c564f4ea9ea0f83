"""Every message a user can see when input is bad lives here, so wording stays consistent.
Raise `InputError` for anything the user can fix; the CLI prints `polemos: <message>` and exits 2."""
from __future__ import annotations


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
FILE_MISSING = "{path}: no such file"
FILE_EMPTY = "{path}: file is empty"
FILE_BINARY = "{path}: not a text file (binary content)"
FILE_NOT_UTF8 = "{path}: not UTF-8 text (byte {pos} cannot be decoded)"
JSONL_BAD_LINE = "{path}:{line}: malformed JSON ({reason})"
JSONL_NO_TEXT = "{path}:{line}: record has no 'text'"
NOT_ENGLISH = "{path}: article is not in English (detected '{lang}'); Polemos codes English news"
BAD_DATE = "--published {value!r}: not a date (use YYYY-MM-DD)"
NO_PUBLISHED = "no publication date known: relative dates ('Sunday', 'today') are left unresolved"
# Ingest readers (issue 2)
INPUT_NO_MATCH = "{pattern}: no file matches this pattern"
DIR_NO_ARTICLES = "{path}: directory holds no article files (.txt, .html, .jsonl, .xml feeds)"
JSONL_NOT_OBJECT = "{path}:{line}: a record must be a JSON object with a 'text' field"
JSONL_BAD_PUBLISHED = "{path}:{line}: 'published' {value!r} is not a date (use YYYY-MM-DD)"
HTML_NO_TEXT = "{path}: no article text found in the page"
FEED_BAD = "{path}: not a readable RSS/Atom feed ({reason})"
FEED_ENTRY_NO_TEXT = "{path}: feed entry {entry!r} has no text{detail}"
URL_UNREACHABLE = "{url}: cannot fetch ({reason})"
EXTRACT_ALL_FAILED = "no article could be read from {n} input(s) (see the errors above)"

# HTTP API (polemos serve): the `error` field of a 4xx answer.
API_BAD_PARAM = "{name} {value!r}: {reason}"
API_BODY_TOO_LARGE = "request body is {size} bytes; the limit is {limit} bytes (POLEMOS_API_MAX_BODY)"
API_KEY_MISSING = "this request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' (create one with `polemos keys create`)"
API_KEY_INVALID = "the API key is unknown or revoked"
API_NOT_FOUND = "{kind} {id!r}: not found"
API_TIMEOUT = "the request took longer than {seconds:g} s (POLEMOS_API_TIMEOUT) and was abandoned"
API_BAD_FORMAT = "format {value!r}: use one of json, geojson, csv, points"
KEY_UNKNOWN = "key {key_id!r}: no such API key (see `polemos keys list`)"

# Batch processing (polemos batch).
BATCH_NO_MATCH = "{path}: no such file, or the pattern matches no file"
BATCH_BAD_FORMAT = "{path}: not a shard of articles (use .jsonl[.gz], .ndjson or .parquet)"
BATCH_INPUT_UNREADABLE = "{path}: cannot be read ({reason})"
BATCH_SCHEDULER_UNREACHABLE = "--scheduler {address}: cannot reach a Dask scheduler there ({reason})"
BATCH_WORKERS_AND_SCHEDULER = "--workers and --scheduler exclude each other: give one"
BATCH_BAD_WORKERS = "--workers {value}: give a number of worker processes of at least 1"
BATCH_NO_INPUT = "no shard of articles to process: {first} (and {more} other input(s) failed)"
BATCH_OUT_NOT_DIR = "--out {path}: exists and is not a directory"
BATCH_SHARD_FAILED = "{path}: processing failed ({reason})"
BATCH_FAILED = "{failed} input(s) or shard(s) and {records} record(s) failed (listed above); the rest was written to {out}"
# Gazetteer (geo stage)
GAZ_UNKNOWN_FILE = "{path}: not a GeoNames dump this build knows (expected cities*.zip, allCountries.zip, a country zip such as SY.zip, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt or alternateNamesV2.zip)"
GAZ_BAD_ZIP = "{path}: corrupt or truncated zip archive ({reason}); the existing index was left untouched"
GAZ_BAD_LINE = "{path}:{line}: not GeoNames dump format ({reason}); the existing index was left untouched"
GAZ_NO_PLACES = "no place file given: pass at least one of cities500.zip, allCountries.zip or a country zip"
GAZ_INDEX_BAD = "{path}: not a Polemos gazetteer index (build one with `polemos gazetteer build`)"
GAZ_DOWNLOAD_FAILED = "{url}: download failed ({reason}); the existing index was left untouched"
GAZ_DOWNLOAD_SIZE = "{url}: got {got} bytes, the server announced {expected}; the existing index was left untouched"
GAZ_BAD_CODE = "{value!r}: not a country code (two letters such as SY), 'all', or a cities file name such as cities500"
EVAL_BAD_RECORD = "{path}:{line}: record has no 'text' or no '{key}' list"
# Store (issue 4)
STORE_CANNOT_OPEN = "{db}: cannot open the store ({detail})"
STORE_LOCKED = "{db}: the store is locked by another process; wait for it to finish or use another --db"
STORE_NEWER = ("{db}: the store has schema version {found}, newer than this Polemos knows ({known});"
               " upgrade Polemos (the store was not changed)")
STORE_READ_ONLY_OLD = "{db}: the store needs upgrading to schema version {known}: run `polemos db migrate --db {db}`"
STORE_BAD_URL = "{db}: not a store location (use a file path or postgresql://...)"
STORE_BULK_DUPLICATE = "{db}: event {event_id} is already stored or given twice; no event was added"
EVENT_NOT_FOUND = "{event_id}: no such event in {db}"
BAD_BBOX = "--bbox {value!r}: expected W,S,E,N in degrees (four numbers, W<E, S<N)"
BAD_FORMAT = "--format {value!r}: expected one of {choices}"
BAD_CHOICE = "{opt} {value!r}: expected one of {choices}"
FORMAT_NEEDS_OUT = "--format {fmt} writes a binary file: give --out FILE"
NOTHING_TO_INGEST = "no articles read from {inputs}"
EVAL_DATA_MISSING = "{path}: evaluation data not found (pass --data DIR or set POLEMOS_EVALDATA)"
EVAL_NO_ARTICLES = "{path}: no article folders (each needs article.txt and gold.json)"
EVAL_BAD_GOLD = "{path}: malformed gold file ({reason})"
EVAL_BAD_COUNT = "--{option} {value}: must be a positive number"
# ... the reasons in API_BAD_PARAM
API_NOT_ISO3 = "not an ISO 3166 alpha-3 code (e.g. SYR)"
API_NOT_DATE = "not a date (use YYYY-MM-DD)"
API_BBOX_FORMAT = "use four numbers W,S,E,N (degrees)"
API_BBOX_RANGE = "longitudes must lie in [-180, 180] and latitudes in [-90, 90]"
API_BBOX_ORDER = "west must not exceed east and south must not exceed north"
API_SEARCH_CHARS = "contains characters that are not allowed in a search (; % \\ * = < > { } | ` $ or control characters)"
API_TOO_LONG = "longer than {max} characters"
API_NOT_ID = "not an id (letters, digits and . _ : @ + ~ -, at most 200)"
API_NOT_TYPE = "not a PLOVER event type ({types})"
API_SINCE_AFTER_UNTIL = "is after until ({until})"
API_LIMIT_MAX = "at most {max} events per request; page with offset"

# hard inputs (issue 18): languages, size limit, time budget
NOT_ENGLISH_SKIPPED = "{path}: {language}; Polemos reads English only: skipped"
ARTICLE_TOO_LARGE = ("{path}: {size} characters of text, over the limit of {limit} per article "
                     "(POLEMOS_MAX_ARTICLE_CHARS): skipped")
ARTICLE_OVER_BUDGET = ("{name}: stopped after {seconds:g} s (POLEMOS_ARTICLE_SECONDS) at sentence {done} of {total} "
                       "({chars} characters); the {events} event(s) found so far are kept")
SKIPPED_NOT_ENGLISH = "{read} articles read, {skipped} skipped as not English ({languages})"
