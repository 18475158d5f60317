"""The demo site as data: taxonomy, teams, the home page, the top-level pages and the settings.

Guidance pages live in ``guidance``, documents in ``leaflets``; ``SITE`` puts it all together.
"""

from __future__ import annotations

import datetime

from . import directory as d
from . import guidance as g
from . import leaflets as docs
from .specs import (
    Change,
    HomePageSpec,
    IndexPageSpec,
    MonthDay,
    Review,
    SiteSpec,
    StandardPageSpec,
    TeamSpec,
    TopicSpec,
    accordion,
    contact,
    documents,
    heading,
    link,
    p,
    quote,
    route,
    text,
    ul,
    what_to_do_now,
)
from .toolkit import TOOLKIT

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        g.CHILD_PROTECTION,
        "Child protection",
        "Conferences, plans and core groups for children at risk of significant harm.",
    ),
    TopicSpec(
        g.CHILDREN_IN_CARE, "Children in care", "Reviews and planning for children looked after by the local authority."
    ),
    TopicSpec(g.THRESHOLDS, "Thresholds and early help", "Judging what help a child and family need, and when."),
    TopicSpec(
        g.INFORMATION_SHARING,
        "Information sharing",
        "Sharing information lawfully and in good time to keep children safe.",
    ),
    TopicSpec(g.SEXUAL_ABUSE, "Sexual abuse", "Responding to disclosures and suspicions of child sexual abuse."),
    TopicSpec(
        g.EXPLOITATION,
        "Exploitation and harm outside the home",
        "Criminal and sexual exploitation, and risks in the community.",
    ),
    TopicSpec(g.SCHOOLS, "Schools and colleges", "Safeguarding in education settings."),
    TopicSpec(g.ONLINE, "Online safety", "Risks children face online, and how to respond."),
    TopicSpec(g.ALLEGATIONS, "Allegations against staff", "Concerns about adults who work or volunteer with children."),
    TopicSpec(g.CARE_PROVIDERS, "Care providers", "Guidance for children's homes and supported accommodation."),
    TopicSpec(g.PRACTICE, "Practice and learning", "Professional curiosity, challenge and the voice of the child."),
)

TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(g.PARTNERSHIP_TEAM, d.PARTNERSHIP, d.PARTNERSHIP_EMAIL, d.PARTNERSHIP_PHONE),
    TeamSpec(g.CP_REVIEW_TEAM, "Eastbrook Council Children's Services", d.CP_REVIEW_EMAIL, d.CP_REVIEW_PHONE),
    TeamSpec(g.MASH_TEAM, "Eastbrook Council Children's Services", d.MASH_EMAIL, d.MASH_PHONE),
    TeamSpec(g.LADO_TEAM, "Eastbrook Council Children's Services", d.LADO_EMAIL, d.LADO_PHONE),
    TeamSpec(g.EDUCATION_TEAM, "Eastbrook Council Education Services", d.EDUCATION_EMAIL, d.EDUCATION_PHONE),
    TeamSpec(g.ADOLESCENT_TEAM, "Eastbrook Council Children's Services", d.ADOLESCENT_EMAIL, d.ADOLESCENT_PHONE),
    TeamSpec(g.LOCATION_TEAM, "Eastbrook Council Children's Services", d.LOCATION_EMAIL, d.LOCATION_PHONE),
    TeamSpec(
        g.HEALTH_TEAM,
        "Eastbrook Integrated Care Board",
        "safeguarding.health@eastbrook-health.example",
        "01632 960 620",
    ),
)

WORRIED_SLUG = "worried-about-a-child"
YOUNG_PEOPLE_SLUG = "children-and-young-people"
LEAFLETS_SLUG = "leaflets"
UPDATES_SLUG = "recent-updates"
ABOUT_SLUG = "about-the-partnership"

