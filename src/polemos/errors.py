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
