"""Walks the provider's request form through the test client, as a browser without JavaScript."""

from __future__ import annotations

import copy
import datetime

from django.utils import timezone

from tests.location_requests.factories import ANSWERS

STEPS = ["organisation", "address", "placement", "concerns", "research", "declaration"]


class RequestWalker:
    def __init__(self, client, page):
        self.client = client
        self.page = page

    @property
    def prefix(self) -> str:
        return f"location_request_{self.page.pk}"

    def step_url(self, step: str) -> str:
        return self.page.url + self.page.reverse_subpage("request_step", kwargs={"step": step})

    def get(self, step: str):
        return self.client.get(self.step_url(step))

    def post(self, step: str, answers: dict | None = None):
        data = {f"{self.prefix}-current_step": step}
        for name, value in (answers or {}).items():
            data[f"{step}-{name}"] = value
        return self.client.post(self.step_url(step), data)

    def answer(self, step: str, answers: dict) -> str:
        response = self.post(step, answers)
        assert response.status_code == 302, (step, response.status_code, response.context["form"].errors)
        return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def default_answers() -> dict:
    answers = copy.deepcopy(ANSWERS)
    answers["placement"]["planned_start"] = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    return answers


def complete_request(walker: RequestWalker, overrides: dict | None = None, *, send: bool = True):
    answers = default_answers()
    for step, values in (overrides or {}).items():
        answers[step] = {**answers.get(step, {}), **values}
    walker.get("organisation")
    for step in STEPS:
        walker.answer(step, answers[step])
    if not send:
        return walker.get("check")
    response = walker.post("check", {})
    response = walker.client.get(response["Location"])  # the done step
    return walker.client.get(response["Location"])