SETTINGS = {
    "front_door_name": d.MASH_NAME,
    "front_door_phone": d.MASH_PHONE,
    "front_door_email": d.MASH_EMAIL,
    "out_of_hours_phone": d.OUT_OF_HOURS_PHONE,
    "police_non_emergency": d.POLICE_NON_EMERGENCY,
    "childline_phone": d.CHILDLINE_PHONE,
    "partnership_email": d.PARTNERSHIP_EMAIL,
    "partnership_phone": d.PARTNERSHIP_PHONE,
    "partnership_address": d.PARTNERSHIP_ADDRESS,
}

_MASH_CONTACT = contact(
    d.MASH_NAME,
    description="Call if you are worried that a child is being harmed or is at risk of harm.",
    phone=d.MASH_PHONE,
    email=d.MASH_EMAIL,
    opening_hours=d.MASH_HOURS,
    out_of_hours=d.OUT_OF_HOURS_TEXT,
)

HOME = HomePageSpec(
    title=d.PARTNERSHIP,
    seo_title="Eastbrook Safeguarding Children Partnership: guidance, leaflets and where to get help",
    search_description=(
        "Procedures, guidance and leaflets from the agencies in Eastbrook that work together to keep children safe."
    ),
    introduction=(
        "The council, the police, the NHS, schools and voluntary organisations in Eastbrook work together to keep "
        "children safe. Here you will find our procedures and guidance, leaflets for families, and where to get "
        "help."
    ),
    routes=[
        route(
            "Practitioners",
            "Procedures, protocols, thresholds of need and practice guidance, with what changed and when.",
            g.INDEX_SLUG,
            "Find guidance",
        ),
        route(
            "Parents and carers",
            "Leaflets that explain child protection meetings and reviews, and what to do if you are worried.",
            LEAFLETS_SLUG,
            "Leaflets for families",
        ),
        route(
            "Children and young people",
            "Your rights, who you can talk to, and how to get help now. You can leave the page quickly.",
            YOUNG_PEOPLE_SLUG,
            "Help for young people",
        ),
        route(
            "Care providers",
            "How to assess the area around a children's home or supported accommodation, and ask us for help.",
            f"{g.INDEX_SLUG}/{g.LOCATION_PAGE.slug}",
            "Location risk assessments",
        ),
    ],
    body=[
        what_to_do_now(
            p(
                f"If a child is in immediate danger, call the police on <b>{d.EMERGENCY}</b>.",
                f"If you are worried about a child, call the {d.MASH_NAME} on <b>{d.MASH_PHONE}</b>. "
                + link(f"page:{WORRIED_SLUG}", "What happens when you call"),
            ),
            heading="Worried about a child right now?",
            urgency="urgent",
        ),
        heading("About the partnership"),
        text(
            p(
                "The Eastbrook Safeguarding Children Partnership is led jointly by Eastbrook Council, the police and "
                "the NHS, with schools, early years settings and the voluntary and community sector. We agree how "
                "agencies work together, check that it works, and learn from reviews when things go wrong. "
                + link(f"page:{ABOUT_SLUG}", "More about the partnership")
            )
        ),
    ],
)

