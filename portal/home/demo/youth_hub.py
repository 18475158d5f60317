"""The Youth Hub as data: pages for young people aged 11 and over, the glossary and services pages,
and the support services they list.

National services are real, with their public numbers. Local services are fictional: phone numbers
are in Ofcom's drama ranges (01632 960xxx, and 07700 900xxx for a text line) and addresses use the
reserved ``.example`` domain.
"""

from __future__ import annotations

from . import directory as d
from . import guidance as g
from .specs import Change, MonthDay, Review, accordion, contact, heading, link, ol, p, quote, text, ul, what_to_do_now
from .toolkit_specs import ListingPageSpec, SectionIndexSpec, ServiceSpec, YouthHubPageSpec, at

SLUG = "youth-hub"
GLOSSARY_SLUG = "glossary"
SERVICES_SLUG = "get-help"
LAUNCH_DAYS_AGO = 110
LOCAL, NATIONAL = "local", "national"


def _page(path: str) -> str:
    return f"page:{SLUG}/{path}"


_GET_HELP_NOW = what_to_do_now(
    p(
        f"If you are in danger right now, call <b>{d.EMERGENCY}</b>.",
        f"You can talk to Childline about anything, for free, at any time: call <b>{d.CHILDLINE_PHONE}</b> or "
        "chat online. The call will not show on the phone bill.",
    ),
    heading="Get help now",
    urgency="urgent",
)

_CHILDLINE = contact(
    "Childline",
    description="Free, private help for anyone under 19, about anything at all.",
    phone=d.CHILDLINE_PHONE,
    opening_hours="Any time, day or night",
)

# --- Pages -------------------------------------------------------------------------------------

YOUTH_HUB = SectionIndexSpec(
    slug=SLUG,
    title="Youth Hub",
    search_description="Help, rights and information for young people aged 11 and over in Eastbrook.",
    introduction=(
        "For young people aged 11 and over in Eastbrook. If something is worrying you, find out about your rights, "
        "who can help, and what the words adults use actually mean."
    ),
    body=[
        _GET_HELP_NOW,
        heading("About the Youth Hub"),
        text(
            p(
                "Young people from the Eastbrook Youth Forum helped write these pages and chose what goes on them. "
                "If something is missing or does not make sense, tell us at "
                + link(f"mailto:{d.PARTNERSHIP_EMAIL}", d.PARTNERSHIP_EMAIL)
                + ". We read every message, and we will tell you what we changed."
            )
        ),
        quote(
            "I wish I'd known half of this before my first meeting with a social worker.",
            "Young person, 15",
            "Youth forum",
        ),
        heading("Leaving this page quickly"),
        text(
            p(
                "Press the 'Leave this page' button, or the Shift key three times, to go straight to another "
                "website. Your browser history will still show you were here, so you might want to clear it or "
                "use a private window."
            )
        ),
    ],
)

WORRIED = YouthHubPageSpec(
    slug="worried-about-something",
    title="Worried about something?",
    introduction=(
        "Whatever it is, you do not have to sort it out on your own. Here is who you can talk to, and what happens "
        "when you do."
    ),
    team=g.PARTNERSHIP_TEAM,
    review=Review(MonthDay(-1, 4), MonthDay(11, 4)),
    history=(
        Change(LAUNCH_DAYS_AGO, "", at(10, 0)),
        Change(26, "Added what to do if you are worried about a friend.", at(16, 30)),
    ),
    body=[
        _GET_HELP_NOW,
        heading("Tell someone"),
        text(
            p(
                "Talking to a trusted adult is often the first step. That could be someone in your family, a "
                "teacher, a school nurse, a youth worker, a sports coach or a neighbour. At school, there is also a "
                "designated safeguarding lead whose job is to help pupils who are worried."
            ),
            p(
                "If it is hard to say out loud, you could write it down, send a message, or start with 'Can I talk "
                "to you about something?'"
            ),
        ),
        heading("What happens when you tell"),
        text(
            p(
                "The adult will listen and take you seriously. Most of what you say can stay confidential, but if "
                "they think you or someone else might be harmed, they will need to pass it on to someone who can "
                "help. A good adult will tell you first, and explain who they are telling and why."
            )
        ),
        accordion(
            "Questions young people ask",
            (
                "Will I get in trouble?",
                p(
                    "No. If someone is hurting you, or pressuring you into something, it is not your fault, even "
                    "if you were asked to keep it secret or you did something you were told not to."
                ),
            ),
            (
                "What if I'm worried about a friend?",
                p(
                    "Tell a trusted adult, even if your friend asked you not to. You are not getting them into "
                    "trouble; you are helping them get support. You can also call Childline to talk it through "
                    "first."
                ),
            ),
            (
                "I told someone and nothing changed. What now?",
                p("Tell someone else. Keep telling until someone listens and does something about it."),
            ),
        ),
        _CHILDLINE,
        text(p(link(_page(SERVICES_SLUG), "Find more services that can help") + ", by topic and by age.")),
    ],
)

