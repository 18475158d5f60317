"""Telling a school's safeguarding lead that an urgent report has arrived.

The email says only that there is an urgent report and where to read it: a pupil's words never
travel by email. Sending happens after the report's transaction commits, and a mail failure is
logged, never shown to the pupil (their report is already safe in the database).
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import PupilReport

logger = logging.getLogger("portal.reporting")


class Notifier(Protocol):
    def urgent_report(self, report: PupilReport) -> None: ...


class EmailNotifier:
    """Sends through Django's email backend (SMTP in production, with ``EMAIL_TIMEOUT``)."""

    def urgent_report(self, report: PupilReport) -> None:
        school = report.school
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("reporting_admin:detail", args=[report.pk])
        with override(settings.LANGUAGE_CODE):
            subject = _("Urgent pupil report for %(school)s") % {"school": school.name}
            body = _(
                "An urgent report has been sent by a pupil at %(school)s (reference %(reference)s).\n\n"
                "Please read it as soon as you can, signed in to the portal:\n%(link)s\n\n"
                "For the pupil's safety this email does not include what they wrote."
            ) % {"school": school.name, "reference": report.reference, "link": link}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [school.lead_email], fail_silently=False)


def get_notifier() -> Notifier:
    return EmailNotifier()


def notify_urgent(report: PupilReport) -> None:
    """Send the urgent-report notice; never raises (the report is already stored)."""
    try:
        get_notifier().urgent_report(report)
    except Exception:  # noqa: BLE001 - a mail outage must not turn into an error page for a child
        logger.exception("Could not send the urgent report notice for %s", report.reference)
