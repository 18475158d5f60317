"""Creating requests and moving them through the officer's workflow. Plain functions, so the
rules can be tested without a request; every status change is written to Wagtail's audit log."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.log_actions import log

from . import choices, notifications
from .models import LocationRequest, LocationRequestMessage, ReferenceSequence, due_date_for

STATUS_ACTION = "location_requests.status"
ASSIGN_ACTION = "location_requests.assign"
OUTCOME_ACTION = "location_requests.outcome"
PROVIDER_UPDATE_ACTION = "location_requests.provider_update"


class TransitionError(ValueError):
    """A status change the workflow does not allow, in words for the officer."""


def submit_request(fields: dict, submission_key: str) -> tuple[LocationRequest, bool]:
    """Store a new request with the next reference and its due date. The same submission key twice
    (a double click) returns the first request and stores nothing new."""
    existing = LocationRequest.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            request = LocationRequest(
                submission_key=submission_key,
                submitted_at=now,
                due_date=due_date_for(timezone.localdate(now)),
                reference=ReferenceSequence.next_reference(timezone.localdate(now).year),
                **fields,
            )
            request.full_clean(exclude=["reference", "submission_key", "due_date"])
            request.save()
            log(request, "wagtail.create", user=None, data={"status": request.status})
    except IntegrityError:
        existing = LocationRequest.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(lambda: notifications.request_received(request))
    return request, True


def change_status(request: LocationRequest, new_status: str, *, user, message: str = "") -> None:
    """Move a request to ``new_status`` if the workflow allows it, log it, and tell the provider
    when it needs something from them."""
    old_status = request.status
    if new_status == old_status:
        return
    if new_status not in choices.TRANSITIONS.get(old_status, set()):
        labels = dict(choices.STATUSES)
        raise TransitionError(
            f"A request that is {str(labels[old_status]).lower()} cannot become {str(labels[new_status]).lower()}."
        )
    if new_status == choices.MORE_INFORMATION and not (message or request.information_requested).strip():
        raise TransitionError("Say what information you need from the provider.")
    if new_status == choices.COMPLETED and not (request.risk_rating and request.outcome_reasons.strip()):
        raise TransitionError("Give a risk rating and the reasons before completing the request.")
    with transaction.atomic():
        request.status = new_status
        if new_status == choices.MORE_INFORMATION:
            if message.strip():
                request.information_requested = message.strip()
            LocationRequestMessage.objects.create(
                request=request, sender=LocationRequestMessage.FROM_OFFICER, text=request.information_requested
            )
        if new_status == choices.COMPLETED:
            request.completed_on = timezone.localdate()
        request.save()
        log(request, STATUS_ACTION, user=user, data={"from": old_status, "to": new_status})
    if new_status == choices.MORE_INFORMATION:
        transaction.on_commit(lambda: notifications.more_information_needed(request))
    elif new_status == choices.COMPLETED:
        transaction.on_commit(lambda: notifications.outcome(request))


def assign(request: LocationRequest, officer, *, user) -> None:
    request.officer = officer
    request.save(update_fields=["officer"])
    log(request, ASSIGN_ACTION, user=user, data={"officer": getattr(officer, "pk", None)})


def provider_update(request: LocationRequest, text: str) -> LocationRequestMessage:
    """The provider answers a request for more information: the answer is kept, the request goes
    back into assessment, and the officer is told."""
    with transaction.atomic():
        message = LocationRequestMessage.objects.create(
            request=request, sender=LocationRequestMessage.FROM_PROVIDER, text=text.strip()
        )
        # Only from "more information needed": an officer's change made at the same moment wins.
        moved = LocationRequest.objects.filter(pk=request.pk, status=choices.MORE_INFORMATION).update(
            status=choices.IN_ASSESSMENT
        )
        if moved:
            request.status = choices.IN_ASSESSMENT
            log(request, STATUS_ACTION, user=None, data={"from": choices.MORE_INFORMATION, "to": choices.IN_ASSESSMENT})
        log(request, PROVIDER_UPDATE_ACTION, user=None, data={"message": message.pk})
    transaction.on_commit(lambda: notifications.provider_replied(request))
    return message


def overdue_count(today: datetime.date | None = None) -> int:
    return LocationRequest.objects.overdue(today).count()


def record_outcome(obj: LocationRequest, *, risk_rating: str, reasons: str, recommendations: str, user) -> None:
    """Complete a request with its outcome through ``change_status`` (which logs the
    status change and emails the provider), and log the outcome itself. Raises TransitionError,
    changing nothing, when the request cannot be completed from its status."""
    with transaction.atomic():
        locked = LocationRequest.objects.select_for_update().get(pk=obj.pk)
        if locked.status == choices.SUBMITTED:
            raise TransitionError(gettext("Move the request into assessment before recording the outcome."))
        if choices.COMPLETED not in choices.TRANSITIONS.get(locked.status, set()):
            raise TransitionError(
                gettext("This request is %(status)s, so no outcome can be recorded.")
                % {"status": str(dict(choices.STATUSES)[locked.status]).lower()}
            )
        locked.risk_rating = risk_rating
        locked.outcome_reasons = reasons.strip()
        locked.recommendations = recommendations.strip()
        change_status(locked, choices.COMPLETED, user=user)  # saves the outcome with the status
        log(locked, OUTCOME_ACTION, user=user, data={"risk_rating": risk_rating})
