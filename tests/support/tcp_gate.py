"""A TCP gate in front of a real server, to take it away and bring it back (#18).

``TcpGate(upstream)`` listens on a free local port. ``open`` passes bytes
both ways to the upstream (a real Redis); ``refuse`` closes every connection
at once, like a dead server; ``freeze`` accepts and never answers, like a
stopped one (SIGSTOP). It counts the connections clients made, so a test can
tell whether a client tried at all. Nothing of the upstream is stopped: the
rest of the suite keeps using it.
"""

import selectors
import socket
import threading


class TcpGate:
    def __init__(self, upstream=None):
        self.upstream = upstream  # (host, port) or None
        self.mode = "open" if upstream else "refuse"
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._held = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def open(self):
        self.mode = "open"

    def refuse(self):
        self.mode = "refuse"
        self._drop_held()

    def freeze(self):
        self.mode = "freeze"

    def close(self):
        self._stopping.set()
        self._thread.join(2)
        self._listener.close()
        self._drop_held()

    def _drop_held(self):
        for held in self._held:
            held.close()
        self._held = []

    def _serve(self):
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            if self.mode == "refuse":
                client.close()
            elif self.mode == "freeze":
                self._held.append(client)
            else:
                threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client):
        try:
            server = socket.create_connection(self.upstream, timeout=2)
        except OSError:
            client.close()
            return
        self._held += [client, server]
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, server)
        selector.register(server, selectors.EVENT_READ, client)
        try:
            while self.mode == "open" and not self._stopping.is_set():
                for key, _ in selector.select(timeout=0.1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            client.close()
            server.close()
