"""Readers under load for the fault tests (#18): every answer timed and kept."""

import threading
import time

from .live_servers import Browser


class Load:
    """Readers asking for pages and the API until stopped; every answer timed."""

    def __init__(self, server, key, paths, api_paths=(), readers=4):
        self.server, self.key = server, key
        self.paths, self.api_paths = paths, api_paths
        self.answers, self.stop = [], threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(readers)]

    def read(self):
        browser, api = Browser(), {"Authorization": f"Api-Key {self.key}"}
        while not self.stop.is_set():
            for path in self.paths:
                self.ask(browser, path)
            for path in self.api_paths:
                self.ask(browser, path, headers=api)

    def ask(self, browser, path, **kwargs):
        started = time.monotonic()
        try:
            response = browser.get(self.server, path, **kwargs)
            outcome = response.status, response.headers.get("X-Public-Cache")
        except OSError as error:
            outcome = type(error).__name__, None
        self.answers.append((time.monotonic(), time.monotonic() - started, outcome))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def since(self, moment):
        return [answer for answer in self.answers if answer[0] >= moment]


def p99(answers):
    """Return the 99th percentile of the answers' durations, in seconds."""
    seconds = sorted(taken for _, taken, _ in answers)
    return seconds[int(len(seconds) * 0.99) - 1]