RIGHTS = YouthHubPageSpec(
    slug="your-rights",
    title="Your rights",
    introduction=(
        "Every child and young person has rights, wherever they live and whoever they are. Here are some that "
        "matter most when adults are making decisions about you."
    ),
    team=g.PARTNERSHIP_TEAM,
    review=Review(MonthDay(-2, 7), MonthDay(10, 7)),
    history=(Change(LAUNCH_DAYS_AGO, "", at(10, 10)),),
    body=[
        text(
            p(
                "The UK has signed an agreement called the UN Convention on the Rights of the Child. It lists the "
                "rights every child has. One of the most important, article 12, is about having your say."
            )
        ),
        heading("Having your say"),
        text(
            p(
                "When adults make decisions that affect your life, you have the right to tell them what you think, "
                "in your own way. They have to listen properly and think about what you said. The older you are "
                "and the more you understand, the more your views should count."
            ),
            p("They will not always be able to do what you want, but they should tell you what they decided, and why."),
        ),
        heading("Other rights"),
        text(
            ul(
                "to be safe, and protected from abuse, neglect and being exploited",
                "to get information in a way you can understand",
                "to privacy, unless keeping something private would put you or someone else in danger",
                "to an education, and to the health care you need",
                "to be treated fairly, whatever your background, religion, sexuality or disability",
                "to time to rest and play",
            )
        ),
        heading("Someone on your side"),
        text(
            p(
                "If you are in care, or have a child protection conference, you can ask for an advocate. An "
                "advocate helps you say what you want to say, or says it for you. Ask your social worker, or your "
                "IRO if you are in care."
            )
        ),
        heading("If something is not right"),
        text(
            p(
                "You can complain about a service, and you should not be treated worse because you did. Ask any "
                "worker how to complain, or get an advocate to help you do it."
            )
        ),
        quote(
            "Nobody told me I was allowed to disagree with the plan. I am.",
            "Young person, 16",
            "Children in care council",
        ),
    ],
)

ONLINE = YouthHubPageSpec(
    slug="staying-safe-online",
    title="Staying safe online",
    introduction=(
        "Being online is part of life, and most of it is good. If something online has upset, scared or "
        "pressured you, here is what you can do."
    ),
    team=g.EDUCATION_TEAM,
    review=Review(MonthDay(-1, 19), MonthDay(11, 19)),
    history=(
        Change(LAUNCH_DAYS_AGO, "", at(10, 20)),
        Change(34, "Added how to get a nude image of you taken down.", at(15, 45)),
    ),
    body=[
        heading("If someone online is pressuring you"),
        text(
            p(
                "Sometimes people online pretend to be someone they are not, or act like a friend or partner to "
                "get you to do things: send photos, meet up, keep secrets or do things for them. This is called "
                "grooming. It can feel like a real friendship, and it is never your fault."
            ),
            ul(
                "You can stop replying at any time. You do not owe anyone an explanation.",
                "Do not delete the messages. Take screenshots if you can do it safely.",
                "Block and report them on the app.",
                "Tell a trusted adult, or report it to CEOP, the police's online child protection team.",
            ),
        ),
        heading("If a nude or sexual image of you has been shared"),
        text(
            p(
                "It can feel like the worst thing in the world, but it can be sorted, and you will not be in "
                "trouble. If you are under 18, Childline's Report Remove tool can help get the image taken down "
                "from the internet. You can also talk to Childline about how you are feeling."
            )
        ),
        heading("Group chats and bullying"),
        text(
            p(
                "You can leave a group chat that makes you feel bad. Screenshot anything hurtful, and show a trusted "
                "adult. If someone is threatening you, tell the police."
            )
        ),
        quote(
            "I thought I'd get my phone taken off me. I didn't. They just helped me block him.",
            "Young person, 13",
            "Youth forum school session",
        ),
        _GET_HELP_NOW,
    ],
)

