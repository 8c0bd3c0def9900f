"""A PostgreSQL server of a test's own, to stop and crash (#18).

The fault tests must never stop the machine's PostgreSQL: the rest of the
suite runs on it. ``PostgresCluster`` runs ``initdb`` in a temporary folder
(as the ``postgres`` user when the tests run as root, since PostgreSQL
refuses to run as root) and serves it on a spare loopback port. ``stop()``
shuts it down cleanly, ``crash()`` kills the postmaster and every backend
with SIGKILL, as a power cut would leave it, and ``start()`` brings it back
(after a crash, through WAL recovery).
"""

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from .ports import free_port

START_TIMEOUT = 30


class ClusterUnavailable(Exception):
    """No PostgreSQL binaries here, or initdb failed; the message says which."""


def postgres_binaries():
    """Return the folder of ``initdb`` and ``postgres`` (Debian's, or on PATH)."""
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(found) / "initdb").exists():
            return Path(found)
    except (OSError, subprocess.CalledProcessError):
        pass
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise ClusterUnavailable("no initdb: install PostgreSQL's server package")


class PostgresCluster:
    """A throwaway PostgreSQL server on 127.0.0.1 (see above)."""

    def __init__(self):
        self.bin = postgres_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="td-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.user = "postgres"
        self.process = None
        initdb = self.run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        if initdb.returncode != 0:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise ClusterUnavailable(f"initdb failed:\n{initdb.stderr[-2000:]}")
        self.start()

    def run(self, program, *args):
        return subprocess.run(
            [str(self.bin / program), *map(str, args)],
            user=self.user,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    @property
    def server_url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    str(self.bin / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.folder),
                    "-c",
                    "listen_addresses=127.0.0.1",
                ],
                user=self.user,
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own process group, to crash as one
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self.answers():
                return
            time.sleep(0.05)
        raise ClusterUnavailable(
            f"postgres did not start:\n{self.log.read_text()[-2000:]}"
        )

    def answers(self):
        try:
            psycopg.connect(f"{self.server_url}/postgres", connect_timeout=1).close()
        except psycopg.Error:
            return False
        return True

    def stop(self):
        """Shut down as an operator would: fast mode, every session ended."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)

    def crash(self):
        """Kill the postmaster and every backend at once, with no shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def close(self):
        if self.process is not None and self.process.poll() is None:
            self.crash()
        shutil.rmtree(self.folder, ignore_errors=True)
