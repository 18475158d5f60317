"""Finding a typed postcode without the internet: a table loaded from the ONS Postcode Directory.

Used when a pupil has no map (no JavaScript) and types a postcode instead. The postcode itself is
never stored with the report: it is turned into a map cell like a pin is.
"""

from __future__ import annotations

import re

from .cells import LatLng
from .models import PostcodeLocation

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """'rm13bd ' -> 'RM1 3BD'; None when it is not shaped like a full UK postcode."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    match = POSTCODE_RE.match(compact)
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def lookup_postcode(text: str) -> LatLng | None:
    postcode = normalise_postcode(text)
    if postcode is None:
        return None
    row = PostcodeLocation.objects.filter(postcode=postcode).values_list("latitude", "longitude").first()
    return LatLng(*row) if row else None
