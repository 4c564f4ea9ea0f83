"""Alert rules as data: the YAML grammar (docs/alerts.md), checked with pydantic so an unknown
or misspelt field is one clear error naming the file, the rule and the field."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from polemos import errors
from polemos.errors import InputError
from polemos.zones.registry import PLOVER_TYPES

_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(text: str) -> dt.timedelta:
    """"7d", "12h", "30m", "2w" as a timedelta (ValueError otherwise)."""
    m = _DURATION.match(str(text))
    if not m or int(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration like 7d, 12h, 30m or 2w")
    return dt.timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])


def since_time(value: str, now: dt.datetime) -> dt.datetime:
    """`7d` / `12h` (before `now`) or `2026-01-31` (its start, UTC) as a UTC time (ValueError otherwise)."""
    try:
        return now - parse_duration(value)
    except ValueError:
        pass
    return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.timezone.utc)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleFilter(_Strict):
    """Which events a rule looks at; every given field must match (AND), values within one
    field are alternatives (OR)."""

    types: list[str] = []
    modes: list[str] = []
    countries: list[str] = []            # ISO-3
    admin_units: list[str] = []          # first-level division names as stored ("Idlib")
    zones: list[str] = []                # zone names or ids: the event lies inside the polygon
    actors: list[str] = []               # text in actor 1 or 2 (name, words, ISO-3)
    min_killed: int | None = Field(default=None, ge=0)
    statuses: list[str] = ["occurred"]

    @field_validator("types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        out = [t.upper() for t in v]
        bad = [t for t in out if t not in PLOVER_TYPES]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a PLOVER event type")
        return out

    @field_validator("countries")
    @classmethod
    def _iso3(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not re.fullmatch(r"[A-Za-z]{3}", c)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not an ISO 3166 alpha-3 code")
        return [c.upper() for c in v]


class Trigger(_Strict):
    """any: each new matching event; count/toll: the window's events/killed reach `threshold`;
    escalation: the window's measure against the same place's weekly mean over `baseline_weeks`."""

    kind: Literal["any", "count", "toll", "escalation"] = "any"
    window: str = "7d"
    threshold: int | None = Field(default=None, ge=1)
    measure: Literal["count", "killed"] = "count"      # escalation: events or killed
    baseline_weeks: int = Field(default=8, ge=1, le=104)
    factor: float = Field(default=2.0, gt=1.0)
    minimum: int = Field(default=3, ge=1)              # escalation needs at least this much now
    by: Literal["admin1", "country", "place", "all"] = "admin1"

    @field_validator("window")
    @classmethod
    def _window(cls, v: str) -> str:
        parse_duration(v)
        return v

    @model_validator(mode="after")
    def _needs_threshold(self) -> "Trigger":
        if self.kind in ("count", "toll") and self.threshold is None:
            raise ValueError(f"a {self.kind} trigger needs a threshold")
        return self


class Webhook(_Strict):
    url: str = Field(pattern=r"^https?://")
    tries: int = Field(default=4, ge=1, le=10)
    backoff_s: float = Field(default=1.0, ge=0)        # waits backoff, 2x, 4x... between tries
    timeout_s: float = Field(default=10.0, gt=0)


class Email(_Strict):
    to: list[str] = Field(min_length=1)
    sender: str = "polemos@localhost"
    host: str = "localhost"
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None                    # the password is read from this variable
    timeout_s: float = Field(default=10.0, gt=0)


class Channels(_Strict):
    log: str | None = None                             # a JSON Lines file (appended)
    webhook: Webhook | None = None
    email: Email | None = None


class Rule(_Strict):
    name: str = Field(min_length=1, max_length=200)
    description: str | None = None
    filter: RuleFilter = RuleFilter()
    trigger: Trigger = Trigger()
    channels: Channels = Channels()
    dashboard: str | None = None                       # base URL of the dashboard for links


def _fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed where an unknown one was found."""
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        ann = getattr(field, "annotation", None) if field else None
        inner = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not inner:
            break
        model = inner[0]
    return list(model.model_fields)


def _rule_error(path: str, name: str, e: ValidationError) -> InputError:
    first = e.errors()[0]
    loc = tuple(first.get("loc", ()))
    where = ".".join(str(p) for p in loc) or "rule"
    if first.get("type") == "extra_forbidden":
        return InputError(errors.ALERT_RULE_UNKNOWN_FIELD.format(path=path, rule=name, field=where,
                                                                 allowed=", ".join(_fields(Rule, loc))))
    reason = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return InputError(errors.ALERT_RULE_INVALID.format(path=path, rule=name, field=where, reason=reason))


def load_rules(path: str | Path) -> list[Rule]:
    """Every rule of a YAML file (a list, or a mapping with `rules:`), checked in full."""
    p = Path(path)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(errors.ALERT_RULES_UNREADABLE.format(path=p, detail=e)) from e
    except yaml.YAMLError as e:
        raise InputError(errors.ALERT_RULES_NOT_YAML.format(path=p, detail=str(e).splitlines()[0])) from e
    items = doc.get("rules") if isinstance(doc, dict) and set(doc) == {"rules"} else doc
    if not isinstance(items, list) or not items:
        raise InputError(errors.ALERT_RULES_SHAPE.format(path=p, found=type(doc).__name__ if doc else "nothing"))
    rules, seen = [], set()
    for i, item in enumerate(items):
        name = str(item.get("name")) if isinstance(item, dict) and item.get("name") else f"#{i + 1}"
        if not isinstance(item, dict):
            raise InputError(errors.ALERT_RULE_INVALID.format(path=p, rule=name, field="rule", reason="not a mapping"))
        try:
            rule = Rule.model_validate(item)
        except ValidationError as e:
            raise _rule_error(str(p), name, e) from None
        if rule.name in seen:
            raise InputError(errors.ALERT_RULE_DUPLICATE.format(path=p, rule=rule.name))
        seen.add(rule.name)
        if rule.channels.log and not Path(rule.channels.log).is_absolute():   # relative to the rules file
            rule.channels.log = str((p.parent / rule.channels.log).resolve())
        rules.append(rule)
    return rules
