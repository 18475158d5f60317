"""The access log never records a provider's private status token."""

from __future__ import annotations

import pytest

from portal.access_log import redact


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/location-request/status/IkxSQS0yMDI2:abc123/", "/location-request/status/[private]/"),
        ("/pl/location-request/status/IkxSQS0yMDI2:abc123/", "/pl/location-request/status/[private]/"),
        ("/guidance/core-groups/", "/guidance/core-groups/"),
        ("/location-request/step/address/", "/location-request/step/address/"),
    ],
)
def test_status_tokens_are_redacted(path, logged):
    assert redact(path) == logged


def test_the_logger_redacts_the_path_atom():
    from types import SimpleNamespace

    from gunicorn.config import Config

    from portal.access_log import RedactingLogger

    logger = RedactingLogger(Config())
    request = SimpleNamespace(
        method="GET", path="/location-request/status/secret-token-value/", query="", version=(1, 1), headers=[]
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    environ = {
        "RAW_URI": request.path,
        "PATH_INFO": request.path,
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://portal.example" + request.path,
    }
    import datetime

    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    assert "secret-token-value" not in atoms["U"] + atoms["r"] + atoms["f"]
    assert atoms["U"] == "/location-request/status/[private]/"
