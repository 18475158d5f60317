"""The demo's pupil reporting: Eastbrook's schools, its postcodes, a year of reports and the report page.

Everything here is fictional. Places are written in the units of the demo's base map
(``static/images/maps/eastbrook.svg``, about 5 m each) and turned into latitude and longitude with
the map's own projection, so a school drawn beside Brook Lane is stored beside Brook Lane and the
hotspots appear where the map shows an underpass, a park or a towpath.

The reports are made the way real ones are (``submission.build_report`` applies the anonymity
rules to each), then dated across the last twelve months, saved in one go and counted in the
rollups in the same transaction. They are only made when the demo's schools have no reports yet, so
running the demo again adds none, and a fixed random seed means every fresh demo tells the same
story (relative to the day it is built).
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from portal.reporting import cells, choices, rollups, staff_audit
from portal.reporting.models import REFERENCE_ALPHABET, PostcodeLocation, PupilReport, PupilReportPage, School
from portal.reporting.submission import ReportDraft, build_report

from . import directory as d
from .builder import DemoBuilder, DemoError, DesiredPage, Tally

# --- The base map's projection ------------------------------------------------------------------
# The SVG is laid over these bounds (settings.MAP_OVERLAY_BOUNDS) with this viewBox; one unit is
# about 5 m east-west and north-south at Eastbrook's latitude.

MAP_SOUTH, MAP_WEST, MAP_NORTH, MAP_EAST = 51.555, 0.140, 51.600, 0.230
MAP_WIDTH, MAP_HEIGHT = 1246, 1000

Point = tuple[float, float]  # (x, y) on the base map
Weighted = tuple[tuple[str, float], ...]


def map_to_latlng(x: float, y: float) -> tuple[float, float]:
    """Latitude and longitude of a point on the base map (x to the east, y to the south)."""
    lat = MAP_NORTH - y / MAP_HEIGHT * (MAP_NORTH - MAP_SOUTH)
    lng = MAP_WEST + x / MAP_WIDTH * (MAP_EAST - MAP_WEST)
    return round(lat, 6), round(lng, 6)


def latlng_to_map(lat: float, lng: float) -> Point:
    """The inverse of ``map_to_latlng`` (used by the tests to check places against the drawing)."""
    return (lng - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH, (MAP_NORTH - lat) / (
        MAP_NORTH - MAP_SOUTH
    ) * MAP_HEIGHT


# --- Schools ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSchool:
    key: str
    name: str
    urn: str  # fictional: real URNs do not start with 9
    phase: str
    at: Point  # the school's mark on the base map
    address: str
    lead_name: str
    join_code: str
    admin_is_staff: bool = False  # the demo admin reads this school's reports

    @property
    def lead_email(self) -> str:
        return f"dsl.{self.key}@example.org"


SCHOOLS: tuple[DemoSchool, ...] = (
    DemoSchool(
        "academy",
        "Eastbrook Academy",
        "912001",
        choices.SECONDARY,
        (520, 232),
        "Victoria Road, Eastbrook EB2 4NP",
        "Hannah Okoye",
        "EBK-ACADEMY",
        admin_is_staff=True,
    ),
    DemoSchool(
        "brook-lane",
        "Brook Lane Primary School",
        "912002",
        choices.PRIMARY,
        (880, 640),
        "Brook Lane, Eastbrook EB5 1AB",
        "Daniel Reyes",
        "EBK-BROOK",
        admin_is_staff=True,
    ),
    DemoSchool(
        "millfield",
        "Millfield Primary School",
        "912003",
        choices.PRIMARY,
        (1120, 420),
        "Millfield Road, Eastbrook EB3 1AB",
        "Sarah Lindqvist",
        "EBK-MILL",
    ),
    DemoSchool(
        "st-aidans",
        "St Aidan's Church of England Primary School",
        "912004",
        choices.PRIMARY,
        (180, 472),
        "Church Lane, Eastbrook EB8 1AB",
        "Grace Mensah",
        "EBK-AIDAN",
    ),
    DemoSchool(
        "canalside",
        "Canalside Academy",
        "912005",
        choices.SECONDARY,
        (640, 738),
        "Canal Street, Eastbrook EB6 3HR",
        "Marcus Bell",
        "EBK-CANAL",
    ),
    DemoSchool(
        "northfield",
        "Northfield School",
        "912006",
        choices.SECONDARY,
        (700, 160),
        "Northfield Road, Eastbrook EB2 3AD",
        "Aisha Rahman",
        "EBK-NORTH",
    ),
    DemoSchool(
        "westway",
        "Westway Primary School",
        "912007",
        choices.PRIMARY,
        (230, 720),
        "Orchard Way, Eastbrook EB7 1AA",
        "Tom Gallagher",
        "EBK-WEST",
    ),
    DemoSchool(
        "riverside",
        "Riverside School",
        "912008",
        choices.ALL_THROUGH,
        (1120, 640),
        "Riverside Way, Eastbrook EB4 2PN",
        "Nadia Kowalczyk",
        "EBK-RIVER",
    ),
    DemoSchool(
        "oakfield",
        "Oakfield Primary School",
        "912009",
        choices.PRIMARY,
        (500, 925),
        "Elm Grove, Eastbrook EB6 1AB",
        "Ruth Adeyemi",
        "EBK-OAK",
    ),
)

# --- Postcodes ----------------------------------------------------------------------------------
# Fictional "EB" postcodes, each on a street drawn on the base map, so a pupil without JavaScript
# can type one instead of dropping a pin. EB1 is the town centre; the others go round the borough.

POSTCODES: tuple[tuple[str, float, float], ...] = (
    ("EB1 1AA", 585, 528),  # Market Square (the Civic Centre)
    ("EB1 1AB", 616, 440),  # Station Road
    ("EB1 1BD", 660, 494),  # High Road, by the shopping centre
    ("EB1 2AF", 700, 421),  # Market Street, at the underpass
    ("EB1 2DR", 780, 485),  # High Road east
    ("EB2 3AB", 640, 205),  # Northfield Road
    ("EB2 3AD", 680, 180),  # by Northfield School
    ("EB2 4NP", 500, 256),  # Victoria Road
    ("EB2 4NR", 800, 236),
    ("EB2 5HT", 560, 328),  # Railway Terrace
    ("EB2 5HU", 800, 305),  # Railway Terrace east
    ("EB3 1AA", 1005, 385),  # Park Road
    ("EB3 1AB", 1120, 394),  # Millfield Road
    ("EB3 2BX", 1200, 390),
    ("EB3 2DQ", 1014, 318),  # Park Road, by the park gates
    ("EB4 1AA", 1050, 463),  # High Road east
    ("EB4 2PL", 1000, 596),  # Riverside Way
    ("EB4 2PN", 1150, 592),
    ("EB4 3JS", 1060, 700),
    ("EB4 3JT", 1165, 700),
    ("EB5 1AA", 928, 520),  # Brook Lane
    ("EB5 1AB", 928, 610),
    ("EB5 2EW", 800, 640),
    ("EB5 2EX", 766, 710),
    ("EB5 3FL", 912, 760),  # Brook Lane, by the canal
    ("EB6 1AA", 586, 880),  # Oakfield Road
    ("EB6 1AB", 520, 905),  # Elm Grove
    ("EB6 2GD", 440, 960),
    ("EB6 2GE", 596, 720),  # Church Road
    ("EB6 3HR", 700, 768),  # Canal Street
    ("EB7 1AA", 200, 697),  # Orchard Way
    ("EB7 1AB", 145, 760),
    ("EB7 2QT", 420, 775),  # Canal Street west
    ("EB7 2QU", 434, 860),
    ("EB7 3WS", 220, 903),
    ("EB8 1AA", 120, 449),  # Church Lane
    ("EB8 1AB", 260, 446),
    ("EB8 2SD", 200, 596),  # Mill Lane
    ("EB8 2SE", 100, 541),  # High Road west
    ("EB8 3TN", 223, 480),
    ("EB9 1AA", 400, 281),  # Victoria Road
    ("EB9 1AB", 305, 100),  # A1400 Westway
    ("EB9 2XY", 810, 115),
    ("EB9 3LU", 208, 420),
)

# --- Where reports cluster, and what pupils say there -------------------------------------------


@dataclass(frozen=True)
class Hotspot:
    """A place where reports cluster. ``path`` is one point, or a line (a road, the towpath) the
    pins spread along; ``route`` is the way pupils walk there, for reports drawn as a route."""

    name: str
    count: int
    path: tuple[Point, ...]
    spread: float  # how far pins stray from the path (map units, about 5 m)
    secondary_share: float
    contexts: Weighted
    worries: Mapping[str, Weighted]  # by age group
    schools: Mapping[str, Weighted]  # by age group: school key and weight
    times: Weighted
    days: Weighted
    season: str = ""  # "dark": more reports in the dark months; "light": more in spring and summer
    route: tuple[Point, ...] = ()
    places: tuple[str, ...] = ()
    details: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


P, S = choices.PRIMARY, choices.SECONDARY
NEIGHBOURHOOD, ROUTE = choices.NEIGHBOURHOOD, choices.ROUTE
AFTER_SCHOOL = (("after-school", 5), ("evening", 3), ("before-school", 1))

HOTSPOTS: tuple[Hotspot, ...] = (
    Hotspot(
        "Station underpass",
        count=56,
        path=((700, 357),),
        spread=9,
        secondary_share=0.85,
        contexts=((NEIGHBOURHOOD, 0.55), (ROUTE, 0.45)),
        route=((560, 328), (640, 322), (700, 318), (700, 357), (700, 400), (702, 424), (760, 421), (800, 418)),
        worries={
            S: (("dark-lonely", 5), ("harassment", 4), ("groups", 2), ("scary-adult", 1), ("drugs", 1)),
            P: (("dark-lonely", 5), ("scary-adult", 3), ("bullying", 1)),
        },
        schools={
            S: (("academy", 4), ("northfield", 2), ("canalside", 1), ("riverside", 1)),
            P: (("brook-lane", 2), ("millfield", 1), ("riverside", 1)),
        },
        times=(("after-school", 4), ("evening", 5), ("night", 2), ("before-school", 1)),
        days=(("weekdays", 3), ("any-day", 2), ("weekends", 1)),
        season="dark",
        places=(
            "the tunnel under the railway",
            "the underpass by the station",
            "the subway next to the station",
            "under the railway bridge",
            "the footpath from the station to the shops",
        ),
        details={
            S: (
                "the lights in the tunnel are broken so you cant see who is in there until your right next to them",
                "men hang about at the end of the underpass and say stuff to us when we walk past",
                "someone followed me out of the tunnel and all the way to the shops. i go the long way round now",
                "it always smells and theres glass on the floor. i hold my keys when i go through",
                "people shout things at girls from the top of the steps",
                "i dont walk through there after football training anymore, my mum has to pick me up",
                "a man asked me and my friend if we wanted to earn some money. we just ran",
            ),
            P: (
                "it is dark and echoey and i dont like it",
                "a man was sitting in there and he kept looking at us",
                "i hold my dads hand really tight in the tunnel",
            ),
        },
    ),
    Hotspot(
        "Millfield Park",
        count=52,
        path=((1070, 215), (1100, 250)),
        spread=30,
        secondary_share=0.75,
        contexts=((NEIGHBOURHOOD, 1),),
        worries={
            S: (("groups", 5), ("drugs", 5), ("fighting", 2), ("dark-lonely", 2), ("harassment", 1), ("weapons", 0.4)),
            P: (("bullying", 2), ("scary-adult", 2), ("fighting", 2), ("dark-lonely", 1)),
        },
        schools={
            S: (("northfield", 3), ("riverside", 2), ("academy", 1)),
            P: (("millfield", 3), ("riverside", 1)),
        },
        times=(("evening", 5), ("after-school", 3), ("night", 1)),
        days=(("weekends", 2), ("any-day", 2), ("weekdays", 1)),
        season="light",
        places=(
            "by the skate park",
            "the benches at the back of the park",
            "the park gates on park road",
            "the bushes by the brook",
            "the playground in millfield park",
        ),
        details={
            S: (
                "people smoke weed by the skate park and the whole place stinks of it",
                "older boys tell you to get lost if you go near the ramps",
                "there are always people selling stuff by the back benches, everyone knows",
                "my friend got punched there for no reason and nobody did anything",
                "i heard someone say they had a knife in their bag",
                "theres no lights at all once it gets dark so you cant see who is there",
            ),
            P: (
                "big kids take over the swings and push us off",
                "my brother got his scooter taken by some teenagers",
                "there was a man shouting at everyone and i was scared",
            ),
        },
    ),
    Hotspot(
        "Brookgate Shopping Centre",
        count=56,
        path=((703, 547),),
        spread=16,
        secondary_share=0.7,
        contexts=((NEIGHBOURHOOD, 1),),
        worries={
            S: (("fighting", 5), ("bullying", 4), ("groups", 3), ("harassment", 2), ("scary-adult", 1)),
            P: (("bullying", 4), ("fighting", 3), ("scary-adult", 2)),
        },
        schools={
            S: (("academy", 3), ("canalside", 3), ("northfield", 1), ("riverside", 1)),
            P: (("brook-lane", 2), ("st-aidans", 1), ("oakfield", 1)),
        },
        times=(("after-school", 6), ("evening", 2), ("any-time", 1)),
        days=(("weekdays", 3), ("weekends", 2)),
        places=(
            "outside the shopping centre",
            "the bus stops by the shopping centre",
            "the food court",
            "the back entrance by the car park",
            "market square",
        ),
        details={
            S: (
                "fights get started outside after school and people film them and put them online",
                "kids from the other school wait outside to start on people",
                "security tell us to leave so we have to wait at the bus stop with the people who start fights",
                "a group of boys pushed me over and took my phone",
                "people say really horrible things when you walk past the benches",
                "i get my bus from there every day and it is always kicking off",
            ),
            P: (
                "some big boys said mean things to me and my friend and laughed",
                "people were fighting and a lady got knocked over",
                "i lost my mum in there and a man i didnt know kept asking where i lived",
            ),
        },
    ),
    Hotspot(
        "Brook Lane",
        count=36,
        path=((922, 474), (932, 540), (930, 600), (920, 660), (908, 720), (915, 780)),
        spread=5,
        secondary_share=0.3,
        contexts=((ROUTE, 0.85), (NEIGHBOURHOOD, 0.15)),
        route=(
            (922, 474),
            (930, 520),
            (932, 570),
            (928, 620),
            (920, 660),
            (910, 700),
            (908, 740),
            (915, 780),
            (922, 806),
        ),
        worries={
            S: (("roads", 5), ("dark-lonely", 2), ("harassment", 1)),
            P: (("roads", 6), ("dark-lonely", 2), ("scary-adult", 1)),
        },
        schools={S: (("canalside", 2), ("riverside", 1)), P: (("brook-lane", 5), ("riverside", 1))},
        times=(("before-school", 4), ("after-school", 5)),
        days=(("weekdays", 5), ("any-day", 1)),
        places=("brook lane", "the bend in brook lane", "the crossing at the top of brook lane", "walking to school"),
        details={
            S: (
                "no street lights along by the brook so in winter its pitch black walking home",
                "the man in the corner shop on Brook Lane keeps asking how old i am",
            ),
            P: (
                "the cars go really fast round the bend and there is no crossing",
                "there is no path in one bit so you have to walk in the road",
                "vans park on the path and my mum has to push the buggy in the road",
                "a car nearly hit my friend when we were crossing to school",
                "the lollipop lady is not there any more",
            ),
        },
    ),
    Hotspot(
        "Canal towpath",
        count=40,
        path=((470, 806), (700, 800), (985, 797)),
        spread=4,
        secondary_share=0.88,
        contexts=((NEIGHBOURHOOD, 0.6), (ROUTE, 0.4)),
        route=((420, 775), (470, 806), (560, 802), (640, 800), (760, 799), (880, 797), (922, 806)),
        worries={
            S: (
                ("dark-lonely", 4),
                ("drugs", 3),
                ("groups", 3),
                ("harassment", 1),
                ("exploitation", 0.6),
                ("carrying", 0.6),
            ),
            P: (("dark-lonely", 3), ("scary-adult", 2)),
        },
        schools={S: (("canalside", 5), ("riverside", 1), ("academy", 1)), P: (("oakfield", 2), ("brook-lane", 1))},
        times=(("evening", 5), ("after-school", 3), ("night", 2)),
        days=(("any-day", 3), ("weekdays", 1), ("weekends", 1)),
        season="dark",
        places=("the canal path", "under the bridge on the towpath", "by the lock", "the towpath behind canal street"),
        details={
            S: (
                "older lads on bikes ask younger kids to take stuff to people for them",
                "someone offered me money to hold a bag for them and said not to tell anyone",
                "its really dark and nobody is there if something happens to you",
                "people are always dealing under the bridge",
                "a man said i could make easy money if i went to another town for him",
                "i have to walk home that way after school and there are people drinking",
            ),
            P: (
                "it is scary by the water and there are no grown ups",
                "men were shouting under the bridge",
            ),
        },
    ),
    Hotspot(
        "A1400 Westway crossing",
        count=30,
        path=((314, 700),),
        spread=10,
        secondary_share=0.25,
        contexts=((ROUTE, 0.6), (NEIGHBOURHOOD, 0.4)),
        route=((230, 700), (270, 697), (308, 695), (316, 730), (318, 760), (360, 778), (420, 775)),
        worries={S: (("roads", 4), ("dark-lonely", 1)), P: (("roads", 6), ("other", 1))},
        schools={S: (("canalside", 2), ("academy", 1)), P: (("westway", 5), ("st-aidans", 2), ("oakfield", 1))},
        times=(("before-school", 5), ("after-school", 5)),
        days=(("weekdays", 4), ("any-day", 1)),
        places=("crossing the big road", "the crossing by orchard way", "the westway", "the traffic lights"),
        details={
            S: ("people run across the dual carriageway because the lights take ages",),
            P: (
                "the green man is too quick and my little sister cant get across in time",
                "the lorries go so fast and it is really loud",
                "we have to run across because there is no bridge",
                "cars go through the red light",
            ),
        },
    ),
    Hotspot(
        "Eastbrook Leisure Centre",
        count=26,
        path=((1034, 540),),
        spread=12,
        secondary_share=0.6,
        contexts=((NEIGHBOURHOOD, 1),),
        worries={
            S: (("harassment", 4), ("scary-adult", 3), ("dark-lonely", 2), ("bullying", 1)),
            P: (("scary-adult", 3), ("bullying", 2), ("dark-lonely", 1)),
        },
        schools={
            S: (("riverside", 4), ("canalside", 1), ("academy", 1)),
            P: (("riverside", 2), ("millfield", 2), ("brook-lane", 1)),
        },
        times=(("evening", 4), ("after-school", 3)),
        days=(("weekdays", 2), ("weekends", 2), ("any-day", 1)),
        places=(
            "the leisure centre car park",
            "the bus stop outside the leisure centre",
            "the side of the pool building",
        ),
        details={
            S: (
                "a man in a car in the car park watches us when we come out of swimming",
                "boys hang round the entrance and say stuff about girls going to the gym",
                "the car park is really dark after the late sessions",
            ),
            P: ("a grown up i didnt know asked me to come and see his puppy in his car",),
        },
    ),
)

# Reports from school grounds: how many each school has, where in the school, and why.
SCHOOL_GROUND_COUNTS: Mapping[str, int] = {
    "academy": 12,
    "canalside": 9,
    "northfield": 8,
    "riverside": 8,
    "brook-lane": 6,
    "oakfield": 5,
    "westway": 4,
    "millfield": 4,
    "st-aidans": 4,
}
SCHOOL_AREAS: Mapping[str, Weighted] = {
    S: (
        ("toilets", 4),
        ("corridors", 3),
        ("changing", 2),
        ("field", 1),
        ("dining", 1),
        ("entrance", 1),
        ("car-park", 1),
    ),
    P: (("playground", 5), ("toilets", 3), ("field", 2), ("entrance", 1), ("classroom", 1), ("dining", 1)),
}
SCHOOL_WORRIES: Mapping[str, Weighted] = {
    S: (
        ("bullying", 5),
        ("fighting", 3),
        ("harassment", 2),
        ("groups", 1),
        ("online-harms", 1),
        ("touching", 0.2),
    ),
    P: (("bullying", 6), ("fighting", 3), ("scary-adult", 1), ("other", 1)),
}
SCHOOL_DETAILS: Mapping[str, tuple[str, ...]] = {
    S: (
        "people vape in the toilets and wont let you in to use them",
        "year 11s push you on the stairs between lessons",
        "someone took a photo of me in the changing rooms and sent it round",
        "a group keeps calling me names in the dinner queue and the teachers dont hear",
        "boys grab girls bags and skirts in the corridor and say its a joke",
        "theres a fight by the back gate nearly every friday",
        "i eat my lunch in the library because the canteen is too much",
        "a boy in year 9 called Kyle Dawson keeps saying he will batter me at break",
    ),
    P: (
        "some boys in year 6 wont let us play football and they kick the ball at us",
        "i get left out at play time and people laugh at me",
        "someone locks the toilet door from the outside",
        "a girl in my class says she will get me after school",
        "the big children run really fast on the field and knock us over",
    ),
}

HOME_COUNT = 12
HOME_ROOMS: Weighted = (
    ("bedroom", 3),
    ("living-room", 3),
    ("kitchen", 2),
    ("stairs", 1),
    ("front-door", 1),
    ("garden", 1),
)
HOME_WORRIES: Weighted = (("shouting-at-home", 6), ("other", 1))
HOME_DETAILS: tuple[str, ...] = (
    "mum and her boyfriend shout every night and i cant get to sleep",
    "i dont want to go home at the weekends",
    "my big brother and his friends come round and i have to stay in my room",
    "there is always shouting in the kitchen at tea time",
)
HOME_URGENT = 3  # reports from home that say someone there hurts the pupil

ONLINE_COUNT = 15
ONLINE_PLACES: Mapping[str, Weighted] = {
    S: (("social-media", 4), ("messaging", 4), ("games", 2), ("video", 1)),
    P: (("games", 5), ("video", 2), ("messaging", 1)),
}
ONLINE_WORRIES: Mapping[str, Weighted] = {
    S: (("online-harms", 5), ("bullying", 3), ("harassment", 2), ("scary-adult", 1)),
    P: (("online", 6), ("bullying", 2), ("scary-adult", 1)),
}
ONLINE_DETAILS: Mapping[str, tuple[str, ...]] = {
    S: (
        "someone made a group chat just to talk about me",
        "a picture of me got shared without me saying yes",
        "someone i dont know keeps messaging me and wants me to video call",
    ),
    P: (
        "someone on a game asked where i live and what school i go to",
        "a video came up that was really scary and i cant stop thinking about it",
    ),
}

# A few reports away from any hotspot, mostly counted in cells too small to show on the map.
SCATTERED_COUNT = 24
SCATTERED_WORRIES: Mapping[str, Weighted] = {
    S: (("dark-lonely", 3), ("groups", 2), ("harassment", 2), ("roads", 2), ("bullying", 1), ("scary-adult", 1)),
    P: (("roads", 3), ("dark-lonely", 2), ("scary-adult", 2), ("bullying", 1)),
}

# Pupils who ask for a trusted adult give a first name and class; these are made up.
TRUSTED_ADULT_REQUESTS: tuple[tuple[str, str, str], ...] = (
    # (first name, class, age group)
    ("Maya", "8B", S),
    ("Jayden", "10C", S),
    ("Amira", "9F", S),
    ("Tomasz", "7D", S),
    ("Leo", "5H", P),
    ("Zara", "4R", P),
)

STAFF_NOTES: tuple[str, ...] = (
    "Raised at the community safety meeting; the council is looking at the lighting.",
    "Passed to the neighbourhood police team.",
    "Spoke to the year team: extra staff on duty at lesson changes.",
    "Shared with the council's road safety officer.",
    "Covered in assemblies this half term.",
)

SEED = 20240901
DAYS_OF_REPORTS = 365
LANGUAGES: Weighted = (("en-gb", 0.9), ("pl", 0.03), ("ro", 0.03), ("bn", 0.02), ("ur", 0.01), ("so", 0.01))

# Approximate English school holidays by (month, day): good enough to make term time busier.
HOLIDAYS: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
    ((1, 1), (1, 5)),
    ((2, 16), (2, 22)),
    ((3, 29), (4, 13)),
    ((5, 25), (5, 31)),
    ((7, 23), (9, 2)),
    ((10, 25), (11, 2)),
    ((12, 20), (12, 31)),
)
DARK_MONTHS = {10, 11, 12, 1, 2}
LIGHT_MONTHS = {4, 5, 6, 7, 8, 9}

# --- The report page ----------------------------------------------------------------------------

REPORT_PAGE_SLUG = "report"
REPORT_PAGE_TITLE = "Tell us where you feel unsafe"
REPORT_PAGE_FIELDS: Mapping[str, str] = {
    "title": REPORT_PAGE_TITLE,
    "search_description": "Tell us where you feel unsafe in Eastbrook. You do not have to give your name.",
    "introduction": (
        "<p>Is there somewhere you feel unsafe? It could be on your way to school, in a park, at school, at home "
        "or online. You can tell us about it here.</p>"
        "<p>You do not have to say who you are, and you can stop at any time.</p>"
        f"<p>If you are in danger right now, call <b>{d.EMERGENCY}</b>. If you want to talk to someone, you can call "
        f"Childline for free on <b>{d.CHILDLINE_PHONE}</b>, day or night.</p>"
    ),
    "privacy_notice": (
        "<p>We do not ask for your name. We do not keep anything that shows who you are or which phone or computer "
        "you used.</p>"
        "<ul>"
        "<li>If you mark a place on the map, we keep the area around it, not the exact spot.</li>"
        "<li>The adult at your school whose job is to keep children safe (the safeguarding lead) reads what you "
        "send. Nobody at another school can see it.</li>"
        "<li>People who look after the whole area, like the council and the police, only see numbers for each area, "
        "never your words. Places with only a few reports are hidden so nobody can guess who sent them.</li>"
        "<li>Please do not write anyone's name, phone number or address, and that includes your own.</li>"
        "<li>If you would like to talk to someone, you can choose to give your first name and class. Only your "
        "school's safeguarding lead will see them.</li>"
        "</ul>"
        "<p>If what you tell us means that you or another child could be hurt, your school's safeguarding lead will "
        "do something to keep you safe. That is their job.</p>"
    ),
    "confirmation_text": (
        "<p>Thank you for telling us. You did the right thing.</p>"
        "<p>Your school's safeguarding lead will read your report. Reports like yours help adults make places "
        "safer, for example by fixing lights, changing where staff stand at home time, or asking the police to "
        "walk past more often.</p>"
        "<p>If you asked to talk to someone, an adult from school will come and find you quietly. It is OK if you "
        "change your mind.</p>"
        f"<p>If you are in danger right now, call <b>{d.EMERGENCY}</b>. You can talk to Childline about anything, "
        f'for free, on <b>{d.CHILDLINE_PHONE}</b> or at <a href="{d.CHILDLINE_URL}">childline.org.uk</a>.</p>'
    ),
}


# --- Building it ----------------------------------------------------------------------------------


@dataclass
class ReportingSummary:
    schools: int
    postcodes: int
    reports_created: int
    page: PupilReportPage


def build_reporting(builder: DemoBuilder, *, pages: Tally, snippets: Tally) -> ReportingSummary:
    """Schools, postcodes, the report page and (once) a year of reports. Called from
    ``DemoBuilder.build`` after the home page exists."""
    schools = {spec.key: ensure_school(spec, builder.admin, snippets) for spec in SCHOOLS}
    postcodes = ensure_postcodes()
    page = ensure_report_page(builder, pages)
    created = ensure_reports(schools, builder.today, builder.admin)
    return ReportingSummary(schools=len(schools), postcodes=postcodes, reports_created=created, page=page)


def ensure_school(spec: DemoSchool, admin: AbstractBaseUser, tally: Tally) -> School:
    """Create or update the school with this URN, saving only when a value differs."""
    lat, lng = map_to_latlng(*spec.at)
    values = {
        "name": spec.name,
        "phase": spec.phase,
        "address": spec.address,
        "location": f"SRID=4326;POINT({lng} {lat})",
        "lead_name": spec.lead_name,
        "lead_email": spec.lead_email,
        "lead_phone": f"01632 960 4{SCHOOLS.index(spec) + 1:02d}",
        "join_code": spec.join_code,
        "accepts_reports": True,
    }
    taken = School.objects.filter(join_code=spec.join_code).exclude(urn=spec.urn).first()
    if taken is not None:
        raise DemoError(f"The join code {spec.join_code} belongs to {taken.name}; the demo will not take it.")
    school = School.objects.filter(urn=spec.urn).first()
    status = "unchanged"
    if school is None:
        school = School(urn=spec.urn, **values)
        school.save()
        status = "created"
    else:
        changed = [name for name, value in values.items() if getattr(school, name) != value]
        for name in changed:
            setattr(school, name, values[name])
        if changed:
            school.save()  # a full save, so latitude and longitude follow the location
            status = "updated"
    with staff_audit.without_emails():  # the demo's own users: nobody to warn
        # The demo admin and the demo's school safeguarding lead (made by load_demo) read these
        # schools' reports.
        readers = [admin, get_user_model().objects.filter(username="lead").first()]
        for reader in readers:
            if spec.admin_is_staff and reader is not None and not school.staff.filter(pk=reader.pk).exists():
                school.staff.add(reader)
                status = "updated" if status == "unchanged" else status
    tally.add(status, f"School: {spec.name}")
    return school


def ensure_postcodes() -> int:
    """Create or move the demo's postcodes; returns how many there are."""
    existing = {
        row.postcode: row for row in PostcodeLocation.objects.filter(postcode__in=[p for p, _x, _y in POSTCODES])
    }
    for postcode, x, y in POSTCODES:
        lat, lng = map_to_latlng(x, y)
        row = existing.get(postcode)
        if row is None:
            PostcodeLocation.objects.create(postcode=postcode, latitude=lat, longitude=lng)
        elif (row.latitude, row.longitude) != (lat, lng):
            row.latitude, row.longitude = lat, lng
            row.save(update_fields=["latitude", "longitude"])
    return len(POSTCODES)


