"""gunicorn settings for production (`gunicorn portal.wsgi` reads this file from the project root).

Rendering is CPU-bound, so sync workers, about one per core. Each worker is replaced after a
thousand or so requests, so slow memory growth is reset without a restart."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
accesslog = "-"
# Access logs record neither the client's address nor the query string: the portal keeps no IP
# addresses, and a query can be personal (a young person's age and what they need help with).
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# ... and a provider's private status link is logged without its token.
logger_class = "portal.access_log.RedactingLogger"
