"""A real nginx in front of live gunicorn servers, with the repository's config (#18).

``NginxFront(servers, static_root)`` renders ``deploy/nginx-site.conf.template``
for the given app servers, wraps it in a minimal main config of its own
(its own prefix, pid, logs and temporary folders, a spare loopback port: the
machine's nginx, if any, is never touched), starts nginx in the foreground
and stops it on ``close()``. Debian's nginx (``make nginx``) is needed; where
it is missing the caller skips.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .live_servers import BASE_DIR, Unavailable, free_port

TEMPLATE = BASE_DIR / "deploy" / "nginx-site.conf.template"
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN = """
{user}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {mime}
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def nginx_binary():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        raise Unavailable("nginx is not installed (make nginx, as root, installs it)")
    return found


def render_site(servers, static_root, port):
    upstreams = " ".join(
        f"server 127.0.0.1:{server.port} max_fails=1 fail_timeout=2s;"
        for server in servers
    )
    return (
        TEMPLATE.read_text()
        .replace("@LISTEN@", f"127.0.0.1:{port}")
        .replace("@SERVER_NAME@", "localhost")
        .replace("@STATIC_ROOT@", str(static_root))
        .replace("@APP_SERVERS@", upstreams)
    )


class NginxFront:
    def __init__(self, servers, static_root):
        binary = nginx_binary()
        self.prefix = Path(tempfile.mkdtemp(prefix="td-nginx-"))
        self.port = free_port()
        (self.prefix / "site.conf").write_text(
            render_site(servers, static_root, self.port)
        )
        main = MAIN.format(
            prefix=self.prefix,
            # As root, workers would drop to "nobody", who cannot write here.
            user="user root;" if os.geteuid() == 0 else "",
            mime=f"include {MIME_TYPES};" if MIME_TYPES.exists() else "",
        )
        (self.prefix / "nginx.conf").write_text(main)
        command = [
            binary,
            "-p",
            str(self.prefix),
            "-c",
            str(self.prefix / "nginx.conf"),
        ]
        check = subprocess.run(
            [*command, "-t", "-e", str(self.prefix / "error.log")],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the config:\n{check.stderr}")
        self.process = subprocess.Popen(
            [*command, "-e", str(self.prefix / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_until_listening()

    def wait_until_listening(self):
        import socket

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError((self.prefix / "error.log").read_text()[-2000:])

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)
