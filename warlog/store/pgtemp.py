"""A throwaway PostgreSQL server for the tests and benchmarks (not used by warlog itself).

    server = TempServer.start()        initdb into a fresh folder under /tmp, listening only on a unix socket there
    server.new_database() -> DSN       an empty database of its own (postgresql:///name?host=...&user=...)
    server.stop()                      stops the server and deletes the folder
    External(dsn).new_database()       the same on a server you run (WARLOG_TEST_POSTGRES)
    find_bin_dir() -> Path | None      initdb and pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin

PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user (Debian's package
creates it), which then owns the folder.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

SUPERUSER = "warlog"


def find_bin_dir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", p.parent.name)) or (0,)

    found = [
        p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists() and (p / "pg_ctl").exists()
    ]
    return max(found, key=version) if found else None


def _create_database(dsn: str, name: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


class TempServer:
    _names = itertools.count(1)

    def __init__(self, bin_dir: Path, folder: Path, user: pwd.struct_passwd | None):
        self.bin_dir, self.folder, self.user = bin_dir, folder, user
        self.data = folder / "data"

    @classmethod
    def start(cls, bin_dir: Path | None = None) -> TempServer:
        bin_dir = bin_dir or find_bin_dir()
        if bin_dir is None:
            raise FileNotFoundError("no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
        user = None
        if os.geteuid() == 0:  # PostgreSQL refuses root
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no `postgres` user to run PostgreSQL as") from None
        folder = Path(tempfile.mkdtemp(prefix="warlog-pg-", dir="/tmp"))
        if user is not None:
            os.chown(folder, user.pw_uid, user.pw_gid)
        server = cls(bin_dir, folder, user)
        try:
            server._run(
                "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "-N"
            )
            opts = f"-k {folder} -c listen_addresses='' -F -c max_connections=50 -c shared_buffers=32MB"
            server._run("pg_ctl", "-D", str(server.data), "-l", str(folder / "log"), "-o", opts, "-w", "start")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return server

    def _run(self, program: str, *args: str) -> None:
        kw: dict[str, Any] = {}
        if self.user is not None:
            kw = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        r = subprocess.run(
            [str(self.bin_dir / program), *args], capture_output=True, text=True, cwd=self.folder, timeout=120, **kw
        )
        if r.returncode:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({r.returncode}): {r.stderr.strip() or r.stdout.strip()}\n{tail}")

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql:///{dbname}?host={quote(str(self.folder))}&user={SUPERUSER}"

    def new_database(self) -> str:
        name = f"warlog_{os.getpid()}_{next(self._names)}"
        _create_database(self.dsn(), name)
        return self.dsn(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class External:
    """A server given by a DSN (its database is where new databases are created from)."""

    _names = itertools.count(1)

    def __init__(self, dsn: str):
        self.base = dsn

    def new_database(self) -> str:
        name = f"warlog_test_{os.getpid()}_{next(self._names)}"
        _create_database(self.base, name)
        parts = urlsplit(self.base)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def stop(self) -> None:
        """Databases made for the tests are left to the server's owner (named warlog_test_<pid>_<n>)."""