WORRIED = StandardPageSpec(
    slug=WORRIED_SLUG,
    title="Worried about a child?",
    show_in_menus=True,
    introduction=(
        "Anyone can raise a concern about a child: a neighbour, a relative, a parent or a professional. You do not "
        "need to be sure. Here is what to do and what happens next."
    ),
    team=g.MASH_TEAM,
    review=Review(MonthDay(-2, 3), MonthDay(10, 3)),
    history=(
        Change(g.LAUNCH_DAYS_AGO, "", datetime.time(8, 45)),
        Change(40, "Updated the out-of-hours number for the Emergency Duty Team.", datetime.time(17, 30)),
    ),
    body=[
        what_to_do_now(
            p(
                f"If a child is in immediate danger, or a crime is happening now, call the police on <b>{d.EMERGENCY}</b>."
            ),
            heading="In an emergency",
            urgency="urgent",
        ),
        heading("If the child is not in immediate danger"),
        text(
            p(
                "Call the Multi-Agency Safeguarding Hub (MASH). Social workers, police officers and health staff "
                "there look at every concern together and decide what help the child and family need."
            )
        ),
        _MASH_CONTACT,
        contact(
            "Police (not an emergency)",
            description="To report a crime that is not happening now, or to pass on information.",
            phone=d.POLICE_NON_EMERGENCY,
        ),
        contact(
            "NSPCC helpline",
            description="Free advice for any adult worried about a child, if you would rather talk to someone first.",
            phone=d.NSPCC_HELPLINE,
        ),
        heading("What happens after you call"),
        text(
            p("The person you speak to will ask what you have seen or heard, and about the child and family. Then:"),
            ul(
                "the MASH checks what agencies already know, usually within one working day",
                "it decides whether the family needs early help, a social work assessment or urgent action",
                "if you are a professional, you will be told the outcome",
            ),
        ),
        accordion(
            "Common questions",
            (
                "Can I stay anonymous?",
                p(
                    "Yes, if you are a member of the public. It helps to leave a way to contact you, but you do "
                    "not have to. Professionals must give their name."
                ),
            ),
            (
                "What if I am wrong?",
                p(
                    "You will not get into trouble for raising a genuine concern. Most calls lead to support for "
                    "the family, not to a child being taken into care."
                ),
            ),
            (
                "Will the family know it was me?",
                p(
                    "If you are a member of the public, we will not tell the family who you are unless you agree, "
                    "or a court orders it. Professionals are expected to be open with families about a referral, "
                    "unless that would put the child at risk."
                ),
            ),
        ),
        heading("If you work with children"),
        text(
            p(
                "Talk to your designated safeguarding lead, and use the "
                + link(f"page:{g.INDEX_SLUG}/{g.THRESHOLDS_PAGE.slug}", "thresholds of need")
                + " to help you decide. For suspected sexual abuse, follow the "
                + link(f"page:{g.INDEX_SLUG}/{g.SEXUAL_ABUSE_PAGE.slug}", "referral routes")
                + "."
            )
        ),
    ],
)

YOUNG_PEOPLE = StandardPageSpec(
    slug=YOUNG_PEOPLE_SLUG,
    title="For children and young people",
    show_in_menus=True,
    show_quick_exit=True,
    introduction=(
        "If something is worrying you, you do not have to deal with it on your own. This page explains your rights, "
        "who you can talk to, and how to get help."
    ),
    team=g.PARTNERSHIP_TEAM,
    review=Review(MonthDay(-1, 7), MonthDay(11, 7)),
    history=(
        Change(g.LAUNCH_DAYS_AGO, "", datetime.time(8, 50)),
        Change(19, "Added words you might hear, chosen by our youth forum.", datetime.time(16, 40)),
    ),
    body=[
        what_to_do_now(
            p(
                f"If you are in danger right now, call <b>{d.EMERGENCY}</b>.",
                f"You can talk to Childline about anything, for free, at any time: call <b>{d.CHILDLINE_PHONE}</b> "
                "or chat online. The call will not show on the phone bill.",
            ),
            heading="Get help now",
            urgency="urgent",
        ),
        heading("Your rights"),
        text(
            p("Every child and young person has rights. They include the right to:"),
            ul(
                "be safe and protected from harm",
                "say what you think about decisions that affect you, and be taken seriously",
                "get information in a way you can understand",
                "get help when something is not right",
            ),
        ),
        heading("Who you can talk to"),
        text(
            ul(
                "an adult you trust: a family member, a teacher, a school nurse or a youth worker",
                "your social worker, if you have one",
                "Childline, on " + d.CHILDLINE_PHONE + " or at " + link(d.CHILDLINE_URL, "childline.org.uk"),
                f"the police on {d.EMERGENCY} in an emergency, or {d.POLICE_NON_EMERGENCY} if it is not urgent",
            ),
            p("If you tell someone and nothing changes, tell someone else. Keep telling until someone listens."),
        ),
        contact(
            "Childline",
            description="Free, private support for anyone under 19, about anything.",
            phone=d.CHILDLINE_PHONE,
            opening_hours="Any time, day or night",
        ),
        quote(
            "I thought telling someone would make it worse. It didn't. It was the first time things got better.",
            "Young person, 15",
            "Youth forum",
        ),
        accordion(
            "Words you might hear",
            (
                "Social worker",
                p("Someone whose job is to help keep children safe and to support families."),
            ),
            (
                "Child protection conference",
                p(
                    "A meeting where adults who know you and your family make a plan to keep you safe. You can have "
                    "your say."
                ),
            ),
            (
                "Core group",
                p("A small group of people, including your family, who meet to make the plan work."),
            ),
            (
                "Independent Reviewing Officer (IRO)",
                p("If you are in care, the person who runs your reviews and makes sure your views are heard."),
            ),
            (
                "Advocate",
                p("Someone on your side who helps you say what you want to say, or says it for you."),
            ),
        ),
        documents("Guides for young people", docs.YP_CONFERENCE, docs.CARE_REVIEW),
        heading("Leaving this page quickly"),
        text(
            p(
                "Use the 'Leave this page' button, or press the Shift key three times, to go straight to another "
                "website. Your browser history will still show that you visited, so you may want to clear it."
            )
        ),
    ],
)

