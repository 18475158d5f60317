"""The demo's location risk assessment requests: the request page, a location risk officer and
ten requests from fictional care providers, in every state of the officer's workflow.

The providers, people and addresses are made up. Each address is on a street of the demo borough
beside one of the demo's postcodes (``reporting.POSTCODES``), and is stored at that postcode's
point, so the officer's area profile shows the demo's pupil reports around it.

The requests are written straight to the database rather than through ``services``, because the
services send the provider and the team an email for every step, and a demo must not send mail.
The audit log, the message thread and the officer's notes are written as the workflow writes them
and dated to when each step happened, counted in working days from the day the demo is built: one
request is overdue, the others are within their ten working days or already answered.

A request is found by its submission key (``demo-lra-...``), which never changes: running the
demo again adds nothing, and never moves a request another step or changes what an officer did
with it since. A request somebody deleted is made again, with the next reference.

The officer signs in as ``officer`` with the password ``load_demo`` prints.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from portal.location_requests import choices, working_days
from portal.location_requests.models import (
    BankHoliday,
    LocationRequest,
    LocationRequestMessage,
    LocationRequestNote,
    LocationRequestPage,
    ReferenceSequence,
    due_date_for,
)
from portal.location_requests.roles import OFFICERS
from portal.location_requests.services import ASSIGN_ACTION, OUTCOME_ACTION, PROVIDER_UPDATE_ACTION, STATUS_ACTION

from . import directory as d
from .accounts import DemoUser
from .builder import DemoBuilder, DemoError, DesiredPage, Tally
from .guidance import INDEX_SLUG as GUIDANCE_INDEX_SLUG
from .reporting import POSTCODES, map_to_latlng
from .specs import contact, heading, ol, p, text, what_to_do_now

# --- The officer ---------------------------------------------------------------------------------

# The group portal.location_requests.roles makes (after every migrate) and gives the officers'
# permissions to; made here, empty, if the roles have not run, so the demo user can still join it.
OFFICERS_GROUP = OFFICERS
OFFICER = DemoUser("officer", "Jordan", "Ellis", "Location risk officer", group=OFFICERS_GROUP)


def ensure_officer(admin: AbstractBaseUser) -> AbstractBaseUser:
    """The demo's location risk officer: the ``officer`` login that ``load_demo`` makes (with its
    own password, see ``accounts.DEMO_USERS``). When this section is built on its own (in tests),
    the officer is made here without a usable password."""
    group, _created = Group.objects.get_or_create(name=OFFICERS_GROUP)
    user_model = get_user_model()
    user = user_model.objects.filter(username=OFFICER.username).first()
    if user is None:
        user = user_model(
            username=OFFICER.username,
            first_name=OFFICER.first_name,
            last_name=OFFICER.last_name,
            email=OFFICER.email,
        )
        user.set_unusable_password()
        user.save()
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    return user


# --- The request page ----------------------------------------------------------------------------

PAGE_SLUG = "location-request"
PAGE_TITLE = "Ask for a location risk assessment"
GUIDANCE_PAGE = f"{GUIDANCE_INDEX_SLUG}/location-risk-assessments"

# The eight principles each young person living in a home should be able to agree to, in the
# words of a young person.
PRINCIPLES = (
    "I am safe at home, and I feel safe out and about in the streets around it.",
    "People hear what I say and speak up for me, so my views change the help I get.",
    "The adults around me understand who I am, have the right skills and work well together for me.",
    "I have a space of my own to be proud of, in a home that is comfortable, kept in good repair and "
    "somewhere I can stay.",
    "The help I get is good, fits me, and looks after my health and how I feel.",
    "I have people I trust and close relationships, and I know the adults around me will be there for me.",
    "I am helped to learn, and to practise, what I will need to know to live on my own as an adult.",
    "Because of the support I get, I look forward to my future and the chances it holds.",
)

PROCESS_STEPS = (
    "Find out about the area yourself first: talk to the local police team and look at the schools and "
    "colleges, buses and trains, parks and places where young people meet, and the pubs, off-licences and "
    "betting shops nearby.",
    "Fill in the request form on this page. It asks about your organisation, the address, the placement, any "
    "concerns you already know about and what your own research found. Never give a young person's name.",
    "We send you a reference and the date we will answer by, with a private link where you can follow your "
    "request. You do not need an account.",
    "A location risk officer looks at the area with the police and other agencies, and at what local children "
    "and young people have told us about where they feel unsafe. If they need to know more, they ask you "
    "through your private link.",
    "You receive the assessment: a risk rating of low, medium or high, the reasons for it, and what we "
    "recommend you do. Go through it with your staff before the young person moves in.",
)


def page_fields(builder: DemoBuilder) -> dict[str, str]:
    guidance = builder.pages.get(GUIDANCE_PAGE)
    read_more = ""
    if guidance is not None:
        read_more = p(
            f'Our <a linktype="page" id="{guidance.pk}">guidance on location risk assessments</a> explains '
            "what a good assessment looks at and how often to review it."
        )
    return {
        "title": PAGE_TITLE,
        "search_description": (
            "Care providers: ask the partnership to assess the area around a home for young people, and follow "
            "the request online."
        ),
        "introduction": p(
            f"Children's homes, supported accommodation and semi-independent units caring for young people in "
            f"{d.BOROUGH} need to know the area around each home well. Ofsted expects every home to assess the risks "
            "of its neighbourhood and keep that assessment current, and for supported accommodation it is part of "
            "the quality standards that apply from October 2023.",
            "Use this form to ask the partnership for a location risk assessment of an address, before a young "
            "person moves in wherever you can.",
        )
        + read_more,
        "confirmation_text": p(
            "A location risk officer will look at the area around the address, using your own research, what the "
            "police and other agencies know, and what local young people have told us.",
            "Keep the email we sent you: its link is the only way to see your request without phoning us. If the "
            "officer needs more information, we will email you and you can answer at the same link.",
            f"If you have a question in the meantime, call the Location Risk Assessment Team on {d.LOCATION_PHONE} "
            "and give your reference.",
        ),
    }


def page_body() -> list[dict]:
    return [
        heading("How it works"),
        text(ol(*PROCESS_STEPS)),
        heading("What young people should be able to say"),
        text(
            p(
                "A good home in the right place is one where each young person living there can agree with all "
                "eight of these. Keep them in mind when you research the area and when you plan the support:"
            ),
            ol(*PRINCIPLES),
        ),
        what_to_do_now(
            p(
                f"This form is not for emergencies. If a young person is in immediate danger, call {d.EMERGENCY}. "
                f"If you are worried about a child, contact the {d.MASH_NAME} on {d.MASH_PHONE}."
            ),
            heading="If a young person is at risk now",
            urgency="urgent",
        ),
        contact(
            "Location Risk Assessment Team",
            description="Questions about a request, or advice about an area.",
            phone=d.LOCATION_PHONE,
            email=d.LOCATION_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
    ]


def ensure_request_page(builder: DemoBuilder, tally: Tally) -> LocationRequestPage:
    """The request page below the home page, found by slug and published only when it differs."""
    home = builder.pages[""]
    existing = home.get_children().filter(slug=PAGE_SLUG).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, LocationRequestPage):
            raise DemoError(
                f"{page.url_path} is a {page.specific_class.__name__}, not a LocationRequestPage; "
                "the demo will not replace it."
            )
    else:
        page = LocationRequestPage(title=PAGE_TITLE, slug=PAGE_SLUG, live=False)
        home.add_child(instance=page)
        builder.created_page_ids.add(page.pk)
    page, status = builder.sync_page(page, DesiredPage(page_fields(builder), streams={"body": page_body()}))
    builder.pages[PAGE_SLUG] = page
    tally.add(status, page.title)
    return page


# --- The requests --------------------------------------------------------------------------------

ASSIGN, IN_ASSESSMENT, ASK, ANSWER, NOTE, COMPLETE, WITHDRAW = (
    "assign",
    "in-assessment",
    "ask",
    "answer",
    "note",
    "complete",
    "withdraw",
)


@dataclass(frozen=True)
class Step:
    """Something that happened to a request, ``after`` working days after it was sent."""

    after: int
    kind: str
    text: str = ""


@dataclass(frozen=True)
class Outcome:
    rating: str
    reasons: str
    recommendations: str


@dataclass(frozen=True)
class DemoRequest:
    key: str  # the stable part of the submission key
    status: str  # where the steps leave it (the tests check the two agree)
    sent_days_ago: int  # working days before the day the demo is built
    sent_at: datetime.time
    organisation_name: str
    organisation_type: str
    ofsted_urn: str
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str
    address_line_1: str
    postcode: str
    accommodation_type: str
    number_of_young_people: int
    ages: tuple[int, int]
    starts_in_days: int  # the planned start, in days after the request was sent
    concerns: tuple[str, ...] = ()
    concern_notes: str = ""
    research: Mapping[str, str] = field(default_factory=dict)
    research_notes: str = ""
    young_person: tuple[str, int] | None = None  # initials and age, never a name
    address_line_2: str = ""
    steps: tuple[Step, ...] = ()
    outcome: Outcome | None = None
    overdue: bool = False  # sent this many more working days ago than the response time allows

    @property
    def submission_key(self) -> str:
        return f"demo-lra-{self.key}"


REQUESTS: tuple[DemoRequest, ...] = (
    DemoRequest(
        key="orchard-way",
        status=choices.COMPLETED,
        sent_days_ago=44,
        sent_at=datetime.time(10, 12),
        organisation_name="Oak Tree Children's Homes",
        organisation_type="childrens-home",
        ofsted_urn="SC482913",
        contact_name="Helen Ashworth",
        contact_role="Registered manager",
        contact_email="helen.ashworth@oaktreehomes.example",
        contact_phone="01632 960 701",
        address_line_1="9 Orchard Way",
        postcode="EB7 1AA",
        accommodation_type="house",
        number_of_young_people=2,
        ages=(12, 15),
        starts_in_days=42,
        concerns=("missing",),
        concern_notes="One of the two young people has gone missing from placements before, always to the town centre.",
        research={
            "police_team": "Spoke to the West Eastbrook Safer Neighbourhood Team: a quiet residential street with "
            "few calls.",
            "schools": "Westway Primary is at the end of the road; the nearest secondary is a 15-minute bus ride.",
            "transport": "Buses every 12 minutes to the town centre from Orchard Way.",
            "parks": "A small play park with a gate that is locked at dusk.",
        },
        steps=(
            Step(1, ASSIGN),
            Step(1, IN_ASSESSMENT),
            Step(3, NOTE, "Checked with the police: two calls to the street in the last year, both noise."),
            Step(6, COMPLETE),
        ),
        outcome=Outcome(
            choices.LOW,
            "Orchard Way is a quiet residential street. The police have had very few calls to it, pupils at the "
            "nearby schools have not reported it as somewhere they feel unsafe, and the play park is locked at dusk.",
            "Agree with the young people how they will get to and from the town centre, and when. Include the bus "
            "route in the missing-from-care plan, and review this assessment in a year.",
        ),
    ),
    DemoRequest(
        key="high-road",
        status=choices.COMPLETED,
        sent_days_ago=31,
        sent_at=datetime.time(14, 35),
        organisation_name="Harbour Step Supported Living",
        organisation_type="supported-accommodation",
        ofsted_urn="2714530",
        contact_name="Daniel Osei",
        contact_role="Service manager",
        contact_email="d.osei@harbourstep.example",
        contact_phone="01632 960 712",
        address_line_1="Flat 6",
        address_line_2="120 High Road",
        postcode="EB1 1BD",
        accommodation_type="flat",
        number_of_young_people=1,
        ages=(17, 17),
        starts_in_days=21,
        young_person=("TK", 17),
        concerns=("exploitation", "substances"),
        concern_notes="Previous concerns about criminal exploitation in another borough; has used cannabis.",
        research={
            "police_team": "The town centre team told us about drug dealing near the shopping centre and the station.",
            "transport": "Two minutes from the bus station, eight minutes' walk from Eastbrook station.",
            "licensed_premises": "Two off-licences and a betting shop within 100 metres.",
        },
        research_notes="The flat is above a shop; the door to the flats opens straight onto the High Road.",
        steps=(
            Step(0, ASSIGN),
            Step(1, IN_ASSESSMENT),
            Step(
                2,
                NOTE,
                "Pupil reports show a cluster around the station underpass and the shopping centre, mostly in the "
                "evening: groups of older young people and drugs.",
            ),
            Step(4, NOTE, "Discussed at the exploitation panel: the area is known for county lines recruitment."),
            Step(8, COMPLETE),
        ),
        outcome=Outcome(
            choices.HIGH,
            "The flat is in the part of the town centre where the police and the exploitation panel have the most "
            "concerns about young people being drawn into selling drugs, particularly around the station underpass "
            "and the shopping centre in the evening. Pupils often report feeling unsafe there. For a young person "
            "with a history of criminal exploitation, the risk is high.",
            "We recommend you do not place this young person at this address. If you go ahead with the flat for "
            "someone else, agree a safety plan with the town centre police team, plan routes that avoid the "
            "underpass after dark, and ask us to review the assessment within three months.",
        ),
    ),
    DemoRequest(
        key="brook-lane",
        status=choices.COMPLETED,
        sent_days_ago=24,
        sent_at=datetime.time(9, 5),
        organisation_name="Brookside Semi-Independent Living",
        organisation_type="semi-independent",
        ofsted_urn="2698841",
        contact_name="Amara Nwosu",
        contact_role="Team leader",
        contact_email="amara@brooksideliving.example",
        contact_phone="01632 960 723",
        address_line_1="2 Brook Lane",
        postcode="EB5 1AB",
        accommodation_type="shared",
        number_of_young_people=4,
        ages=(16, 18),
        starts_in_days=30,
        concerns=("gangs", "online"),
        concern_notes="Two of the young people have links to a group that posts videos about the Brook Lane area.",
        research={
            "police_team": "The Safer Neighbourhood Team said Brook Lane has had fights after school in the last term.",
            "schools": "Brook Lane Primary is next door; Canalside Academy is a ten-minute walk along the canal.",
            "parks": "The canal towpath is used as a short cut and is not lit.",
        },
        steps=(
            Step(1, ASSIGN),
            Step(2, IN_ASSESSMENT),
            Step(3, NOTE, "Walked the route to Canalside Academy at 4pm with the police community support officer."),
            Step(7, COMPLETE),
        ),
        outcome=Outcome(
            choices.MEDIUM,
            "Brook Lane itself is residential, but the unlit canal towpath nearby is a short cut where pupils report "
            "feeling unsafe, and there have been fights after school. The group the young people are linked to is "
            "active online rather than in this street.",
            "Agree routes to college that use the road rather than the towpath, especially in winter. Talk to the "
            "young people about the group's videos, and share any new concerns with the police team. Review in six "
            "months.",
        ),
    ),
    DemoRequest(
        key="mill-lane",
        status=choices.WITHDRAWN,
        sent_days_ago=16,
        sent_at=datetime.time(11, 48),
        organisation_name="Meadowbank Care",
        organisation_type="childrens-home",
        ofsted_urn="SC559102",
        contact_name="Chris Palmer",
        contact_role="Responsible individual",
        contact_email="chris.palmer@meadowbankcare.example",
        contact_phone="01632 960 734",
        address_line_1="7 Mill Lane",
        postcode="EB8 2SD",
        accommodation_type="house",
        number_of_young_people=3,
        ages=(11, 16),
        starts_in_days=60,
        research={"schools": "St Aidan's Primary and Westway Primary are both within a mile."},
        steps=(
            Step(1, ASSIGN),
            Step(2, IN_ASSESSMENT),
            Step(4, NOTE, "The provider phoned: the sale of the house has fallen through. Request withdrawn."),
            Step(4, WITHDRAW),
        ),
    ),
    DemoRequest(
        key="railway-terrace",
        status=choices.IN_ASSESSMENT,
        sent_days_ago=3,  # plus the response time: this one is overdue
        overdue=True,
        sent_at=datetime.time(15, 20),
        organisation_name="Northgate Semi-Independent Living",
        organisation_type="semi-independent",
        ofsted_urn="",
        contact_name="Maria Santos",
        contact_role="Director",
        contact_email="maria@northgateliving.example",
        contact_phone="01632 960 745",
        address_line_1="5 Railway Terrace",
        postcode="EB2 5HT",
        accommodation_type="shared",
        number_of_young_people=3,
        ages=(16, 17),
        starts_in_days=14,
        concerns=("missing", "exploitation"),
        research={
            "transport": "Eastbrook station is at the end of the terrace.",
            "parks": "Young people gather by the station underpass in the evenings.",
        },
        steps=(
            Step(2, ASSIGN),
            Step(3, IN_ASSESSMENT),
            Step(5, NOTE, "Waiting for the police to send their information about the underpass."),
        ),
    ),
    DemoRequest(
        key="church-road",
        status=choices.IN_ASSESSMENT,
        sent_days_ago=8,
        sent_at=datetime.time(10, 55),
        organisation_name="Brightpath Supported Accommodation",
        organisation_type="supported-accommodation",
        ofsted_urn="2733019",
        contact_name="Owen Price",
        contact_role="Housing and support manager",
        contact_email="owen.price@brightpath.example",
        contact_phone="01632 960 756",
        address_line_1="Flat 2",
        address_line_2="18 Church Road",
        postcode="EB6 2GE",
        accommodation_type="flat",
        number_of_young_people=1,
        ages=(18, 18),
        starts_in_days=25,
        young_person=("RM", 18),
        concerns=("self-harm",),
        concern_notes="Support from the leaving care team and the community mental health team.",
        research={
            "police_team": "Emailed the Safer Neighbourhood Team; no reply yet.",
            "transport": "Bus to Eastbrook College every 20 minutes.",
        },
        steps=(
            Step(1, ASSIGN),
            Step(1, IN_ASSESSMENT),
            Step(
                2,
                ASK,
                "Which GP surgery and mental health services will the young person use, and how far are they from "
                "the flat? Please also tell us who will be on call out of hours.",
            ),
            Step(
                4,
                ANSWER,
                "They will stay registered with the Canal Street surgery, a ten-minute walk away. The community "
                "mental health team is at the Civic Centre, two bus stops away. Our on-call manager covers evenings "
                "and weekends on 01632 960 757.",
            ),
        ),
    ),
    DemoRequest(
        key="canal-street",
        status=choices.MORE_INFORMATION,
        sent_days_ago=6,
        sent_at=datetime.time(13, 40),
        organisation_name="Willow Foster Care Partnership",
        organisation_type="fostering-agency",
        ofsted_urn="SC061774",
        contact_name="Grace Adebayo",
        contact_role="Supervising social worker",
        contact_email="grace.adebayo@willowfostering.example",
        contact_phone="01632 960 767",
        address_line_1="41 Canal Street",
        postcode="EB6 3HR",
        accommodation_type="supported-lodgings",
        number_of_young_people=1,
        ages=(16, 16),
        starts_in_days=35,
        young_person=("AJ", 16),
        concerns=("online",),
        concern_notes="Contact from adults online; the police are involved.",
        research={
            "schools": "Canalside Academy is at the end of the street.",
            "parks": "The canal towpath runs behind the house.",
        },
        steps=(
            Step(1, ASSIGN),
            Step(2, IN_ASSESSMENT),
            Step(
                4,
                ASK,
                "Will the young person go to Canalside Academy or stay at their current school? If they stay, "
                "how will they travel there and back, and at what times?",
            ),
        ),
    ),
    DemoRequest(
        key="park-road",
        status=choices.IN_ASSESSMENT,
        sent_days_ago=4,
        sent_at=datetime.time(9, 30),
        organisation_name="Kestrel House Care",
        organisation_type="childrens-home",
        ofsted_urn="SC610458",
        contact_name="Leah Morris",
        contact_role="Registered manager",
        contact_email="leah.morris@kestrelhouse.example",
        contact_phone="01632 960 778",
        address_line_1="27 Park Road",
        postcode="EB3 1AA",
        accommodation_type="house",
        number_of_young_people=3,
        ages=(13, 16),
        starts_in_days=45,
        concerns=("substances", "gangs"),
        research={
            "parks": "Millfield Park is opposite. Groups of older teenagers use the skate park in the evening.",
            "licensed_premises": "One pub on the corner.",
        },
        steps=(
            Step(1, ASSIGN),
            Step(1, IN_ASSESSMENT),
            Step(2, NOTE, "Pupil reports about Millfield Park mention drugs and groups by the skate park."),
        ),
    ),
    DemoRequest(
        key="victoria-road",
        status=choices.SUBMITTED,
        sent_days_ago=2,
        sent_at=datetime.time(16, 5),
        organisation_name="Larchwood Children's Homes",
        organisation_type="childrens-home",
        ofsted_urn="SC703226",
        contact_name="Sophie Turner",
        contact_role="Deputy manager",
        contact_email="sophie.turner@larchwood.example",
        contact_phone="01632 960 789",
        address_line_1="33 Victoria Road",
        postcode="EB9 1AA",
        accommodation_type="house",
        number_of_young_people=2,
        ages=(14, 17),
        starts_in_days=50,
        research={
            "schools": "Eastbrook Academy is on Victoria Road.",
            "transport": "Buses along Victoria Road to the town centre.",
        },
    ),
    DemoRequest(
        key="station-road",
        status=choices.SUBMITTED,
        sent_days_ago=1,
        sent_at=datetime.time(11, 15),
        organisation_name="Fresh Start Housing for Young People",
        organisation_type="other",
        ofsted_urn="",
        contact_name="Imran Hussain",
        contact_role="Project worker",
        contact_email="imran@freshstarthousing.example",
        contact_phone="01632 960 790",
        address_line_1="14 Station Road",
        postcode="EB1 1AB",
        accommodation_type="shared",
        number_of_young_people=5,
        ages=(16, 19),
        starts_in_days=28,
        concerns=("missing", "other"),
        concern_notes="Some of the young people have been homeless and have slept near the station.",
        research={"police_team": "Met the town centre team, who patrol Station Road in the evening."},
    ),
)


def postcode_point(postcode: str) -> tuple[float, float]:
    for code, x, y in POSTCODES:
        if code == postcode:
            return map_to_latlng(x, y)
    raise DemoError(f"{postcode} is not one of the demo's postcodes.")


def working_days_before(day: datetime.date, days: int, holidays: set[datetime.date]) -> datetime.date:
    current = day
    while days:
        current -= datetime.timedelta(days=1)
        if working_days.is_working_day(current, holidays):
            days -= 1
    return current


@dataclass
class RequestSummary:
    page: LocationRequestPage
    officer: AbstractBaseUser
    requests_created: int


def build_location_requests(builder: DemoBuilder, *, pages: Tally, snippets: Tally) -> RequestSummary:
    """The request page, the officer and (once each) the demo's requests. Called from
    ``DemoBuilder.build`` after the home page (and the guidance it links to) exist."""
    officer = ensure_officer(builder.admin)
    page = ensure_request_page(builder, pages)
    created = ensure_requests(builder.today, officer, snippets)
    return RequestSummary(page=page, officer=officer, requests_created=created)


def ensure_requests(today: datetime.date, officer: AbstractBaseUser, tally: Tally) -> int:
    """Make each demo request that is not there yet, oldest first so references follow the order
    they were sent in. Returns how many were made."""
    holidays = set(BankHoliday.objects.values_list("date", flat=True))
    response_days = int(getattr(settings, "LOCATION_REQUEST_RESPONSE_WORKING_DAYS", 10))
    existing = dict(
        LocationRequest.objects.filter(submission_key__in=[spec.submission_key for spec in REQUESTS]).values_list(
            "submission_key", "reference"
        )
    )
    planned = []
    for spec in REQUESTS:
        days_ago = spec.sent_days_ago
        if spec.overdue:
            days_ago += response_days
        elif spec.status in choices.OPEN_STATUSES:
            days_ago = min(days_ago, max(response_days - 1, 1))  # still within the response time
        sent_day = working_days_before(today, days_ago, holidays)
        planned.append((timezone.make_aware(datetime.datetime.combine(sent_day, spec.sent_at)), spec))
    created = 0
    with transaction.atomic():
        for sent, spec in sorted(planned, key=lambda item: item[0]):
            if spec.submission_key in existing:
                tally.add("unchanged", f"Location request: {existing[spec.submission_key]}")
                continue
            request = DemoRequestWriter(spec, sent, today, officer, holidays).write()
            tally.add("created", f"Location request: {request.reference}")
            created += 1
    return created


class DemoRequestWriter:
    """Stores one demo request and replays its steps, as the provider and the officer took them."""

    def __init__(
        self,
        spec: DemoRequest,
        sent: datetime.datetime,
        today: datetime.date,
        officer: AbstractBaseUser,
        holidays: set[datetime.date],
    ) -> None:
        self.spec = spec
        self.sent = sent
        self.today = today
        self.officer = officer
        self.holidays = holidays
        self.last = sent

    def when(self, after: int) -> datetime.datetime:
        """A time on the working day ``after`` working days after sending, later than the last step
        and never later than the day before the demo is built (so never in the future)."""
        day = working_days.add_working_days(timezone.localdate(self.sent), after, self.holidays)
        if day >= self.today:  # only when the response time is set much shorter than ten days
            day = working_days_before(self.today, 1, self.holidays)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 40)))
        self.last = max(moment, self.last + datetime.timedelta(minutes=35))
        return self.last

    def new_request(self) -> LocationRequest:
        spec = self.spec
        lat, lng = postcode_point(spec.postcode)
        sent_day = timezone.localdate(self.sent)
        initials, age = spec.young_person or ("", None)
        request = LocationRequest(
            reference=ReferenceSequence.next_reference(sent_day.year),
            submission_key=spec.submission_key,
            submitted_at=self.sent,
            due_date=due_date_for(sent_day),
            organisation_name=spec.organisation_name,
            organisation_type=spec.organisation_type,
            ofsted_urn=spec.ofsted_urn,
            contact_name=spec.contact_name,
            contact_role=spec.contact_role,
            contact_email=spec.contact_email,
            contact_phone=spec.contact_phone,
            address_line_1=spec.address_line_1,
            address_line_2=spec.address_line_2,
            town=d.BOROUGH,
            postcode=spec.postcode,
            location=f"SRID=4326;POINT({lng} {lat})",
            accommodation_type=spec.accommodation_type,
            number_of_young_people=spec.number_of_young_people,
            age_from=spec.ages[0],
            age_to=spec.ages[1],
            planned_start=sent_day + datetime.timedelta(days=spec.starts_in_days),
            young_person_initials=initials,
            young_person_age=age,
            concerns=list(spec.concerns),
            concern_notes=spec.concern_notes,
            research={name: spec.research[name] for name, _label in choices.RESEARCH_TOPICS if name in spec.research},
            research_notes=spec.research_notes,
            declared_accurate=True,
            agreed_to_sharing=True,
            status=choices.SUBMITTED,
        )
        request.full_clean()
        return request

    def write(self) -> LocationRequest:
        request = self.new_request()
        request.save()
        log(request, "wagtail.create", user=None, data={"status": request.status}, timestamp=self.sent)
        for step in self.spec.steps:
            getattr(self, "_" + step.kind.replace("-", "_"))(request, step, self.when(step.after))
        request.save()
        if request.status != self.spec.status:
            raise DemoError(f"The demo request {self.spec.key} ends {request.status}, not {self.spec.status}.")
        return request

    def _move(self, request: LocationRequest, new_status: str, at: datetime.datetime, user=None) -> None:
        if new_status not in choices.TRANSITIONS[request.status]:
            raise DemoError(f"The demo request {self.spec.key} cannot go from {request.status} to {new_status}.")
        log(
            request,
            STATUS_ACTION,
            user=user if user is not None else self.officer,
            data={"from": request.status, "to": new_status},
            timestamp=at,
        )
        request.status = new_status

    def _assign(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        request.officer = self.officer
        log(request, ASSIGN_ACTION, user=self.officer, data={"officer": self.officer.pk}, timestamp=at)

    def _in_assessment(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        self._move(request, choices.IN_ASSESSMENT, at)

    def _note(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        LocationRequestNote.objects.create(request=request, author=self.officer, text=step.text, created_at=at)

    def _ask(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        self._move(request, choices.MORE_INFORMATION, at)
        request.information_requested = step.text
        LocationRequestMessage.objects.create(
            request=request, sender=LocationRequestMessage.FROM_OFFICER, text=step.text, created_at=at
        )

    def _answer(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        message = LocationRequestMessage.objects.create(
            request=request, sender=LocationRequestMessage.FROM_PROVIDER, text=step.text, created_at=at
        )
        if request.status == choices.MORE_INFORMATION:
            log(
                request,
                STATUS_ACTION,
                user=None,
                data={"from": choices.MORE_INFORMATION, "to": choices.IN_ASSESSMENT},
                timestamp=at,
            )
            request.status = choices.IN_ASSESSMENT
        log(request, PROVIDER_UPDATE_ACTION, user=None, data={"message": message.pk}, timestamp=at)

    def _complete(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        outcome = self.spec.outcome
        if outcome is None:
            raise DemoError(f"The demo request {self.spec.key} is completed without an outcome.")
        request.risk_rating = outcome.rating
        request.outcome_reasons = outcome.reasons
        request.recommendations = outcome.recommendations
        log(request, OUTCOME_ACTION, user=self.officer, data={"risk_rating": outcome.rating}, timestamp=at)
        self._move(request, choices.COMPLETED, at)
        request.completed_on = timezone.localdate(at)

    def _withdraw(self, request: LocationRequest, step: Step, at: datetime.datetime) -> None:
        self._move(request, choices.WITHDRAWN, at)
