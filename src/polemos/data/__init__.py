"""Package data: word lists, lexicons and crosswalks (YAML, TSV, CSV) read by the pipeline."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load_data(name: str) -> Any:
    """A YAML file of polemos/data (a path below it, such as "geo/transliteration.yaml"), parsed."""
    return yaml.safe_load(resources.files("polemos.data").joinpath(name).read_text("utf-8"))