ABOUT = StandardPageSpec(
    slug=ABOUT_SLUG,
    title="About the partnership",
    introduction=(
        "How the agencies in Eastbrook work together to keep children safe, and how to contact the partnership."
    ),
    team=g.PARTNERSHIP_TEAM,
    review=Review(MonthDay(-3, 12), MonthDay(9, 12)),
    history=(Change(g.LAUNCH_DAYS_AGO, "", datetime.time(8, 55)),),
    body=[
        text(
            p(
                "Three safeguarding partners lead the partnership: Eastbrook Council, the police and the NHS "
                "integrated care board. Their most senior leaders agree our priorities and answer for how well "
                "agencies work together. Schools, early years settings, probation, the youth justice service and "
                "voluntary and community groups are part of it too."
            )
        ),
        heading("What we do"),
        text(
            ul(
                "agree local procedures and guidance, in line with the London Safeguarding Children Procedures",
                "check how well agencies work together, through audits and self-assessments",
                "learn from local and national reviews of serious cases",
                "make sure the views of children and families shape our work",
            )
        ),
        quote(
            "I only found out I could have an advocate after my review. Tell people sooner.",
            "Young person, 17",
            "Youth forum",
        ),
        contact(
            "Partnership Business Unit",
            description="General questions about the partnership, its training and its publications.",
            phone=d.PARTNERSHIP_PHONE,
            email=d.PARTNERSHIP_EMAIL,
            address=d.PARTNERSHIP_ADDRESS,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
    ],
)

GUIDANCE_INDEX = IndexPageSpec(
    kind="guidance",
    slug=g.INDEX_SLUG,
    title="Guidance, procedures and protocols",
    introduction=(
        "Local procedures, protocols and practice guidance for everyone who works with children in Eastbrook. "
        "They add to the London Safeguarding Children Procedures and Working Together to Safeguard Children 2023."
    ),
)

LEAFLETS_INDEX = IndexPageSpec(
    kind="leaflets",
    slug=LEAFLETS_SLUG,
    title="Leaflets for children and families",
    introduction=(
        "Leaflets to read before a meeting, or to give to a child or family. Some are available in other "
        "languages; ask us if you need one that is not here."
    ),
)

UPDATES = IndexPageSpec(
    kind="updates",
    slug=UPDATES_SLUG,
    title="Recent updates",
    introduction="Every change to our guidance, newest first, so you can see what is new since you last looked.",
)

SITE = SiteSpec(
    site_name=d.PARTNERSHIP,
    topics=TOPICS,
    teams=TEAMS,
    documents=docs.DOCUMENTS,
    home=HOME,
    pages=(WORRIED, GUIDANCE_INDEX, LEAFLETS_INDEX, YOUNG_PEOPLE, UPDATES, ABOUT),
    guidance_index_slug=g.INDEX_SLUG,
    guidance=g.GUIDANCE_PAGES,
    settings=SETTINGS,
    toolkit=TOOLKIT,
)
