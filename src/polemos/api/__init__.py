"""HTTP API and dashboard: `create_app(settings, store)`; run with `polemos serve`."""
from __future__ import annotations

from polemos.api.app import create_app
from polemos.api.settings import Settings

__all__ = ["create_app", "Settings"]
