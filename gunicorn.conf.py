"""Gunicorn settings for Foodie (read automatically from the working directory).

Every value can be changed through the environment, so the Compose services, the
native runner (`make stack`) and a bare `gunicorn foodie.wsgi` share one file.
docs/operators.md ("Gunicorn") explains each choice; NOTES.md records the measured
worker default.
"""

import os
import shutil


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Where Nginx reaches us. In Compose that is the container's port 8000 on the
# internal network; natively 127.0.0.1 only.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# One gthread worker per core with four threads each: against sync workers through
# Nginx it served page-cache hits faster and rendered pages as fast, with fewer
# processes (benchmarks/RESULTS.md, NOTES.md "Production stack"); Nginx buffers slow
# clients either way.
workers = _int("GUNICORN_WORKERS", max(os.cpu_count() or 1, 2))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 4)

# A request that takes longer than this is killed (Nginx gives up at 60 s too,
# see proxy_read_timeout); a reload or stop lets requests in flight finish
# within graceful_timeout. Compose's stop_grace_period is longer than this.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Nginx keeps upstream connections open (keepalive in nginx/); close ours after
# Nginx would have, never before.
keepalive = _int("GUNICORN_KEEPALIVE", 75)

# Recycle workers now and then so a slow leak cannot grow forever. A worker's
# restart costs a Django start (2-3 s without serving): at page-cache hit rates
# (500+ requests/s a worker) a limit of 2,000 restarted workers every few seconds,
# together, which cost more than half the hit throughput and gave p99s of seconds
# (benchmarks/RESULTS.md, "Edge cache"). 50,000 is a few minutes of that traffic, and
# the jitter (up to 50% more) keeps workers from restarting at the same time.
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 25_000)

# The heartbeat file is touched on every request: keep it in memory, not on the
# container's overlay filesystem (Gunicorn's "blocking os.fchmod" FAQ).
worker_tmp_dir = os.environ.get(
    "GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None
)

# Only the proxy may tell us the scheme. X-Forwarded-Proto is the one header Nginx
# sets (and Django's SECURE_PROXY_SSL_HEADER reads); the other two defaults are
# dropped so a client cannot make a request fail with contradictory headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Logs go to the process's stdout/stderr; the container runtime or the native
# runner collects them. %(h)s is Nginx: the client's address is in X-Forwarded-For.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" '
    "cache=%({x-wagtail-cache}o)s"
)

# We manage Gunicorn with signals (HUP, TERM) and a pid file, not the control socket,
# which would otherwise be created under $HOME and shared by every instance.
control_socket_disable = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
proc_name = "foodie"


# Prometheus counters must add up across workers (django-prometheus'
# "exports.md"): every process writes to PROMETHEUS_MULTIPROC_DIR, which must be in
# the environment before prometheus_client is imported, and is emptied on start.
def on_starting(server) -> None:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, exist_ok=True)


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