def ensure_report_page(builder: DemoBuilder, tally: Tally) -> PupilReportPage:
    """The report page below the home page, found by slug and published only when it differs."""
    home = builder.pages[""]
    existing = home.get_children().filter(slug=REPORT_PAGE_SLUG).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, PupilReportPage):
            raise DemoError(
                f"{page.url_path} is a {page.specific_class.__name__}, not a PupilReportPage; "
                "the demo will not replace it."
            )
    else:
        page = PupilReportPage(title=REPORT_PAGE_TITLE, slug=REPORT_PAGE_SLUG, live=False)
        home.add_child(instance=page)
        builder.created_page_ids.add(page.pk)
    page, status = builder.sync_page(page, DesiredPage(dict(REPORT_PAGE_FIELDS)))
    builder.pages[REPORT_PAGE_SLUG] = page
    tally.add(status, page.title)
    return page


def ensure_reports(schools: Mapping[str, School], today: datetime.date, admin: AbstractBaseUser) -> int:
    """A year of reports, made once: nothing is added when the demo's schools already have reports.
    Returns how many were made."""
    if PupilReport.objects.filter(school__in=schools.values()).exists():
        return 0
    reports = DemoReports(schools, today, admin).make()
    with transaction.atomic():
        PupilReport.objects.bulk_create(reports, batch_size=500)
        rollups.add_reports(reports)
    return len(reports)


