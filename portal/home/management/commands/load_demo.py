"""``manage.py load_demo``: build the fictional Eastbrook partnership's demo site.

Safe to run again: it finds what it made before and changes only what differs, so a second run
adds no pages, documents, revisions, history entries or users. It does not touch the search
index; run ``manage.py update_index`` and
``manage.py rebuild_search_index`` afterwards (``scripts/start`` does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from portal.home.demo.accounts import DEMO_USERS, PASSWORD_ENV, DemoLogins, demo_passwords, ensure_users
from portal.home.demo.builder import BuildReport, DemoError, build_demo_site, search_index_updates_paused
from portal.home.demo.content import SITE


class Command(BaseCommand):
    help = "Create or refresh the demo site (pages, leaflets, toolkit, Youth Hub, glossary, history, settings, schools, pupil reports, location requests and the demo logins)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--login-file",
            type=Path,
            default=Path(settings.BASE_DIR) / ".demo-login",
            help=f"Where generated passwords are kept when {PASSWORD_ENV} is not set (default: .demo-login).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_passwords(options["login_file"])
        try:
            with search_index_updates_paused(), transaction.atomic():
                users = ensure_users(logins.passwords)
                report = build_demo_site(SITE, users, timezone.localdate())
        except DemoError as error:
            raise CommandError(str(error)) from error
        self._print_summary(report, options["verbosity"])
        self._print_logins(logins)

    def _print_summary(self, report: BuildReport, verbosity: int) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {report.home.title}"))
        self.stdout.write(f"  pages: {report.pages}")
        self.stdout.write(f"  documents: {report.documents}")
        self.stdout.write(f"  history entries: {report.history_entries}")
        self.stdout.write(f"  snippets: {report.snippets}")
        if verbosity > 1:
            tallies = (report.pages, report.documents, report.snippets)
            for status in ("created", "updated"):
                for label in (label for tally in tallies for label in getattr(tally, status)):
                    self.stdout.write(f"    {status}: {label}")
        self.stdout.write(
            "  The search indexes were not touched: run `manage.py update_index` and `manage.py rebuild_search_index`."
        )

    def _print_logins(self, logins: DemoLogins) -> None:
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        self.stdout.write("")
        for user in DEMO_USERS:
            password = logins.passwords[user.username]
            self.stdout.write(f"{user.role}: {admin_url}  user: {user.username}  password: {password}")
        self.stdout.write(f"(passwords from {logins.source})")
