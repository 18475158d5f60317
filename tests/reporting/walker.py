"""Walks the pupils' report form through the test client, step by step, as a browser without
JavaScript would: GET the step, POST its answers, follow the redirect."""

from __future__ import annotations

from django.test import Client

from portal.reporting.models import PupilReportPage


class ReportWalker:
    def __init__(self, client: Client, page: PupilReportPage, **client_kwargs):
        self.client = client
        self.page = page
        self.client_kwargs = client_kwargs
        self.last = None

    @property
    def prefix(self) -> str:
        return f"pupil_report_{self.page.pk}"

    def step_url(self, step: str) -> str:
        return self.page.url + self.page.reverse_subpage("report_step", kwargs={"step": step})

    @property
    def sent_url(self) -> str:
        return self.page.url + self.page.reverse_subpage("report_sent")

    def get(self, step: str):
        self.last = self.client.get(self.step_url(step), **self.client_kwargs)
        return self.last

    def post(self, step: str, answers: dict | None = None, follow: bool = False):
        data = {f"{self.prefix}-current_step": step}
        for name, value in (answers or {}).items():
            data[f"{step}-{name}"] = value
        self.last = self.client.post(self.step_url(step), data, follow=follow, **self.client_kwargs)
        return self.last

    def answer(self, step: str, answers: dict | None = None) -> str:
        """Answer a step that should be accepted; returns the next step's name."""
        response = self.post(step, answers)
        assert response.status_code == 302, (step, response.status_code, _errors(response))
        location = response["Location"]
        return location.rstrip("/").rsplit("/", 1)[-1]

    def start(self) -> None:
        response = self.client.get(self.page.url, **self.client_kwargs)
        assert response.status_code == 200


def _errors(response) -> str:
    try:
        return str(response.context["form"].errors)
    except (TypeError, KeyError):
        return ""


SECONDARY_ANSWERS = {
    "school": {"join_code": "EBK-BROOK"},
    "where": {"context": "neighbourhood"},
    "map-place": {"latitude": "51.5774", "longitude": "0.1837"},
    "worries": {"categories": ["groups", "drugs"]},
    "feeling": {"feeling": "2", "times_of_day": ["evening"], "days": "weekends"},
    "details": {"details": "Older people hang around the bus stop at night."},
    "trusted-adult": {"wants_trusted_adult": "no"},
}


def complete_report(walker: ReportWalker, answers: dict | None = None, *, send: bool = True):
    """Answer every step the form asks, from the school onwards, using ``answers`` (step -> fields)
    and the defaults above; returns the response to the final GET of the confirmation."""
    answers = {**SECONDARY_ANSWERS, **(answers or {})}
    walker.get("school")
    step = "school"
    while step != "check":
        step = walker.answer(step, answers.get(step, {}))
    if not send:
        return walker.get("check")
    response = walker.post("check", {})
    assert response.status_code == 302, response.status_code
    response = walker.client.get(response["Location"], **walker.client_kwargs)  # the done step
    assert response.status_code == 302, response.status_code
    return walker.client.get(response["Location"], **walker.client_kwargs)
