"""CLI commands: batch."""
from __future__ import annotations

from polemos.cli import app  # noqa: F401

