"""The table of error codes (docs/errors.md) and the check that every message has one.

    python -m polemos.errcodes            # the Markdown table of every coded message
    python -m polemos.errcodes --check    # messages without a code, and the next free code

A message is a module-level name in polemos/errors.py holding a `Message("E123", text)`; a plain
string there is a message still waiting for its code (a branch may add those; give them the next
free codes when merging). `Part` fragments have no code.
"""
from __future__ import annotations

import argparse
import sys

from polemos import errors
from polemos.errors import Message, Part


def coded() -> list[tuple[str, Message]]:
    """(name, message) of every coded message, by code."""
    found = [(n, v) for n, v in vars(errors).items() if isinstance(v, Message) and n.isupper()]
    return sorted(found, key=lambda x: x[1].code)


def uncoded() -> list[str]:
    """Names of messages (upper-case string constants) that have no code and are not a Part."""
    return [n for n, v in vars(errors).items()
            if n.isupper() and isinstance(v, str) and not isinstance(v, (Message, Part))]


def next_code() -> str:
    return f"E{max(int(m.code[1:]) for _, m in coded()) + 1:03d}"


def markdown() -> str:
    """The table of docs/errors.md: code, name, message template."""
    rows = ["| Code | Name | Message |", "|---|---|---|"]
    for name, m in coded():
        text = str(m).replace("|", "\\|")
        rows.append(f"| {m.code} | `{name}` | {text} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m polemos.errcodes", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="list messages without a code")
    args = ap.parse_args(argv)
    if not args.check:
        sys.stdout.write(markdown())
        return 0
    missing = uncoded()
    for i, name in enumerate(missing):
        print(f"{name}: no code; give it E{int(next_code()[1:]) + i:03d}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
