"""The fixed lists a pupil chooses from. Labels live here so they can be translated; the slugs are
what is stored, counted and sent to the map.

Primary pupils see simpler words (and an icon) for each worry; secondary pupils see the fuller
list, which adds exploitation, carrying things, weapons, drugs and online harms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --- Who and where --------------------------------------------------------------------------------

PRIMARY = "primary"
SECONDARY = "secondary"
AGE_GROUPS = [
    (PRIMARY, _("Primary school (up to Year 6)")),
    (SECONDARY, _("Secondary school (Year 7 and above)")),
]

ALL_THROUGH = "all-through"
SCHOOL_PHASES = [
    (PRIMARY, _("Primary")),
    (SECONDARY, _("Secondary")),
    (ALL_THROUGH, _("All-through")),
]

SCHOOL_GROUNDS = "school"
NEIGHBOURHOOD = "neighbourhood"
ROUTE = "route"
HOME = "home"
ONLINE = "online"
CONTEXTS = [
    (SCHOOL_GROUNDS, _("At school or in the school grounds")),
    (NEIGHBOURHOOD, _("Where I live or hang out (my neighbourhood)")),
    (ROUTE, _("On my way to or from school")),
    (HOME, _("At home")),
    (ONLINE, _("Online")),
]
# Contexts whose place can go on the shared map (snapped to a cell). Home never does, and online
# has no place on a map.
MAPPED_CONTEXTS = {SCHOOL_GROUNDS, NEIGHBOURHOOD, ROUTE}

SCHOOL_AREAS = [
    ("classroom", _("A classroom")),
    ("corridors", _("Corridors or stairs")),
    ("toilets", _("Toilets")),
    ("playground", _("Playground")),
    ("field", _("Field or sports area")),
    ("dining", _("Dining hall or canteen")),
    ("changing", _("Changing rooms")),
    ("entrance", _("School gates or entrance")),
    ("car-park", _("Car park or bike shed")),
    ("other", _("Somewhere else at school")),
]

HOME_ROOMS = [
    ("bedroom", _("Bedroom")),
    ("bathroom", _("Bathroom")),
    ("kitchen", _("Kitchen")),
    ("living-room", _("Living room")),
    ("stairs", _("Stairs or hallway")),
    ("front-door", _("Front door")),
    ("garden", _("Garden or outside")),
    ("other", _("Somewhere else at home")),
]

ONLINE_PLACES = [
    ("games", _("Games")),
    ("social-media", _("Social media")),
    ("messaging", _("Messages or group chats")),
    ("video", _("Video or live streaming")),
    ("other", _("Somewhere else online")),
]

# --- What worries you -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Worry:
    slug: str
    primary_label: Promise | None  # None: not offered to primary pupils
    secondary_label: Promise | None  # None: not offered to secondary pupils
    icon: str = ""  # shown beside the primary wording, hidden from screen readers
    urgent: bool = False  # tells the school's safeguarding lead at once


WORRIES: list[Worry] = [
    Worry("bullying", _("Someone is unkind to me or bullies me"), _("Bullying or being picked on"), "😟"),
    Worry("fighting", _("People fight or hurt each other"), _("Fights or violence"), "👊"),
    Worry("scary-adult", _("A grown-up makes me feel scared"), _("An adult who makes me feel unsafe"), "😨"),
    Worry(
        "secrets",
        _("A grown-up asks me to keep secrets"),
        _("An adult asking me to keep secrets"),
        "🤫",
        urgent=True,
    ),
    Worry(
        "touching",
        _("Someone touches me in a way I do not like"),
        _("Unwanted touching or sexual behaviour"),
        "✋",
        urgent=True,
    ),
    Worry("hurt-at-home", _("Someone hurts me at home"), _("Someone hurting me at home"), "🏠", urgent=True),
    Worry("shouting-at-home", _("Shouting or fighting at home"), _("Arguments or fighting at home"), "📢"),
    Worry("roads", _("Busy roads or fast cars"), _("Dangerous roads or traffic"), "🚗"),
    Worry("dark-lonely", _("It is dark or there is nobody around"), _("Dark, empty or badly lit places"), "🌙"),
    Worry("online", _("Something online upset me"), None, "📱"),
    Worry("online-harms", None, _("Online harms (messages, images, pressure or threats)")),
    Worry("harassment", None, _("Harassment, catcalling or being followed")),
    Worry("groups", None, _("Groups or gangs hanging around")),
    Worry("drugs", None, _("Drugs being used or sold")),
    Worry("weapons", None, _("Knives or other weapons"), urgent=True),
    Worry(
        "carrying",
        None,
        _("Being asked to carry or hide things for someone"),
        urgent=True,
    ),
    Worry(
        "exploitation",
        None,
        _("Being pressured by older people to do things for them (exploitation)"),
        urgent=True,
    ),
    Worry("other", _("Something else"), _("Something else"), "❓"),
]
WORRIES_BY_SLUG = {worry.slug: worry for worry in WORRIES}
URGENT_WORRIES = frozenset(worry.slug for worry in WORRIES if worry.urgent)


def worry_choices(age_group: str) -> list[tuple[str, Promise]]:
    """The worries offered to an age group, in the words written for it."""
    attribute = "primary_label" if age_group == PRIMARY else "secondary_label"
    return [(worry.slug, getattr(worry, attribute)) for worry in WORRIES if getattr(worry, attribute) is not None]


def worry_label(slug: str) -> Promise | str:
    """The fuller (secondary) wording, used by adults reading reports and by the map."""
    worry = WORRIES_BY_SLUG.get(slug)
    if worry is None:
        return slug
    return worry.secondary_label or worry.primary_label or slug


# --- How safe, and when ----------------------------------------------------------------------------

FEELINGS = [
    (1, _("Very unsafe")),
    (2, _("Unsafe")),
    (3, _("A bit unsafe")),
    (4, _("Mostly OK, but I worry")),
]

TIMES_OF_DAY = [
    ("before-school", _("Before school")),
    ("school-day", _("During the school day")),
    ("after-school", _("After school")),
    ("evening", _("In the evening")),
    ("night", _("At night")),
    ("any-time", _("Any time")),
]

DAYS = [
    ("weekdays", _("School days")),
    ("weekends", _("Weekends or holidays")),
    ("any-day", _("Any day")),
]

# --- What happens to a report ----------------------------------------------------------------------

NEW = "new"
REVIEWED = "reviewed"
ACTIONED = "actioned"
STATUSES = [
    (NEW, _("New")),
    (REVIEWED, _("Reviewed")),
    (ACTIONED, _("Actioned")),
]
