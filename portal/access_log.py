"""gunicorn's access log without private links: a provider's status page address carries its
private token, which must not end up in log files."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

PRIVATE_PATHS = re.compile(r"(/(?:[a-z]{2}(?:-[a-z]{2})?/)?location-request/status/)[^/\s]+(/?)")


def redact(path: str) -> str:
    return PRIVATE_PATHS.sub(r"\1[private]\2", path or "")


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r", "f"):  # the path, the request line and the referrer
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
