"""Who may read a school's reports is the school's staff list, so every change to it is recorded
in Wagtail's audit log (naming who was added or removed, and by whom when known) and the school's
safeguarding lead is emailed when someone is added. Nobody, administrators included, can quietly
give themselves access to pupils' words."""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from wagtail.log_actions import log

logger = logging.getLogger("portal.reporting")

STAFF_ADDED = "reporting.staff_added"
STAFF_REMOVED = "reporting.staff_removed"

_quiet = contextvars.ContextVar("staff_audit_quiet", default=False)


@contextlib.contextmanager
def without_emails():
    """Log staff changes but send no email (the demo command setting up its own users)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def staff_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    from .models import School

    if action not in ("post_add", "post_remove", "pre_clear") or reverse:
        return
    if not isinstance(instance, School):
        return
    if action == "pre_clear":
        pk_set = set(instance.staff.values_list("pk", flat=True))
        action = "post_remove"
    if not pk_set:
        return
    users = list(get_user_model().objects.filter(pk__in=pk_set).order_by("username"))
    names = [user.get_username() for user in users]
    added = action == "post_add"
    log(instance, STAFF_ADDED if added else STAFF_REMOVED, data={"users": names})
    if added and instance.lead_email and not _quiet.get():
        school_name, lead_email = instance.name, instance.lead_email
        transaction.on_commit(lambda: _tell_the_lead(school_name, lead_email, names))


def _tell_the_lead(school_name: str, lead_email: str, names: list[str]) -> None:
    body = (
        f"{', '.join(names)} can now read the pupil reports of {school_name} in the portal.\n\n"
        "If you did not expect this, tell the partnership's administrators at once."
    )
    try:
        send_mail(
            f"New access to {school_name}'s pupil reports",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [lead_email],
            fail_silently=False,
        )
    except Exception:  # noqa: BLE001 - the change is already logged; mail failures must not undo it
        logger.exception("Could not tell %s about new access to its reports", school_name)
