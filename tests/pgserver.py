"""A throwaway PostgreSQL server for the test session, started from the installed binaries
(Debian's `postgresql` package, which `.ci/run` installs) in a temporary directory on a free port,
and stopped at the end. As root the server runs as the `postgres` user (PostgreSQL refuses root).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
                   if p.split("/")[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="polemos-pg-"))
        self.data = self.dir / "data"
        self._user: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._user = ["runuser", "-u", "postgres", "--"]
        self._n = 0

    def _run(self, *args: str) -> None:
        subprocess.run([*self._user, *args], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-instructions")
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                  str(self.dir / "log"), "-w", "-t", "60", "start")

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        self._n += 1
        name = f"polemos_test_{os.getpid()}_{self._n}"
        with psycopg.connect(self.url(), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def start_server() -> PgServer | str:
    """A started server, or the reason none could be started."""
    bindir = find_bindir()
    if bindir is None:
        return "no PostgreSQL binaries (/usr/lib/postgresql/*/bin/initdb); `.ci/run` installs Debian's postgresql"
    srv = PgServer(bindir)
    try:
        srv.start()
    except (subprocess.CalledProcessError, KeyError) as e:
        log = (srv.dir / "log").read_text(errors="replace")[-500:] if (srv.dir / "log").exists() else ""
        srv.stop()
        return f"could not start PostgreSQL from {bindir}: {getattr(e, 'stderr', e)} {log}"
    for _ in range(50):
        try:
            import psycopg

            psycopg.connect(srv.url(), connect_timeout=2).close()
            break
        except Exception:
            time.sleep(0.1)
    return srv
