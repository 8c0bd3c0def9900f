"""gunicorn settings for an app server (#6): `gunicorn -c newsroom/gunicorn.conf.py`.

Every app server behind the load balancer runs the same command; what
differs comes from the environment (docs/deploy.md):

- ``GUNICORN_BIND``: address to listen on (default ``0.0.0.0:8000``; ``PORT``
  alone also works).
- ``GUNICORN_WORKERS``: sync workers (default: one per core; sync workers
  served our pages faster than gthread or uvicorn ones, ``bench/README.md``).
- ``GUNICORN_TIMEOUT``: seconds before a stuck worker is restarted (30).
- ``GUNICORN_ACCESS_LOG``: where the access log goes (``-``: stdout).
- ``FORWARDED_ALLOW_IPS``: the load balancer's addresses, whose
  X-Forwarded-* headers are trusted (default 127.0.0.1).
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")]
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, staggered, so a slow leak never builds up.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn 27 opens a control socket at one fixed path by default: two
# servers on one machine clash. Nothing uses it.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The worker's pid (%(p)s) shows which worker answered.
access_log_format = '%(h)s %(p)s "%(r)s" %(s)s %(b)s %(M)sms'