SOCIAL_WORKER = YouthHubPageSpec(
    slug="when-a-social-worker-gets-involved",
    title="What happens when a social worker gets involved",
    introduction=(
        "If someone is worried about you or your family, a social worker might get in touch. Here is what usually "
        "happens, and how you can have your say at every step."
    ),
    team=g.MASH_TEAM,
    review=Review(MonthDay(-2, 21), MonthDay(10, 21)),
    history=(
        Change(LAUNCH_DAYS_AGO, "", at(10, 30)),
        Change(8, "Explained what a strategy meeting is, as young people asked.", at(11, 50)),
    ),
    body=[
        text(
            p(
                "A social worker's job is to help keep children safe and to support families. Most families who "
                "meet a social worker get help and stay together."
            )
        ),
        heading("What usually happens"),
        text(
            ol(
                "Someone, such as a teacher, a doctor or a neighbour, tells the Multi-Agency Safeguarding Hub "
                "(MASH) that they are worried.",
                "The MASH decides what help your family might need. Often it is early help, with a worker who is "
                "not a social worker.",
                "If more help is needed, a social worker will meet you and your family to find out what is going "
                "well and what is hard. This is called a child and family assessment, and it should include time "
                "to talk to you on your own.",
                "The social worker might decide you are a child in need, and agree a plan with your family to get "
                "you the right support.",
                "If people are worried that you might be seriously harmed, the social worker, the police and health "
                "workers have a strategy meeting to decide what to do. There may then be a child protection "
                "conference, which can agree a child protection plan to keep you safe.",
            )
        ),
        heading("Having your say"),
        text(
            ul(
                "Your social worker should ask what you think, and write it down in your words.",
                "You can go to meetings about you, or part of them, or send your views another way.",
                "You can ask for an advocate to help you.",
                "You should be told what was decided, and why.",
            )
        ),
        accordion(
            "Questions young people ask",
            (
                "Will I be taken away from my family?",
                p(
                    "Almost always, no. Social workers work hard to help families stay together safely. A child "
                    "only moves away from home if it is not safe there, and usually a court has to agree."
                ),
            ),
            (
                "Will my friends or school find out?",
                p(
                    "Some people at school, such as the designated safeguarding lead, may be told so that they can "
                    "support you. Your information is kept confidential and is not shared with your friends or "
                    "other pupils."
                ),
            ),
            (
                "What if I don't get on with my social worker?",
                p(
                    "Tell them, or tell another adult you trust. You can ask to talk to their manager, and you can "
                    "ask an advocate to help you."
                ),
            ),
        ),
        quote(
            "She came back when she said she would. That's why I told her the rest.",
            "Young person, 14",
            "Feedback postcard",
        ),
    ],
)

YOUTH_PAGES: tuple[YouthHubPageSpec, ...] = (WORRIED, RIGHTS, SOCIAL_WORKER, ONLINE)

GLOSSARY_PAGE = ListingPageSpec(
    slug=GLOSSARY_SLUG,
    title="Words professionals use",
    introduction=(
        "Adults who work with children use a lot of words and letters that can be hard to follow. Here is what they "
        "mean. If a word is missing, ask the adult to explain it, and tell us so we can add it."
    ),
    search_description="A glossary of safeguarding words, explained in plain English for young people.",
)

# The practitioners' A to Z, under the home page: guidance and toolkit pages link their terms
# here, while Youth Hub pages link to the hub's own glossary above.
PRACTITIONER_GLOSSARY_PAGE = ListingPageSpec(
    slug="glossary",
    title="Glossary of safeguarding terms",
    introduction=(
        "The terms, abbreviations and initials used across Eastbrook's procedures and guidance, each with a short "
        "plain explanation and more detail for practitioners. Terms are linked from guidance pages where they "
        "first appear."
    ),
    search_description="Safeguarding terms and abbreviations, from LADO to section 47, explained.",
)

SERVICES_PAGE = ListingPageSpec(
    slug=SERVICES_SLUG,
    title="Get help",
    introduction=(
        "Services in Eastbrook and across the UK that help young people. Choose what you need help with and your "
        "age to see the ones that fit. In an emergency, call 999."
    ),
    search_description="Local and national services that help young people, by topic and age.",
)

# --- Support services --------------------------------------------------------------------------
# A service's ``text`` is shown after the word "Text:", so it reads "SHOUT to 85258", not "Text SHOUT...".

