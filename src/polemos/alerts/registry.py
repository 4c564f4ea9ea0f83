"""Alert rules and fired alerts in the store (tables of migration 006)."""
from __future__ import annotations

import datetime as dt

from polemos import errors
from polemos.alerts.model import Alert
from polemos.alerts.rules import Rule
from polemos.errors import InputError
from polemos.store.base import Store
from polemos.zones import tables
from polemos.zones.model import slug
from polemos.zones.registry import find_zone


def add_rules(store: Store, rules: list[Rule], source: str) -> dict[str, str]:
    """Store rules (one transaction; a rule of the same name is replaced): {name: added|replaced}.
    A rule naming a zone that is not stored raises InputError and stores nothing."""
    for r in rules:
        for z in r.filter.zones:
            if find_zone(store, slug(z)) is None:
                raise InputError(errors.ALERT_UNKNOWN_ZONE.format(path=source, rule=r.name, zone=z, db=store.url))
    out = {}
    with tables.transaction(store):
        for r in rules:
            found = tables.rows(store, "SELECT name FROM alert_rules WHERE name = ?", [r.name])
            if found:
                tables.execute(store, "DELETE FROM alert_rules WHERE name = ?", [r.name])
            tables.execute(store, "INSERT INTO alert_rules (name, data, source) VALUES (?, ?, ?)",
                           [r.name, r.model_dump_json(), source])
            out[r.name] = "replaced" if found else "added"
    return out


def list_rules(store: Store) -> list[Rule]:
    return [Rule.model_validate_json(d) for (d,) in tables.rows(store, "SELECT data FROM alert_rules ORDER BY name")]


def fired(store: Store, rule: str | None = None, since: dt.datetime | None = None,
          limit: int | None = None) -> list[Alert]:
    """Fired alerts, newest first."""
    sql, params = "SELECT data FROM alerts_fired", list[object]()
    where = []
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if since:
        where.append("fired_at >= ?")
        params.append(since.replace(tzinfo=None))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY fired_at DESC, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [Alert.model_validate_json(d) for (d,) in tables.rows(store, sql, params)]


def record(store: Store, alert: Alert) -> None:
    at = dt.datetime.fromisoformat(alert.fired_at).replace(tzinfo=None)
    with tables.transaction(store):
        tables.execute(store, "DELETE FROM alerts_fired WHERE id = ?", [alert.id])
        tables.execute(store, "INSERT INTO alerts_fired (id, rule, fired_at, evidence_key, data)"
                              " VALUES (?, ?, ?, ?, ?)",
                       [alert.id, alert.rule, at, alert.place, alert.model_dump_json()])
