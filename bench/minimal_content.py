"""Fallback content for the benchmark when ``manage.py load_demo`` is not available.

``python bench/serve.py --content minimal`` runs this instead of load_demo: a home page as the
default site's root, a guidance index and 20 published guidance pages with a realistic body
(headings, text, a "what to do now" box, an accordion, contact details), topics, audiences and a
team. The numbers it gives are for this content, not the demo's: prefer load_demo.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402

from portal.home.models import (  # noqa: E402
    Audience,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    PartnershipSettings,
    Team,
    Topic,
)

PARAGRAPH = (
    "<p>Every practitioner who works with children has a duty to act on a concern. If you are unsure, "
    "talk to your designated safeguarding lead, and record what you saw, what was said and what you did.</p>"
)


def body() -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "When to use this guidance", "level": "h2"}),
        ("text", PARAGRAPH * 3),
        ("what_to_do_now", {"heading": "What to do now", "urgency": "urgent", "body": PARAGRAPH}),
        ("heading", {"text": "How to refer", "level": "h2"}),
        ("text", PARAGRAPH * 2),
        (
            "accordion",
            {
                "title": "Questions practitioners ask",
                "items": [{"heading": f"Question {n}", "content": PARAGRAPH} for n in range(1, 5)],
            },
        ),
        (
            "contact_details",
            {
                "name": "Multi-Agency Safeguarding Hub",
                "description": "For referrals about a child at risk.",
                "phone": "01708 000 001",
                "email": "mash@borough.example",
                "address": "",
                "opening_hours": "Monday to Friday, 9am to 5pm",
                "out_of_hours": "Emergency duty team: 01708 000 002",
            },
        ),
    ]


@transaction.atomic
def main() -> None:
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="Safeguarding Children Partnership", slug="home", locale=locale))
    Site.objects.all().delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Portal")
    PartnershipSettings.objects.update_or_create(
        site=site, defaults={"front_door_phone": "01708 000 001", "partnership_email": "scp@borough.example"}
    )
    index = home.add_child(instance=GuidanceIndexPage(title="Guidance", slug="guidance", show_in_menus=True))
    team = Team.objects.get_or_create(name="Safeguarding Partnership Team", defaults={"email": "scp@borough.example"})[
        0
    ]
    topics = [
        Topic.objects.get_or_create(slug=f"topic-{n}", locale=locale, defaults={"name": f"Topic {n}"})[0]
        for n in range(1, 6)
    ]
    audiences = list(Audience.objects.all())
    for n in range(1, 21):
        page = index.add_child(
            instance=GuidancePage(
                title=f"Guidance page {n:02d}",
                slug=f"guidance-page-{n:02d}",
                summary="What this guidance covers and when to use it.",
                body=body(),
                owning_team=team,
                last_reviewed=datetime.date(2026, 1, 15),
                next_review_date=datetime.date(2027, 1, 15),
                change_note="First published.",
            )
        )
        page.topics.set(topics[n % 5 : n % 5 + 2])
        page.audiences.set(audiences[: 1 + n % 3])
        page.save_revision().publish()


if __name__ == "__main__":
    main()
