"""gunicorn settings for an app server (#6): `gunicorn -c newsroom/gunicorn.conf.py`.

Every app server behind the load balancer runs the same command; what
differs comes from the environment (docs/deploy.md):

- ``GUNICORN_BIND``: address to listen on (default ``0.0.0.0:8000``; ``PORT``
  alone also works).
- ``GUNICORN_WORKERS``: sync workers (default: one per core; sync workers
  served our pages faster than gthread or uvicorn ones, ``bench/README.md``).
- ``GUNICORN_TIMEOUT``: seconds before a stuck worker is restarted (30).
- ``GUNICORN_ACCESS_LOG``: where the access log goes (``-``: stdout; empty
  or ``/dev/null``: no access log, so no line is formatted at all).
- ``GUNICORN_MAX_REQUESTS``: requests a worker serves before it is replaced
  (default 100,000, give or take a tenth, so a slow leak never builds up).
- ``FORWARDED_ALLOW_IPS``: the load balancer's addresses, whose
  X-Forwarded-* headers are trusted (default 127.0.0.1).
- ``DRAIN_SECONDS``: after SIGTERM, how long a worker keeps serving while
  ``/healthz/ready`` answers 503, so the balancer moves traffic away before
  the worker stops accepting it (default 0: stop at once, as gunicorn does).
"""

import math
import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")]
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
drain_seconds = float(os.environ.get("DRAIN_SECONDS", "0"))
# Draining, then in-flight requests, must fit before gunicorn kills a worker.
graceful_timeout = 20 + math.ceil(drain_seconds)
keepalive = 5
# Recycle workers now and then, staggered, so a slow leak never builds up;
# rarely, since a new worker loads Django again (bench/README.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn 27 opens a control socket at one fixed path by default: two
# servers on one machine clash. Nothing uses it.
control_socket_disable = True

# Writing lines to /dev/null still formats each one (bench/README.md).
NO_ACCESS_LOG = ("", "/dev/null")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
if accesslog in NO_ACCESS_LOG:
    accesslog = None
errorlog = "-"
# The worker's pid (%(p)s) shows which worker answered.
access_log_format = '%(h)s %(p)s "%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """On SIGTERM, drain for ``DRAIN_SECONDS`` before gunicorn's graceful stop.

    gunicorn's own handler stops the worker accepting at once; requests the
    balancer sends in the meantime would then be refused. This one marks
    the process draining (``/healthz/ready`` answers 503) and hands over to
    gunicorn's handler once the balancer has had time to notice.
    """
    if drain_seconds <= 0:
        return
    import signal
    import threading

    from newsroom.health import start_draining

    def stop(signum, frame):
        worker.handle_exit(signum, frame)
        # Wake the worker's wait, as a signal would (gunicorn's wakeup pipe).
        os.write(worker.PIPE[1], b"1")

    def drain_then_stop(signum, frame):
        start_draining()
        threading.Timer(drain_seconds, stop, args=(signum, frame)).start()

    signal.signal(signal.SIGTERM, drain_then_stop)
