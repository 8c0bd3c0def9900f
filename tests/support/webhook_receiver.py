"""A partner's webhook endpoint, for real: an HTTP server on a spare port.

It verifies every signature with the ``standardwebhooks`` package and the
subscription's secret, processes each event id once, and answers what the
test scripts (a 500 after processing, to see a retry, or a redirect to
``/elsewhere``, then 200s).
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass
class Receiver:
    secret: str = ""
    answers: list = field(default_factory=list)  # statuses to give, then 200s
    received: list = field(default_factory=list)  # (webhook-id, verified)
    processed: list = field(default_factory=list)  # payloads, once per id
    paths: list = field(default_factory=list)  # every path POSTed to

    def handle(self, headers, body):
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            self.received.append((headers.get("webhook-id"), False))
            return 401
        event_id = headers["webhook-id"]
        self.received.append((event_id, True))
        if event_id not in {p["id"] for p in self.processed}:
            self.processed.append({"id": event_id, **payload})
        return self.answers.pop(0) if self.answers else 200


def serve(receiver):
    """Start ``receiver`` on a spare port; return (url, server) to shut down."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the http.server API)
            body = self.rfile.read(int(self.headers["content-length"]))
            headers = {name.lower(): value for name, value in self.headers.items()}
            receiver.paths.append(self.path)
            status = receiver.handle(headers, body)
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("location", "/elsewhere")
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"status": status}).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/hooks", server
