"""A web worker without Elasticsearch configured never loads its client (over 100 modules and
several megabytes of memory in every worker; docs/performance.md, "Worker memory"), and a worker
loads orjson (3.6 MB) only when it answers the hotspot API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD_THE_APP = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # the whole URLconf: the public views, the admin, the APIs
import portal.wsgi, search.views, search.indexing, search.signals, portal.reporting.submission
import portal.reporting.hotspots, portal.reporting.area
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"elasticsearch", "elastic_transport", "orjson"})
print(",".join(loaded))
"""


def test_without_elasticsearch_url_no_worker_loads_the_client():
    env = {key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", LOAD_THE_APP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == ""


def test_orjson_is_loaded_by_the_first_map_answer_only():
    env = {key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    answer = LOAD_THE_APP + (
        "from portal.reporting import api, cells\n"
        "api._json({'outline': cells.boundary_json(cells.snap(51.5, 0.1))})\n"
        "print('orjson' in sys.modules)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", answer], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["True"]
