"""Emails about Location Risk Assessment requests. Each carries the request's private status link
(the same link every time). Sending happens after the transaction commits; a mail failure is
logged and never undoes the request or shows an error to the provider."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import LocationRequest

logger = logging.getLogger("portal.location_requests")


def status_url(request: LocationRequest) -> str:
    path = reverse("location_request_status", kwargs={"token": request.status_token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def admin_url(request: LocationRequest) -> str:
    try:
        path = reverse("location_requests_admin:edit", args=[request.pk])
    except Exception:  # noqa: BLE001 - the admin views may not be installed (e.g. a trimmed test site)
        path = "/admin/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(subject: str, template: str, request: LocationRequest, recipients: list[str]) -> bool:
    recipients = [address for address in recipients if address]
    if not recipients:
        return False
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template, {"request": request, "status_url": status_url(request), "admin_url": admin_url(request)}
        )
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except Exception:  # noqa: BLE001 - never undo a stored request because mail is down
        logger.exception("Could not send '%s' for %s", subject, request.reference)
        return False
    return True


def request_received(request: LocationRequest) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("We have your location risk assessment request %(reference)s") % {"reference": request.reference}
        team_subject = _("New location risk assessment request %(reference)s") % {"reference": request.reference}
    _send(subject, "location_requests/email/received.txt", request, [request.contact_email])
    _send(team_subject, "location_requests/email/team_new.txt", request, [settings.LOCATION_REQUEST_TEAM_EMAIL])


def more_information_needed(request: LocationRequest) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("More information needed for %(reference)s") % {"reference": request.reference}
    _send(subject, "location_requests/email/more_information.txt", request, [request.contact_email])


def outcome(request: LocationRequest) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("The outcome of your location risk assessment %(reference)s") % {"reference": request.reference}
    _send(subject, "location_requests/email/outcome.txt", request, [request.contact_email])


def provider_replied(request: LocationRequest) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("The provider has answered on %(reference)s") % {"reference": request.reference}
    recipient = (
        request.officer.email if request.officer and request.officer.email else settings.LOCATION_REQUEST_TEAM_EMAIL
    )
    _send(subject, "location_requests/email/provider_replied.txt", request, [recipient])
