"""The registry of evaluation sets: CLI subcommands and the report iterate over it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from polemos.eval import muc4, petrarch, plover_gsr, ucdp, wikievents, wikipedia
from polemos.eval.common import Record


@dataclass(frozen=True)
class EvalSet:
    name: str                  # CLI subcommand
    module: ModuleType         # has load(dir) and score(run)
    title: str
    report_sample: int | None  # records `make eval` scores (None: all) — keeps it under 20 minutes

    @property
    def folder(self) -> str:
        return self.module.FOLDER

    def load(self, evaldata: Path, **kw) -> list[Record]:
        return self.module.load(evaldata / self.folder, **kw)

    @property
    def score(self) -> Callable:
        return self.module.score


SETS: dict[str, EvalSet] = {s.name: s for s in (
    EvalSet("plover", plover_gsr, "PLOVER gold standard records (event type, actors)", None),
    EvalSet("petrarch", petrarch, "PETRARCH2 unit-test records (event type via CAMEO->PLOVER)", None),
    EvalSet("wikipedia", wikipedia, "Wikipedia terrorist incidents 2016-2022 (killed, injured, perpetrator)", None),
    EvalSet("ucdp", ucdp, "UCDP GED headlines (deaths within low..high, sides, place)", None),
    EvalSet("muc4", muc4, "MUC-4 templates (incident type, date, place, perpetrator, deaths)", None),
    EvalSet("wikievents", wikievents, "WikiEvents (event detection and roles in long articles)", None),
)}
