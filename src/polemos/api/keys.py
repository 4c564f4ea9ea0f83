"""API keys: created once by `polemos keys create`, shown once, stored only as salted hashes.

A key is `pk_<id>_<secret>`: the id finds the record, the secret is checked against
sha256(salt + secret). The secret is 32 random bytes, so a fast hash is enough (no password to
brute-force); the salt keeps equal secrets from having equal hashes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
from pathlib import Path

from pydantic import BaseModel

from polemos import errors
from polemos.errors import InputError

ROLES = ("reader", "editor", "admin")   # each can do what the ones before it can


class KeyRecord(BaseModel):
    id: str
    name: str
    created: str
    salt: str
    hash: str
    revoked: str | None = None
    role: str = "editor"       # keys made before roles existed could write: they stay editors

    def can(self, role: str) -> bool:
        """True when this key's role is `role` or above."""
        return ROLES.index(self.role if self.role in ROLES else "reader") >= ROLES.index(role)


def _hash(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()


class KeyStore:
    """A JSON file of key records (mode 0600), re-read when it changes on disk so that
    `polemos keys revoke` takes effect on a running server."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._records: dict[str, KeyRecord] = {}

    def _load(self) -> dict[str, KeyRecord]:
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            self._mtime, self._records = None, {}
            return self._records
        if mtime != self._mtime:
            data = json.loads(self.path.read_text(encoding="utf-8") or "[]")
            self._records = {r["id"]: KeyRecord(**r) for r in data}
            self._mtime = mtime
        return self._records

    def _save(self, records: dict[str, KeyRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump([r.model_dump() for r in records.values()], f, indent=1)
        os.replace(tmp, self.path)   # atomic: a crash never leaves half a key file
        self._mtime = None

    def create(self, name: str = "default", role: str = "editor") -> tuple[KeyRecord, str]:
        """Returns the record and the full key; the key is not kept anywhere."""
        if role not in ROLES:
            raise InputError(errors.REVIEW_BAD_ROLE.format(role=role, roles=", ".join(ROLES)))
        with self._lock:
            records = dict(self._load())
            key_id = secrets.token_hex(4)
            while key_id in records:
                key_id = secrets.token_hex(4)
            secret = secrets.token_urlsafe(32)
            salt = secrets.token_hex(16)
            rec = KeyRecord(id=key_id, name=name, salt=salt, hash=_hash(salt, secret), role=role,
                            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
            records[key_id] = rec
            self._save(records)
        return rec, f"pk_{key_id}_{secret}"

    def list(self) -> list[KeyRecord]:
        with self._lock:
            return sorted(self._load().values(), key=lambda r: r.created)

    def revoke(self, key_id: str) -> KeyRecord:
        with self._lock:
            records = dict(self._load())
            rec = records.get(key_id)
            if rec is None:
                raise InputError(errors.KEY_UNKNOWN.format(key_id=key_id))
            if rec.revoked is None:
                rec = rec.model_copy(update={"revoked": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
                records[key_id] = rec
                self._save(records)
            return rec

    def verify(self, key: str) -> KeyRecord | None:
        """The live record a presented key belongs to, or None."""
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != "pk" or not parts[1] or not parts[2]:
            return None
        with self._lock:
            rec = self._load().get(parts[1])
        if rec is None or rec.revoked is not None:
            return None
        return rec if hmac.compare_digest(rec.hash, _hash(rec.salt, parts[2])) else None
