"""Fixed lists for Location Risk Assessment requests. Labels live here so they can be translated."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ORGANISATION_TYPES = [
    ("childrens-home", _("Children's home")),
    ("supported-accommodation", _("Supported accommodation")),
    ("semi-independent", _("Semi-independent unit")),
    ("fostering-agency", _("Fostering agency")),
    ("other", _("Other")),
]

ACCOMMODATION_TYPES = [
    ("house", _("A house")),
    ("flat", _("A flat")),
    ("shared", _("Shared accommodation (rooms with shared facilities)")),
    ("supported-lodgings", _("Supported lodgings")),
    ("other", _("Other")),
]

CONCERNS = [
    ("exploitation", _("Exploitation (criminal or sexual)")),
    ("missing", _("Going missing")),
    ("substances", _("Substance misuse")),
    ("gangs", _("Gang association")),
    ("self-harm", _("Self-harm")),
    ("online", _("Online risk")),
    ("other", _("Other")),
]

RESEARCH_TOPICS = [
    ("police_team", _("Local police team")),
    ("schools", _("Nearby schools and colleges")),
    ("transport", _("Transport links")),
    ("parks", _("Parks and places where young people gather")),
    ("licensed_premises", _("Licensed premises (pubs, off-licences, betting shops)")),
]

SUBMITTED = "submitted"
IN_ASSESSMENT = "in-assessment"
MORE_INFORMATION = "more-information"
COMPLETED = "completed"
WITHDRAWN = "withdrawn"
STATUSES = [
    (SUBMITTED, _("Submitted")),
    (IN_ASSESSMENT, _("In assessment")),
    (MORE_INFORMATION, _("More information needed")),
    (COMPLETED, _("Completed")),
    (WITHDRAWN, _("Withdrawn")),
]
OPEN_STATUSES = (SUBMITTED, IN_ASSESSMENT, MORE_INFORMATION)
# Which status may follow which: the officer's workflow.
TRANSITIONS = {
    SUBMITTED: {IN_ASSESSMENT, MORE_INFORMATION, WITHDRAWN},
    IN_ASSESSMENT: {MORE_INFORMATION, COMPLETED, WITHDRAWN},
    MORE_INFORMATION: {IN_ASSESSMENT, COMPLETED, WITHDRAWN},
    COMPLETED: set(),
    WITHDRAWN: set(),
}

LOW, MEDIUM, HIGH = "low", "medium", "high"
RISK_RATINGS = [(LOW, _("Low")), (MEDIUM, _("Medium")), (HIGH, _("High"))]