SERVICES: tuple[ServiceSpec, ...] = (
    # National services (real).
    ServiceSpec(
        name="Childline",
        helps_with=(
            "Talk to a counsellor about anything that is worrying you, big or small. Free and private, for anyone "
            "under 19."
        ),
        topics=(
            "abuse",
            "bullying",
            "mental-health",
            "self-harm",
            "online-safety",
            "exploitation",
            "family",
            "sexual-health",
            "lgbtq",
        ),
        reach=NATIONAL,
        phone=d.CHILDLINE_PHONE,
        website=d.CHILDLINE_URL,
        opening_hours="Phone: any time, day or night. You can also chat online.",
        max_age=18,
    ),
    ServiceSpec(
        name="NSPCC Helpline",
        helps_with=(
            "For adults who are worried about a child. If you want an adult to get advice about you or a friend, "
            "you could give them this number."
        ),
        topics=("abuse", "family"),
        reach=NATIONAL,
        phone=d.NSPCC_HELPLINE,
        website="https://www.nspcc.org.uk/",
        min_age=18,
    ),
    ServiceSpec(
        name="Shout",
        helps_with="If you are struggling to cope, text a trained volunteer. Free, private and always open.",
        topics=("mental-health", "self-harm"),
        reach=NATIONAL,
        text="SHOUT to 85258",
        website="https://giveusashout.org/",
        opening_hours="Any time, day or night",
    ),
    ServiceSpec(
        name="Samaritans",
        helps_with="Talk to someone about anything that is upsetting you, including if you feel you cannot go on.",
        topics=("mental-health", "self-harm"),
        reach=NATIONAL,
        phone="116 123",
        website="https://www.samaritans.org/",
        opening_hours="Any time, day or night",
    ),
    ServiceSpec(
        name="The Mix",
        helps_with=(
            "Help with anything, from mental health and money to relationships, drugs and housing, if you are "
            "under 25. Phone, chat or join the online community."
        ),
        topics=("mental-health", "drugs-alcohol", "sexual-health", "family", "running-away", "lgbtq"),
        reach=NATIONAL,
        phone="0808 808 4994",
        website="https://www.themix.org.uk/",
        max_age=24,
    ),
    ServiceSpec(
        name="Kooth",
        helps_with=(
            "Free online support for your mental health: chat to a counsellor, write in a journal or talk to "
            "other young people. For ages 10 to 25 in many areas."
        ),
        topics=("mental-health", "self-harm", "bullying", "family"),
        reach=NATIONAL,
        website="https://www.kooth.com/",
        min_age=10,
        max_age=25,
    ),
    ServiceSpec(
        name="YoungMinds",
        helps_with=(
            "Information about feelings and mental health, written for young people, and a free text line if you "
            "need urgent support."
        ),
        topics=("mental-health", "self-harm"),
        reach=NATIONAL,
        text="YM to 85258",
        website="https://www.youngminds.org.uk/",
        opening_hours="Text line: any time, day or night",
    ),
    ServiceSpec(
        name="CEOP (Child Exploitation and Online Protection)",
        helps_with=(
            "Report it if someone online is making you feel uncomfortable, asking for sexual pictures or trying "
            "to meet you. Run by the police."
        ),
        topics=("online-safety", "exploitation", "abuse"),
        reach=NATIONAL,
        website="https://www.ceop.police.uk/",
    ),
    ServiceSpec(
        name="Fearless",
        helps_with=(
            "Tell someone about a crime without giving your name. Fearless is the youth service of the charity "
            "Crimestoppers, and you stay anonymous."
        ),
        topics=("crime", "exploitation"),
        reach=NATIONAL,
        website="https://www.fearless.org/",
    ),
    ServiceSpec(
        name="Talk to FRANK",
        helps_with="Honest information about drugs and alcohol, and someone to talk to. Free and confidential.",
        topics=("drugs-alcohol",),
        reach=NATIONAL,
        phone="0300 123 6600",
        text="82111",
        website="https://www.talktofrank.com/",
        opening_hours="Any time, day or night",
    ),
    ServiceSpec(
        name="Runaway Helpline (Missing People)",
        helps_with=(
            "If you have run away, are thinking about it, or have been asked to leave home. You can call or text, "
            "and you do not have to say where you are."
        ),
        topics=("running-away", "family", "exploitation"),
        reach=NATIONAL,
        phone="116 000",
        text="116 000",
        website="https://www.runawayhelpline.org.uk/",
        max_age=18,
    ),
    ServiceSpec(
        name="Brook",
        helps_with=(
            "Information about sex, relationships, contraception and sexual health, and where to find a clinic, "
            "for young people under 25."
        ),
        topics=("sexual-health", "lgbtq"),
        reach=NATIONAL,
        website="https://www.brook.org.uk/",
        max_age=24,
    ),
    ServiceSpec(
        name="Switchboard LGBT+ Helpline",
        helps_with=(
            "Talk to someone who gets it about sexuality, gender identity or anything else. All the volunteers "
            "are LGBTQ+."
        ),
        topics=("lgbtq", "mental-health"),
        reach=NATIONAL,
        phone="0800 0119 100",
        website="https://switchboard.lgbt/",
    ),
    # Local services (fictional).
    ServiceSpec(
        name="Eastbrook Children's Services (MASH)",
        helps_with=(
            "If you are being hurt or are not safe at home, you can call us yourself. Social workers will listen "
            "and work out how to help."
        ),
        topics=("abuse", "family", "running-away"),
        reach=LOCAL,
        phone=d.MASH_PHONE,
        opening_hours=f"{d.MASH_HOURS}. At other times call the {d.OUT_OF_HOURS_NAME} on {d.OUT_OF_HOURS_PHONE}.",
    ),
    ServiceSpec(
        name="Eastbrook Youth Service",
        helps_with=(
            "Youth clubs, activities and youth workers you can talk to, in centres across Eastbrook and on the "
            "streets. For 11 to 19-year-olds (up to 25 for young people with SEND)."
        ),
        topics=("bullying", "mental-health", "family", "lgbtq", "crime", "exploitation"),
        reach=LOCAL,
        phone="01632 960 300",
        website="https://www.eastbrook.example/youth",
        opening_hours="Youth centres are open most evenings and on Saturdays",
        min_age=11,
        max_age=19,
    ),
    ServiceSpec(
        name="Eastbrook School Nurses text line (ChatHealth)",
        helps_with=(
            "Text a school nurse for confidential advice about health, feelings, relationships, sexual health, "
            "drugs or alcohol. For secondary school pupils in Eastbrook."
        ),
        topics=("mental-health", "self-harm", "sexual-health", "bullying", "family", "drugs-alcohol"),
        reach=LOCAL,
        phone="01632 960 350",
        text="07700 900 350",
        opening_hours="Monday to Friday, 9am to 5pm; replies within one working day",
        min_age=11,
        max_age=19,
    ),
    ServiceSpec(
        name="Eastbrook CAMHS",
        helps_with=(
            "NHS help for young people whose feelings or mental health are getting in the way of everyday life. "
            "Your GP, school nurse or another worker can refer you, or a parent can call."
        ),
        topics=("mental-health", "self-harm"),
        reach=LOCAL,
        phone="01632 960 360",
        opening_hours="Monday to Friday, 9am to 5pm. In a crisis at other times, call NHS 111 and choose the mental health option.",
        max_age=17,
    ),
    ServiceSpec(
        name="Eastbrook Choices: young people's drug and alcohol service",
        helps_with=(
            "Talk to someone about your own drinking or drug use, or someone else's, without being judged. "
            "We can meet you at school, at home or somewhere else you choose."
        ),
        topics=("drugs-alcohol", "exploitation"),
        reach=LOCAL,
        phone="01632 960 370",
        opening_hours="Monday to Friday, 9am to 6pm",
        min_age=11,
        max_age=24,
    ),
    ServiceSpec(
        name="Eastbrook young people's sexual health clinic",
        helps_with=(
            "Free, confidential contraception, condoms, testing and advice for under-25s. You do not need to bring "
            "anyone with you."
        ),
        topics=("sexual-health", "lgbtq"),
        reach=LOCAL,
        phone="01632 960 380",
        website="https://www.eastbrook-health.example/sexual-health",
        opening_hours="Drop-in Tuesday and Thursday, 3.30pm to 6.30pm",
        min_age=13,
        max_age=24,
    ),
    ServiceSpec(
        name=d.SARC_NAME,
        helps_with=(
            "If someone has sexually assaulted you, recently or a long time ago. The Haven can give you medical "
            "care and support, whether or not you want to tell the police."
        ),
        topics=("abuse", "sexual-health"),
        reach=LOCAL,
        phone=d.SARC_PHONE,
        opening_hours="Any time, day or night",
    ),
)