# --- Making the reports ---------------------------------------------------------------------------


@dataclass
class Planned:
    """A report before the anonymity rules are applied, and the day it is dated."""

    draft: ReportDraft
    day: datetime.date


class DemoReports:
    """Plans the demo's reports with one seeded random generator, so every build makes the same ones."""

    def __init__(self, schools: Mapping[str, School], today: datetime.date, admin: AbstractBaseUser) -> None:
        self.schools = schools
        self.today = today
        self.admin = admin
        self.rng = random.Random(SEED)  # noqa: S311 - made-up demo data, repeatable on purpose
        self.days = [today - datetime.timedelta(days=back) for back in range(DAYS_OF_REPORTS)]
        self.references: set[str] = set()
        self.unused_details: dict[tuple[str, str], list[str]] = {}
        self.cumulative_day_weights: dict[tuple[str, bool], list[float]] = {}
        self.admin_school_ids = {school.pk for school in schools.values() if school.staff.filter(pk=admin.pk).exists()}

    def make(self) -> list[PupilReport]:
        planned: list[Planned] = []
        for hotspot in HOTSPOTS:
            planned.extend(self.at_hotspot(hotspot) for _ in range(hotspot.count))
        for key, count in SCHOOL_GROUND_COUNTS.items():
            planned.extend(self.in_school_grounds(self.schools[key]) for _ in range(count))
        planned.extend(self.scattered() for _ in range(SCATTERED_COUNT))
        planned.extend(self.at_home(urgent=index < HOME_URGENT) for index in range(HOME_COUNT))
        planned.extend(self.online() for _ in range(ONLINE_COUNT))
        self.add_trusted_adult_requests(planned)
        reports = []
        for plan in planned:
            report = build_report(plan.draft)
            report.submitted_on = plan.day
            self.set_status(report)
            reports.append(report)
        return reports

    # --- One report of each kind ----------------------------------------------------------------

    def at_hotspot(self, hotspot: Hotspot) -> Planned:
        age = S if self.rng.random() < hotspot.secondary_share else P
        context = self.pick(hotspot.contexts)
        worries = self.pick_some(hotspot.worries[age])
        values = {
            "school": self.schools[self.pick(hotspot.schools[age])],
            "age_group": age,
            "context": context,
            "categories": worries,
            "times_of_day": self.pick_some(hotspot.times, most=2),
            "days": self.pick(hotspot.days),
            "place_description": self.rng.choice(hotspot.places) if hotspot.places and self.chance(0.35) else "",
            "details": self.details(("hotspot", f"{hotspot.name}/{age}"), hotspot.details.get(age, ()), 0.45),
        }
        if context == ROUTE and hotspot.route:
            values["route_cells"] = cells.snap_route(map_to_latlng(*point) for point in self.route_piece(hotspot))
        else:
            values["cell"] = cells.snap(*map_to_latlng(*self.pin(hotspot.path, hotspot.spread)))
        return Planned(self.draft(**values), self.day(season=hotspot.season))

    def in_school_grounds(self, school: School) -> Planned:
        age = self.rng.choice(school.age_groups)
        draft = self.draft(
            school=school,
            age_group=age,
            context=choices.SCHOOL_GROUNDS,
            categories=self.pick_some(SCHOOL_WORRIES[age]),
            school_area=self.pick(SCHOOL_AREAS[age]),
            times_of_day=self.pick_some((("school-day", 6), ("before-school", 1), ("after-school", 2)), most=2),
            days="weekdays",
            details=self.details(("school", age), SCHOOL_DETAILS[age], 0.3),
        )
        return Planned(draft, self.day(school_days_only=True))

    def scattered(self) -> Planned:
        _postcode, x, y = self.rng.choice(POSTCODES)
        age = S if self.chance(0.5) else P
        school = self.nearest_school((x, y), age)
        draft = self.draft(
            school=school,
            age_group=age,
            context=NEIGHBOURHOOD,
            categories=self.pick_some(SCATTERED_WORRIES[age], most=2),
            cell=cells.snap(*map_to_latlng(*self.pin(((x, y),), 12))),
            times_of_day=self.pick_some(AFTER_SCHOOL, most=2),
            days=self.pick((("weekdays", 2), ("any-day", 2), ("weekends", 1))),
        )
        return Planned(draft, self.day())

    def at_home(self, *, urgent: bool) -> Planned:
        school = self.rng.choice(list(self.schools.values()))
        age = self.rng.choice(school.age_groups)
        worries = ["hurt-at-home"] if urgent else self.pick_some(HOME_WORRIES, most=1)
        if urgent and self.chance(0.5):
            worries.append("shouting-at-home")
        draft = self.draft(
            school=school,
            age_group=age,
            context=choices.HOME,
            categories=worries,
            home_room=self.pick(HOME_ROOMS),
            times_of_day=self.pick_some((("evening", 4), ("night", 2), ("any-time", 2)), most=2),
            days=self.pick((("any-day", 3), ("weekends", 2))),
            details="" if urgent else self.details(("home", ""), HOME_DETAILS, 0.5),
        )
        return Planned(draft, self.day())

    def online(self) -> Planned:
        school = self.rng.choice(list(self.schools.values()))
        age = self.rng.choice(school.age_groups)
        draft = self.draft(
            school=school,
            age_group=age,
            context=choices.ONLINE,
            categories=self.pick_some(ONLINE_WORRIES[age], most=2),
            online_place=self.pick(ONLINE_PLACES[age]),
            times_of_day=self.pick_some((("evening", 5), ("night", 2), ("any-time", 2)), most=2),
            days="any-day",
            details=self.details(("online", age), ONLINE_DETAILS[age], 0.5),
        )
        return Planned(draft, self.day())

    def draft(self, **values) -> ReportDraft:
        values.setdefault("feeling", self.feeling(values["categories"]))
        values.setdefault("language", self.pick(LANGUAGES))
        return ReportDraft(reference=self.reference(), **values)

    def add_trusted_adult_requests(self, planned: Sequence[Planned]) -> None:
        """A few pupils ask to talk to someone: more often about home, school or online, where
        an adult at school can most easily help."""
        for name, class_name, age in TRUSTED_ADULT_REQUESTS:
            candidates = [
                plan
                for plan in planned
                if plan.draft.age_group == age
                and not plan.draft.wants_trusted_adult
                and plan.draft.context in {choices.HOME, choices.SCHOOL_GROUNDS, choices.ONLINE, NEIGHBOURHOOD}
            ]
            plan = self.rng.choice(candidates)
            plan.draft.wants_trusted_adult = True
            plan.draft.contact_name = name
            plan.draft.contact_class = class_name

    def set_status(self, report: PupilReport) -> None:
        """Older reports have been read and acted on, as a school would; urgent ones at once."""
        age_in_days = (self.today - report.submitted_on).days
        if report.urgent and age_in_days >= 1:
            status = choices.ACTIONED if self.chance(0.7) else choices.REVIEWED
            delay = self.rng.randint(0, 1)
        elif age_in_days > 14:
            status = self.pick(((choices.ACTIONED, 5), (choices.REVIEWED, 3), (choices.NEW, 2)))
            delay = self.rng.randint(1, 8)
        elif age_in_days > 3:
            status = self.pick(((choices.REVIEWED, 4), (choices.NEW, 6)))
            delay = self.rng.randint(1, 3)
        else:
            return
        if status == choices.NEW:
            return
        report.status = status
        report.status_changed_on = min(self.today, report.submitted_on + datetime.timedelta(days=delay))
        if report.school_id in self.admin_school_ids:
            report.status_changed_by = self.admin
            if status == choices.ACTIONED and self.chance(0.3):
                report.staff_note = self.rng.choice(STAFF_NOTES)

    # --- Places -----------------------------------------------------------------------------------

    def pin(self, path: Sequence[Point], spread: float) -> Point:
        """A point on or near the path (one point, or a line pins spread along)."""
        if len(path) == 1:
            x, y = path[0]
        else:
            lengths = [math.dist(a, b) for a, b in zip(path, path[1:], strict=False)]
            index = self.rng.choices(range(len(lengths)), weights=lengths)[0]
            (x1, y1), (x2, y2) = path[index], path[index + 1]
            t = self.rng.random()
            x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        return x + self.rng.gauss(0, spread), y + self.rng.gauss(0, spread)

    def route_piece(self, hotspot: Hotspot) -> list[Point]:
        """Part of the hotspot's route (at least three points), as a pupil would draw it."""
        route = hotspot.route
        start = self.rng.randint(0, len(route) - 3)
        end = self.rng.randint(start + 3, len(route))
        return [(x + self.rng.gauss(0, 3), y + self.rng.gauss(0, 3)) for x, y in route[start:end]]

    def nearest_school(self, point: Point, age: str) -> School:
        """One of the three nearest schools that teach this age group, nearer ones more often."""
        spec_at = {spec.key: spec.at for spec in SCHOOLS}
        ranked = sorted(
            (math.dist(point, spec_at[key]), key) for key, school in self.schools.items() if age in school.age_groups
        )[:3]
        return self.schools[self.pick(tuple((key, 1 / (1 + distance)) for distance, key in ranked))]

    # --- Dates ------------------------------------------------------------------------------------

    def day(self, *, season: str = "", school_days_only: bool = False) -> datetime.date:
        """A day in the last year, busier in term time, on school days and (for some places) in
        the dark or light months; a little busier lately, as more pupils hear about the form."""
        key = (season, school_days_only)
        if key not in self.cumulative_day_weights:
            weights = [self.day_weight(day, season, school_days_only) for day in self.days]
            self.cumulative_day_weights[key] = list(itertools.accumulate(weights))
        return self.rng.choices(self.days, cum_weights=self.cumulative_day_weights[key])[0]

    def day_weight(self, day: datetime.date, season: str, school_days_only: bool) -> float:
        weekend = day.weekday() >= 5
        holiday = is_school_holiday(day)
        if school_days_only:
            weight = 0.02 if weekend or holiday else 1.0
        elif season == "light":
            weight = 0.6 if weekend or holiday else 1.0
        else:
            weight = {(False, False): 1.0, (True, False): 0.3, (False, True): 0.3, (True, True): 0.2}[
                (weekend, holiday)
            ]
        if season == "dark" and day.month in DARK_MONTHS:
            weight *= 1.7
        if season == "light" and day.month in LIGHT_MONTHS:
            weight *= 1.6
        age = (self.today - day).days
        return weight * (0.75 + 0.25 * (1 - age / DAYS_OF_REPORTS))

    # --- Small choices ----------------------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, weighted: Weighted) -> str:
        values, weights = zip(*weighted, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def pick_some(self, weighted: Weighted, most: int = 3) -> list[str]:
        """One to ``most`` different values, fewer more often (most pupils tick one or two)."""
        how_many = min(most, len(weighted), self.rng.choices((1, 2, 3), weights=(0.55, 0.35, 0.1))[0])
        remaining = list(weighted)
        chosen = []
        for _ in range(how_many):
            value = self.pick(tuple(remaining))
            chosen.append(value)
            remaining = [item for item in remaining if item[0] != value]
        return chosen

    def feeling(self, worries: Sequence[str]) -> int:
        if choices.URGENT_WORRIES.intersection(worries):
            return self.rng.choice((1, 1, 2))
        return self.rng.choices((1, 2, 3, 4), weights=(2, 3.5, 3, 1.5))[0]

    def details(self, key: tuple[str, str], texts: Sequence[str], probability: float) -> str:
        """Free text in a pupil's own words, each used once (pupils do not all write the same)."""
        if key not in self.unused_details:
            self.unused_details[key] = list(texts)
            self.rng.shuffle(self.unused_details[key])
        unused = self.unused_details[key]
        return unused.pop() if unused and self.chance(probability) else ""

    def reference(self) -> str:
        """A reference shaped like the real ones, but from the seeded generator (31^8 of them, so
        meeting a real report's reference is as unlikely as it is for two real reports)."""
        while True:
            body = "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(8))
            reference = f"R-{body[:4]}-{body[4:]}"
            if reference not in self.references:
                self.references.add(reference)
                return reference


def is_school_holiday(day: datetime.date) -> bool:
    month_day = (day.month, day.day)
    return any(start <= month_day <= end for start, end in HOLIDAYS)
