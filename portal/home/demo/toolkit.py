"""The Voice of the Child toolkit as data: its front page, resources, practice briefings and the
directory of how agencies hear children's voices. ``TOOLKIT`` puts it together with the Youth Hub
(``youth_hub``) and the glossary (``glossary_terms``).

Quotes from children and young people are written for the demo; none is a real person's words.
"""

from __future__ import annotations

from . import directory as d
from . import guidance as g
from . import toolkit_documents as docs
from .glossary_terms import TERMS
from .specs import (
    Change,
    MonthDay,
    Review,
    accordion,
    documents,
    heading,
    link,
    ol,
    p,
    quote,
    text,
    ul,
    video,
    what_to_do_now,
)
from .toolkit_specs import (
    BriefingSpec,
    EngagementSpec,
    ListingPageSpec,
    ResourceSpec,
    SectionIndexSpec,
    ToolkitSpec,
    at,
)
from .youth_hub import GLOSSARY_PAGE, SERVICES, SERVICES_PAGE, YOUTH_HUB, YOUTH_PAGES

SLUG = "toolkit"
BRIEFINGS_SLUG = "practice-briefings"
DIRECTORY_SLUG = "how-agencies-listen"
LAUNCH_DAYS_AGO = 120  # the toolkit went live some weeks after the rest of the site

# The fixed lists (see portal.toolkit.models).
ASK, LISTEN, ACT, FEED_BACK = "ask", "listen", "act", "feed-back"
DIRECT_WORK = "direct-work"
SERVICE_PLANNING = "service-planning"
STRATEGIC_PLANNING = "strategic-planning"
RECRUITMENT = "recruitment"
QUALITY_ASSURANCE = "quality-assurance"
UNDER_5, AGES_5_10, AGES_11_14, AGES_15_17, AGES_18_25 = "0-4", "5-10", "11-14", "15-17", "18-25"
ALL_AGES = (UNDER_5, AGES_5_10, AGES_11_14, AGES_15_17, AGES_18_25)

YOUTH_FORUM_FILM_URL = "https://www.eastbrookscp.example/films/what-good-listening-looks-like"


def _launch(minute: int = 0) -> Change:
    return Change(LAUNCH_DAYS_AGO, "", at(9, minute))


def _review(months_ago: int, day: int) -> Review:
    return Review(MonthDay(-months_ago, day), MonthDay(12 - months_ago, day))


def _page(path: str) -> str:
    return f"page:{SLUG}/{path}"


# --- The toolkit's front page ----------------------------------------------------------------

TOOLKIT_INDEX = SectionIndexSpec(
    slug=SLUG,
    title="Voice of the Child toolkit",
    search_description=(
        "Activities, templates, briefings, films and guides to help practitioners ask, listen, act and feed back "
        "on the views of children and young people."
    ),
    introduction=(
        "Tools for everyone who works with children in Eastbrook, to help you ask children what they think, listen "
        "properly, act on what you hear and tell them what happened. Filter by stage, by what you need it for, by "
        "the child's age and by format."
    ),
    body=[
        heading("Ask, listen, act, feed back"),
        text(
            p(
                "Hearing a child is not a single conversation. Every resource here supports one or more stages of "
                "the same cycle:"
            ),
            ul(
                "<b>Ask</b>: give the child a real chance to share their views, in a way that suits them.",
                "<b>Listen</b>: pay attention to words, behaviour and silences, and write down what they said.",
                "<b>Act</b>: let what you heard shape the plan, the service or the decision.",
                "<b>Feed back</b>: tell the child what changed, or why it did not, and keep them up to date.",
            ),
            p(
                "The same tools work beyond one-to-one work: in planning services and the partnership's strategy, "
                "in recruiting staff and in checking the quality of our practice."
            ),
        ),
        {
            "type": "principles",
            "value": {
                "heading": "Working with parents and carers",
                "introduction": (
                    "Working Together to Safeguard Children 2023 asks every practitioner to work in partnership "
                    "with parents and carers wherever they can. Four principles guide how we do that in Eastbrook."
                ),
                "principles": [
                    {
                        "title": "Build relationships that families can trust",
                        "explanation": (
                            "Be reliable and honest, do what you said you would, and treat parents and carers as "
                            "people who want the best for their children. Cooperation grows from trust, not from "
                            "pressure."
                        ),
                    },
                    {
                        "title": "Communicate with respect and without blame",
                        "explanation": (
                            "Use plain, clear words, in writing and in person, and watch your tone and body "
                            "language. Adapt to each parent's language, literacy, disability or anxiety, and "
                            "check they have understood."
                        ),
                    },
                    {
                        "title": "Help parents and carers take part in decisions",
                        "explanation": (
                            "Share reports before meetings, explain what is expected and what support they can "
                            "expect in return, and make room for their views on what would keep their children "
                            "safe and well. A plan parents helped to write is a plan they are more likely to keep."
                        ),
                    },
                    {
                        "title": "Design services with families and communities",
                        "explanation": (
                            "Ask families and community groups to help design how our services and safeguarding "
                            "processes work, from leaflets and meeting formats to how a referral is explained. "
                            "People who have been through a process know best where it fails."
                        ),
                    },
                ],
            },
        },
        heading("What children and young people told us"),
        quote(
            "If you say you'll ring me on Friday, ring me on Friday. Even if it's just to say there's no news.",
            "Young person, 15",
            "Youth forum, toolkit workshop",
        ),
        quote("Don't make me say it all again to someone new.", "Young person, 14", "Children in care council"),
        quote(
            "Sitting next to me and drawing was easier than sitting across a table.",
            "Child, 9",
            "Feedback postcard",
        ),
        quote(
            "I want to read what you wrote about me, and tell you if it's wrong.",
            "Young person, 17",
            "Care leavers' group",
        ),
        heading("More from the toolkit"),
        text(
            ul(
                link(_page(BRIEFINGS_SLUG), "Practice briefings")
                + ": short, dated briefings on hearing children in particular situations.",
                link(_page(DIRECTORY_SLUG), "How agencies hear children's voices")
                + ": the surveys, groups and panels each agency runs, and how to get involved.",
                link(f"page:{g.INDEX_SLUG}/{g.VOICE_PAGE.slug}", "Listening to children and working with parents")
                + ": the partnership's guidance.",
                link("page:youth-hub", "The Youth Hub")
                + ": rights, help and a glossary for young people aged 11 and over, to share with them.",
            )
        ),
        what_to_do_now(
            p(
                "Made a tool that works? Send it to "
                + link(f"mailto:{d.PARTNERSHIP_EMAIL}", d.PARTNERSHIP_EMAIL)
                + " with a line on how you used it, and we will consider it for the toolkit."
            ),
            heading="Share what works",
            urgency="info",
        ),
    ],
)

# --- Resources ---------------------------------------------------------------------------------

RESOURCES: tuple[ResourceSpec, ...] = (
    ResourceSpec(
        slug="three-houses",
        title="Three houses",
        summary=(
            "A drawing activity that helps a child talk about worries, good things and wishes. Use it early in "
            "your work with a child, and again later to see what has changed."
        ),
        resource_format="activity",
        stages=(ASK, LISTEN),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_5_10, AGES_11_14),
        downloads=(docs.THREE_HOUSES,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 5),
        history=(_launch(5), Change(44, "Added ideas for using the activity with 11 to 14-year-olds.", at(15, 20))),
        body=[
            text(
                p(
                    "The child draws or writes in three houses: a house of worries, a house of good things and a "
                    "house of wishes. Drawing side by side takes the pressure off eye contact, and the houses give "
                    "a safe structure for talking about home, school and friends."
                )
            ),
            heading("Before you start"),
            text(
                ul(
                    "Choose a quiet place where the child feels comfortable, and allow at least 30 minutes.",
                    "Tell the child why you are doing it and who will see what they draw.",
                    "Let them decide which house to start with; many start with the good things.",
                )
            ),
            heading("Doing the activity"),
            text(
                ol(
                    "Draw three house outlines, or use the worksheet below.",
                    "Ask open questions: 'Who lives in this house?', 'What happens here?', 'What would make it "
                    "better?'",
                    "Write down the child's words exactly as they say them, next to the drawing if they agree.",
                    "Finish with the house of wishes, so the child leaves thinking about what could change.",
                )
            ),
            heading("With older children", "h3"),
            text(
                p(
                    "Some 11 to 14-year-olds find houses babyish. Try three boxes on a page, three notes on a "
                    "phone, or 'three rooms in my head'. Keep the same three questions."
                )
            ),
            quote("I put my nan in the good house and the dog in all three.", "Child, 8", "Family support session"),
            what_to_do_now(
                p(
                    "If the child tells you something that suggests they are at risk of harm, follow your "
                    "safeguarding procedures today: talk to your safeguarding lead or call the MASH on "
                    f"<b>{d.MASH_PHONE}</b>."
                ),
                heading="If something worrying comes up",
            ),
        ],
    ),
    ResourceSpec(
        slug="all-about-me",
        title="All about me: one-page profile",
        summary=(
            "A one-page profile a child completes with a worker, saying what matters to them and how best to talk "
            "with them. Share it, with the child's agreement, so they do not have to repeat their story."
        ),
        resource_format="template",
        stages=(ASK, LISTEN),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_5_10, AGES_11_14, AGES_15_17),
        downloads=(docs.ALL_ABOUT_ME,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 5),
        history=(_launch(10),),
        body=[
            text(
                p(
                    "Children often tell us that they are tired of repeating themselves to new workers. A profile "
                    "written with them, in their words, travels with them: to a new school, a new social worker, "
                    "a review or a foster placement."
                ),
                ul(
                    "Complete it over one or two sessions, at the child's pace.",
                    "Use the child's own words and spelling; add drawings or photos if they want.",
                    "Agree who it will be shared with, and give the child a copy.",
                    "Update it at least every six months, or when something important changes.",
                ),
            ),
            quote(
                "It says on mine that I hate my full name. Nobody's got it wrong since.",
                "Young person, 12",
                "Children in care council",
            ),
        ],
    ),
    ResourceSpec(
        slug="feedback-postcards",
        title="Feedback postcards",
        summary=(
            "Printable postcards for children to tell you how well you listened, and for you to tell them what "
            "happened because of their views. Use them at the end of a piece of work or after a meeting."
        ),
        resource_format="template",
        stages=(FEED_BACK,),
        uses=(DIRECT_WORK, QUALITY_ASSURANCE),
        age_ranges=(AGES_5_10, AGES_11_14, AGES_15_17),
        downloads=(docs.POSTCARDS,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(3, 12),
        history=(_launch(15), Change(30, "Added a postcard for younger children to draw their worker.", at(11, 5))),
        body=[
            text(
                p(
                    "Feeding back closes the loop. Children who hear what difference their views made are more "
                    "likely to share them again. The postcards make that a habit rather than an afterthought."
                ),
                ul(
                    "<b>Did we listen?</b> Three questions with faces to circle, and space on the back.",
                    "<b>My worker</b>: younger children draw their worker and add one word.",
                    "<b>You told us... so we...</b>: you write one thing the child said and one thing that changed.",
                    "<b>What happens next</b>: the date of your next contact and what it is about.",
                ),
            ),
            heading("Using what children tell you"),
            text(
                p(
                    "Collect the completed 'Did we listen?' cards and look at them in team meetings every quarter. "
                    "Send a summary to the partnership so that we can report, every year, how children's views "
                    "shaped services."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="young-people-on-interview-panels",
        title="Young people on interview panels",
        summary=(
            "How to involve young people in recruiting staff who will work with them, from planning a youth panel "
            "to telling the young people who got the job. For recruiting managers and HR teams."
        ),
        resource_format="guide",
        stages=(ASK, ACT),
        uses=(RECRUITMENT,),
        age_ranges=(AGES_15_17, AGES_18_25),
        downloads=(docs.INTERVIEW_PANELS,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 20),
        history=(
            _launch(20),
            Change(25, "Added what to tell candidates about the young people's panel.", at(10, 30)),
        ),
        body=[
            text(
                p(
                    "The partnership expects young people to help recruit to key roles, including senior posts in "
                    "children's services. A youth panel that meets every shortlisted candidate, with its views "
                    "weighed in the decision, tells candidates what kind of organisation they are joining."
                )
            ),
            heading("Six steps"),
            text(
                ol(
                    "Plan at least four weeks ahead with a youth forum, children in care council or youth service.",
                    "Agree the panel's role and how its scores count, and put it in writing.",
                    "Run a preparation session: young people write their own questions and practise scoring.",
                    "Tell candidates in the invitation that a young people's panel is part of the interview.",
                    "On the day, a named supporter stays with the panel and is not an interviewer.",
                    "Within a week, tell the panel who was appointed and how their views were used.",
                )
            ),
            accordion(
                "Common questions",
                (
                    "Should young people be paid?",
                    p(
                        "Recognise their time in the same way for every panel: a voucher, payment or accredited "
                        "certificate, agreed in advance. Cover travel and food."
                    ),
                ),
                (
                    "What if the young people and the staff panel disagree?",
                    p(
                        "Talk it through openly. If you appoint a candidate the young people did not support, "
                        "explain why to them, and ask the new starter to meet them early on."
                    ),
                ),
                (
                    "Do panel members need a DBS check?",
                    p(
                        "No, young people on a panel are not in regulated activity. They must never be left alone "
                        "with candidates, and their personal details are not shared."
                    ),
                ),
            ),
            quote(
                "One of them only looked at the adults. We noticed that before anyone else did.",
                "Young person, 17",
                "Interview panel for a team manager post",
            ),
        ],
    ),
    ResourceSpec(
        slug="audit-prompt-sheet",
        title="Voice of the child: audit prompt sheet",
        summary=(
            "Questions to test whether a child was seen, heard and told what happened, for case file audits, "
            "multi-agency audits and supervision."
        ),
        resource_format="template",
        stages=(LISTEN, ACT),
        uses=(QUALITY_ASSURANCE,),
        age_ranges=ALL_AGES,
        downloads=(docs.AUDIT_PROMPTS,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 15),
        history=(_launch(25), Change(60, "Added prompts for babies and for children who do not speak.", at(14, 0))),
        body=[
            text(
                p(
                    "The partnership's multi-agency audits look at the voice of the child in every case. Use the "
                    "same prompts in your own agency's audits and in supervision, so that practitioners know what "
                    "good looks like."
                )
            ),
            accordion(
                "The prompts, stage by stage",
                (
                    "Ask",
                    ul(
                        "Was the child seen, and seen alone where appropriate?",
                        "Did the method suit their age, language and communication?",
                    ),
                ),
                (
                    "Listen",
                    ul(
                        "Are the child's own words recorded, with the date and context?",
                        "Can you picture this child's day from the record?",
                    ),
                ),
                (
                    "Act",
                    ul(
                        "Did the child's views change the plan? If not, is the reason recorded?",
                        "Were their views shared with other agencies when it was right to do so?",
                    ),
                ),
                (
                    "Feed back",
                    ul(
                        "Was the child told what happened because of what they said?",
                        "Did they know how to get an advocate or make a complaint?",
                    ),
                ),
            ),
            text(
                p(
                    "Rate each stage as good, requires improvement or inadequate, agree one action with the "
                    "practitioner, and send the partnership your themes each quarter."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="observing-babies-and-toddlers",
        title="Observing babies and toddlers",
        summary=(
            "How to understand the daily life of a child under five who cannot tell you in words, through "
            "observation. For health visitors, early years staff, social workers and anyone visiting the home."
        ),
        resource_format="guide",
        stages=(LISTEN,),
        uses=(DIRECT_WORK,),
        age_ranges=(UNDER_5,),
        team=g.HEALTH_TEAM,
        review=_review(2, 18),
        history=(_launch(30),),
        body=[
            text(
                p(
                    "A baby's voice is in how they feed, sleep, move, play and respond to the people caring for "
                    "them. Watching closely, and writing down what you see, is how we listen to children who "
                    "cannot yet talk."
                )
            ),
            heading("At every visit"),
            text(
                ul(
                    "Ask to see the baby awake, and undressed if you have a reason to check their skin or weight.",
                    "Notice how the baby reacts when the parent comes close, picks them up or leaves the room.",
                    "Notice whether the baby seeks comfort, and whether it is given.",
                    "Look at where the baby sleeps and whether the home is safe for a child who crawls or climbs.",
                )
            ),
            heading("Writing it down"),
            text(
                p(
                    "Describe what you saw rather than a conclusion: 'He turned towards his mum's voice and "
                    "settled when she held him' tells the next reader far more than 'good attachment'."
                )
            ),
            what_to_do_now(
                p(
                    "Any bruise or mark on a baby who is not yet crawling needs an urgent response. Follow the "
                    "partnership's procedures and call the MASH on "
                    f"<b>{d.MASH_PHONE}</b> the same day."
                ),
                heading="Bruising in babies who are not mobile",
                urgency="urgent",
            ),
            documents("Practice briefing", docs.BABIES_BRIEFING),
        ],
    ),
    ResourceSpec(
        slug="conference-film",
        title="Preparing a young person for their conference: film and discussion",
        summary=(
            "A short film for young people about child protection conferences, with questions to talk through "
            "together afterwards. Use it before a young person's first conference."
        ),
        resource_format="video",
        stages=(ASK, FEED_BACK),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_11_14, AGES_15_17),
        team=g.CP_REVIEW_TEAM,
        review=_review(1, 8),
        history=(_launch(35),),
        body=[
            video(
                "What happens at a child protection conference",
                d.CONFERENCE_FILM_URL,
                d.CONFERENCE_FILM_PUBLISHER,
                p(
                    "A short film for children and young people. It explains why a conference is held and who "
                    "will be there, and shows the ways a young person can make sure the meeting hears their views: "
                    "going in person, going for part of it, writing something down, or asking an advocate or "
                    "their social worker to speak for them."
                ),
            ),
            heading("Talking about it afterwards"),
            text(
                ul(
                    "What surprised you in the film?",
                    "Would you like to go to your conference, or part of it?",
                    "If you do not go, how would you like your views to get there?",
                    "Who would you like to tell you what was decided, and when?",
                )
            ),
            text(
                p(
                    "Tell the young person when the conference is, what the chair's name is and that they can meet "
                    "the chair beforehand. After the meeting, make sure someone they trust explains the decision "
                    "within a day or two."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="what-good-listening-looks-like",
        title="What good listening looks like: a film by young people",
        summary=(
            "Young people from Eastbrook's youth forum act out two versions of the same meeting with a worker, "
            "and explain what made the difference. Use it in team meetings, induction and interview training."
        ),
        resource_format="video",
        stages=(LISTEN,),
        uses=(DIRECT_WORK, RECRUITMENT),
        age_ranges=(AGES_11_14, AGES_15_17, AGES_18_25),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 22),
        history=(_launch(40), Change(15, "Added a written alternative with the young people's five tips.", at(16, 0))),
        body=[
            video(
                "What good listening looks like",
                YOUTH_FORUM_FILM_URL,
                "Eastbrook Youth Forum",
                p(
                    "In the first version, the worker checks their phone, finishes the young person's sentences "
                    "and ends by saying they will 'see what they can do'. In the second, the worker sits beside "
                    "the young person, waits through a long pause, reads back what they have written down and "
                    "agrees when they will next be in touch. The young people then share five tips:"
                )
                + ol(
                    "Put your phone away where we can see it.",
                    "We can tell when you're bored, even if you're nodding.",
                    "Silence is fine. Don't fill it.",
                    "Check you've got it right before you write it down.",
                    "Tell us what happens next, and then do it.",
                ),
                duration="8 minutes",
            ),
            heading("Using the film in training"),
            text(
                p(
                    "Show the first version and ask the group what they noticed before showing the second. For "
                    "interview training, ask candidates what they would do differently."
                )
            ),
            quote(
                "We can tell when you're bored, even if you're nodding.", "Young person, 16", "Eastbrook Youth Forum"
            ),
        ],
    ),
    ResourceSpec(
        slug="feelings-scales",
        title="Feelings scales and cards",
        summary=(
            "Number scales and picture cards that help a child say how they feel about people, places and "
            "changes. Quick to use, and useful for seeing change over time."
        ),
        resource_format="activity",
        stages=(ASK, LISTEN),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_5_10, AGES_11_14),
        team=g.PARTNERSHIP_TEAM,
        review=_review(3, 9),
        history=(_launch(45),),
        body=[
            text(
                p(
                    "Ask the child to place people, places or situations on a scale from 0 to 10, or to pick the "
                    "card that best shows how they feel. Then ask about the number: 'Why a 6 and not a 3?', "
                    "'What would make it a 7?'"
                ),
                ul(
                    "Use faces or weather pictures with younger children, numbers with older ones.",
                    "Ask the same question at the next visit and compare, with the child.",
                    "Record the scale, the number and the child's explanation in their words.",
                ),
            ),
            quote("Home is a 4 on school days and a 7 at weekends.", "Young person, 12", "School nurse session"),
        ],
    ),
    ResourceSpec(
        slug="two-stars-and-a-wish",
        title="Two stars and a wish",
        summary=(
            "A simple group activity for children to say two things they like about a service and one thing they "
            "would change. Good for planning and reviewing groups, clubs and services."
        ),
        resource_format="activity",
        stages=(LISTEN, FEED_BACK),
        uses=(SERVICE_PLANNING, QUALITY_ASSURANCE),
        age_ranges=(AGES_5_10, AGES_11_14),
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 26),
        history=(_launch(50),),
        body=[
            text(
                p(
                    "Give each child two star-shaped notes and one wish-shaped note. They write or draw two things "
                    "they like and one thing they wish were different, and stick them on a wall, anonymously if "
                    "they prefer."
                ),
                ol(
                    "Group the wishes into themes with the children.",
                    "Agree one wish you can act on now, and explain honestly if others cannot happen yet.",
                    "Come back within a month to show what has changed.",
                ),
            ),
        ],
    ),
    ResourceSpec(
        slug="you-said-we-did",
        title="You said, we did",
        summary=(
            "A poster template to show children, young people and families what changed because of their "
            "feedback, and what could not change yet. Use it in waiting rooms, schools, youth clubs and online."
        ),
        resource_format="template",
        stages=(ACT, FEED_BACK),
        uses=(SERVICE_PLANNING, STRATEGIC_PLANNING),
        age_ranges=(AGES_11_14, AGES_15_17, AGES_18_25),
        downloads=(docs.YOU_SAID_WE_DID,),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 2),
        history=(_launch(52),),
        body=[
            text(
                p(
                    "Young people regularly ask what happened to the views they gave in surveys and groups. A "
                    "'you said, we did' board answers that question, and is honest about what could not change."
                ),
                ul(
                    "Use the young people's words in 'you said' where you can.",
                    "Be specific in 'we did': what, when and who.",
                    "Update the board at least every three months, and date it.",
                ),
            ),
            quote("Show us the list of what changed, even if it's short.", "Young person, 16", "Youth forum"),
        ],
    ),
    ResourceSpec(
        slug="focus-groups-with-young-people",
        title="Running a focus group with young people",
        summary=(
            "How to plan and run a focus group that young people want to come to, and how to use what they say in "
            "service and strategic planning."
        ),
        resource_format="guide",
        stages=(ASK, LISTEN),
        uses=(SERVICE_PLANNING, STRATEGIC_PLANNING),
        age_ranges=(AGES_11_14, AGES_15_17, AGES_18_25),
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 14),
        history=(_launch(55),),
        body=[
            heading("Planning"),
            text(
                ul(
                    "Be clear what can change as a result, and what cannot, before you invite anyone.",
                    "Go to groups that already meet (youth clubs, school councils, care leavers' groups) rather "
                    "than asking young people to come to you.",
                    "Keep groups small (six to ten) and sessions short, with food.",
                    "Think about who is missing: young carers, disabled young people, those not in school.",
                )
            ),
            heading("On the day"),
            text(
                ul(
                    "Agree ground rules together, including what happens if someone says something worrying.",
                    "Mix talking with activities: voting with stickers, post-it walls, ranking cards.",
                    "Have a second adult who can support anyone who becomes upset.",
                )
            ),
            heading("Afterwards"),
            text(
                p(
                    "Write up the themes in the young people's words and share them with the group before anyone "
                    "else. Tell them what you did with their views, using the "
                    + link(_page("you-said-we-did"), "you said, we did")
                    + " template."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="recording-in-their-own-words",
        title="Recording the child's voice in their own words",
        summary=(
            "A short briefing on writing records that show what a child said, did and felt, so that every reader "
            "can hear the child. For all practitioners who keep case records."
        ),
        resource_format="briefing",
        stages=(LISTEN, ACT),
        uses=(DIRECT_WORK, QUALITY_ASSURANCE),
        age_ranges=(UNDER_5, AGES_5_10, AGES_11_14, AGES_15_17),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 11),
        history=(_launch(58), Change(20, "Added examples from this year's multi-agency audit.", at(12, 15))),
        body=[
            text(
                p(
                    "Our audits show that records often say a child was 'seen' or 'happy' without telling the "
                    "reader what the child said or did. Children who read their files later say this matters to "
                    "them too."
                )
            ),
            heading("Five habits"),
            text(
                ol(
                    "Put the child's words in quotation marks, with who asked the question and where.",
                    "Describe behaviour: what you saw, not a label.",
                    "Write as if the child will read it, because one day they may.",
                    "Say what you did with what the child told you.",
                    "Say whether the child was told, and how they responded.",
                )
            ),
            accordion(
                "Before and after",
                (
                    "Instead of 'J presented as happy'",
                    p("'J showed me his new trainers and said, \"Dad got me these because I got a merit.\"'"),
                ),
                (
                    "Instead of 'Baby seen, no concerns'",
                    p("'Baby was awake in her cot, reached for her mum and fed well while I was there.'"),
                ),
            ),
            quote(
                "I want to read what you wrote about me, and tell you if it's wrong.",
                "Young person, 17",
                "Care leavers' group",
            ),
        ],
    ),
    ResourceSpec(
        slug="planning-with-care-leavers",
        title="Planning with care leavers: conversations that count",
        summary=(
            "Ideas for personal advisers and social workers on making pathway planning a conversation the young "
            "person leads, from 16 to 25."
        ),
        resource_format="guide",
        stages=(ASK, LISTEN, ACT),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_15_17, AGES_18_25),
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 3),
        history=(_launch(12),),
        body=[
            text(
                p(
                    "A pathway plan should read like the young person's own plan. Care leavers tell us the best "
                    "plans were written with them, somewhere they chose, in words they would use."
                ),
                ul(
                    "Let the young person choose where and when you meet, and whether to bring someone.",
                    "Start with what they want for the next year, then work back to what needs to happen.",
                    "Write the plan together, and agree who else sees it.",
                    "Tell them what the council must offer them as a care leaver, in writing.",
                ),
            ),
            quote(
                "My PA asked what I actually wanted, not what the form wanted.",
                "Care leaver, 19",
                "Care leavers' group",
            ),
        ],
    ),
    ResourceSpec(
        slug="four-principles-in-practice",
        title="Working with parents and carers: the four principles in practice",
        summary=(
            "A briefing on the four principles for working with parents and carers in Working Together to "
            "Safeguard Children 2023, with examples of each at every stage of your work with a family."
        ),
        resource_format="briefing",
        stages=(ASK, LISTEN, ACT, FEED_BACK),
        uses=(DIRECT_WORK, SERVICE_PLANNING),
        age_ranges=(UNDER_5, AGES_5_10),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 6),
        history=(_launch(18),),
        body=[
            text(
                p(
                    "Parents and carers are usually the people who know a young child best, and the people most "
                    "able to keep them safe. These examples show the four principles on the toolkit's front page "
                    "in everyday practice."
                )
            ),
            accordion(
                "The principles at each stage",
                (
                    "Ask",
                    p(
                        "Ask parents what a good day and a hard day look like for their child, and what help they "
                        "have found useful before."
                    ),
                ),
                (
                    "Listen",
                    p(
                        "Give parents time to disagree with your concerns, and write down their view alongside "
                        "yours in the assessment."
                    ),
                ),
                (
                    "Act",
                    p(
                        "Share reports at least two working days before a meeting, in plain English or in their "
                        "language, so parents can prepare what they want to say."
                    ),
                ),
                (
                    "Feed back",
                    p(
                        "After a meeting, check parents understood the decision and what happens next, and ask "
                        "how the meeting felt for them."
                    ),
                ),
            ),
            quote(
                "The first worker who asked what I thought would help was the one I trusted.",
                "Parent",
                "Parents' feedback group",
            ),
        ],
    ),
    ResourceSpec(
        slug="writing-to-a-child",
        title="Writing to a child about a decision",
        summary=(
            "A template letter to explain a decision to a child in words they will understand, including how "
            "their views were used. Use it after a conference, review or court decision."
        ),
        resource_format="template",
        stages=(FEED_BACK,),
        uses=(DIRECT_WORK,),
        age_ranges=(AGES_5_10, AGES_11_14, AGES_15_17),
        team=g.CP_REVIEW_TEAM,
        review=_review(2, 16),
        history=(_launch(22),),
        body=[
            text(
                p(
                    "Children tell us they often do not know what was decided about them, or why. A short letter, "
                    "written to them and not about them, puts that right and gives them something to keep."
                )
            ),
            heading("What the letter says"),
            text(
                ol(
                    "Why the meeting happened, in a sentence.",
                    "What you told us, in your words.",
                    "What was decided, and how your views made a difference.",
                    "Anything we could not do, and why.",
                    "What happens next, and who to contact.",
                )
            ),
            text(
                p(
                    "Keep sentences short. Read it aloud before you send it. Check with the child's social worker "
                    "that the letter is safe to send to the home, and offer to read it with the child."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="communication-passport",
        title="Communication passport",
        summary=(
            "A template that tells new people how a child communicates, what they like and how they show they are "
            "upset, for disabled children and children who do not use speech."
        ),
        resource_format="template",
        stages=(ASK, LISTEN),
        uses=(DIRECT_WORK,),
        age_ranges=(UNDER_5, AGES_5_10, AGES_11_14),
        team=g.EDUCATION_TEAM,
        review=_review(3, 24),
        history=(_launch(28),),
        body=[
            text(
                p(
                    "Disabled children are more likely to be harmed and less likely to be heard. A communication "
                    "passport, written with the child and the people who know them best, helps every new adult "
                    "understand them from the first meeting."
                ),
                ul(
                    "how I say yes and no",
                    "how I show I am happy, worried, in pain or upset",
                    "the signs, symbols, pictures or devices I use",
                    "what helps me when I am upset",
                    "the people I trust",
                ),
            ),
            text(
                p(
                    "Ask the child's speech and language therapist or school to help. Keep a copy in the child's "
                    "record and bring it to every meeting about them."
                )
            ),
        ],
    ),
    ResourceSpec(
        slug="youth-summit-checklist",
        title="Involving young people in strategic planning: a youth summit checklist",
        summary=(
            "A checklist for running an event where young people help set the partnership's priorities, and for "
            "reporting back to them on what changed."
        ),
        resource_format="guide",
        stages=(ASK, ACT, FEED_BACK),
        uses=(STRATEGIC_PLANNING,),
        age_ranges=(AGES_11_14, AGES_15_17, AGES_18_25),
        team=g.PARTNERSHIP_TEAM,
        review=_review(1, 27),
        history=(_launch(32),),
        body=[
            text(
                p(
                    "Children's and families' views inform the partnership's strategic priorities every year. A "
                    "youth summit is one way to hear them; it only works if young people can see the result."
                )
            ),
            heading("Checklist"),
            text(
                ul(
                    "Young people co-design the agenda with you, and at least one co-hosts the day.",
                    "Invite through schools, youth groups, the children in care council and the youth justice "
                    "service, so the room reflects the borough.",
                    "Senior leaders from the council, police and health attend to listen, not to present.",
                    "Capture views in young people's words, and check the write-up with them.",
                    "Publish a 'you said, we did' within three months, and include it in the partnership's "
                    "yearly report.",
                )
            ),
            quote(
                "The police boss actually wrote stuff down. That made me think it might go somewhere.",
                "Young person, 15",
                "Youth summit",
            ),
        ],
    ),
    ResourceSpec(
        slug="section-11-voice-of-the-child",
        title="Section 11 self-assessment: showing how you hear children",
        summary=(
            "What the partnership looks for in the voice of the child part of each agency's section 11 "
            "self-assessment, and how check and challenge sessions work."
        ),
        resource_format="briefing",
        stages=(ACT, FEED_BACK),
        uses=(QUALITY_ASSURANCE, STRATEGIC_PLANNING),
        age_ranges=ALL_AGES,
        team=g.PARTNERSHIP_TEAM,
        review=_review(2, 10),
        history=(_launch(48), Change(10, "Added the dates of this year's check and challenge sessions.", at(9, 40))),
        body=[
            text(
                p(
                    "Every agency completes a self-assessment of its safeguarding arrangements under section 11 of "
                    "the Children Act 2004. The partnership reviews the voice of the child section of each one, "
                    "then meets each agency for a check and challenge session and follows up its action plan."
                )
            ),
            heading("What good evidence looks like"),
            text(
                ul(
                    "regular ways for children, young people, parents and carers to give feedback, with examples",
                    "changes made to services because of that feedback, with dates",
                    "how you tell children and families what changed",
                    "how you reach children who are seldom heard, such as disabled children and those in custody",
                    "audit findings about the voice of the child in case records",
                )
            ),
            text(
                p(
                    "See "
                    + link(_page(DIRECTORY_SLUG), "how agencies hear children's voices")
                    + " for what other agencies in Eastbrook already do."
                )
            ),
        ],
    ),
)

# --- Practice briefings ------------------------------------------------------------------------

BRIEFINGS_INDEX = ListingPageSpec(
    slug=BRIEFINGS_SLUG,
    title="Practice briefings",
    introduction=(
        "Short briefings on hearing children and young people in particular situations, with learning from local "
        "reviews and audits. Some are led by young people themselves."
    ),
)

BRIEFINGS: tuple[BriefingSpec, ...] = (
    BriefingSpec(
        slug="hearing-babies-and-toddlers",
        title="Hearing babies and toddlers",
        date=MonthDay(-1, 14),
        summary=(
            "Babies are the most at risk of serious harm and the least able to tell us. How to understand a baby's "
            "daily life through what you see."
        ),
        topics=(g.PRACTICE, g.CHILD_PROTECTION),
        document=docs.BABIES_BRIEFING,
        body=[
            text(
                p(
                    "Reviews of serious incidents involving babies often find that the baby was seen at many "
                    "visits but rarely described. Practitioners recorded what parents said, and little about how "
                    "the baby looked, behaved or responded."
                )
            ),
            heading("What to do differently"),
            text(
                ul(
                    "See the baby awake at every visit, and say so in the record.",
                    "Describe the baby's responses to each carer, in plain words.",
                    "Ask about the baby's routine: who feeds, who settles, who gets up in the night.",
                    "Include fathers and other men in the household, who are too often unseen.",
                )
            ),
            text(
                p(
                    "For more, use the "
                    + link(_page("observing-babies-and-toddlers"), "observing babies and toddlers")
                    + " guide in the toolkit."
                )
            ),
        ],
    ),
    BriefingSpec(
        slug="keeping-young-people-updated",
        title="Keeping young people updated",
        date=MonthDay(-2, 9),
        summary=(
            "Young people in care told us the hardest thing is not knowing what is happening. What they asked for, "
            "and what workers can do this week."
        ),
        topics=(g.PRACTICE, g.CHILDREN_IN_CARE),
        body=[
            text(
                p(
                    "The children in care council asked the partnership to focus on one thing this year: being "
                    "kept up to date. Young people described waiting weeks to hear about contact, moves and "
                    "decisions, often finding out from someone else first."
                )
            ),
            quote(
                "Even 'no news yet' is better than nothing. Nothing makes you think the worst.",
                "Young person, 15",
                "Children in care council",
            ),
            heading("What they asked for"),
            text(
                ul(
                    "a message within a week of any meeting about them, saying what was decided",
                    "being told about a change of worker before it happens, and meeting the new one",
                    "a way to contact someone when their worker is away",
                )
            ),
            what_to_do_now(
                p(
                    "Agree with each young person how and how often they want to hear from you, and put it in "
                    "their plan."
                ),
                heading="One thing to do this week",
            ),
        ],
    ),
    BriefingSpec(
        slug="listening-to-young-people-at-risk-of-exploitation",
        title="Listening to young people at risk of exploitation",
        date=MonthDay(-4, 21),
        summary=(
            "Young people being exploited rarely describe themselves as victims. How to build the trust that lets "
            "them talk, and why language matters."
        ),
        topics=(g.EXPLOITATION, g.PRACTICE),
        body=[
            text(
                p(
                    "Young people who are being criminally or sexually exploited may feel loyal to the people "
                    "exploiting them, fear what will happen if they talk, or believe they chose what happened. "
                    "Words such as 'putting themselves at risk' or 'lifestyle choice' blame them and close the "
                    "conversation."
                )
            ),
            heading("What helps"),
            text(
                ul(
                    "one consistent worker who keeps turning up, even when the young person does not",
                    "conversations while doing something else: driving, walking, eating",
                    "being honest about what you have to share, and with whom",
                    "noticing and naming the things the young person is doing well",
                )
            ),
            quote(
                "She kept coming back even when I was rude to her. That's when I started to talk.",
                "Young person, 16",
                "Feedback to the adolescent safeguarding team",
            ),
            text(
                p(
                    "See the "
                    + link(
                        f"page:{g.INDEX_SLUG}/{g.EXPLOITATION_PAGE.slug}", "exploitation and contextual safeguarding"
                    )
                    + " guidance for referral routes."
                )
            ),
        ],
    ),
    BriefingSpec(
        slug="young-peoples-views-on-staying-safe-online",
        title="Young people's views on staying safe online",
        date=MonthDay(-6, 3),
        summary=(
            "A briefing written with young people from the youth forum: what worries them online, and what they "
            "want adults to understand."
        ),
        topics=(g.ONLINE, g.PRACTICE),
        body=[
            text(
                p(
                    "Members of the Eastbrook Youth Forum ran sessions in four secondary schools and wrote this "
                    "briefing with the partnership. The main message: young people want adults to understand their "
                    "online lives before giving advice about them."
                )
            ),
            heading("What young people told us"),
            text(
                ul(
                    "Pressure to share images is common, and so is the fear of being blamed if they do.",
                    "Taking a phone away feels like a punishment for telling, so many do not tell.",
                    "Group chats are where most bullying happens, and where it is hardest to escape.",
                )
            ),
            quote(
                "If you take my phone off me for telling you, I won't tell you again.",
                "Young person, 13",
                "Youth forum school session",
            ),
            text(
                p(
                    "Share the Youth Hub's page on "
                    + link("page:youth-hub/staying-safe-online", "staying safe online")
                    + " with the young people you work with."
                )
            ),
        ],
    ),
    BriefingSpec(
        slug="learning-from-section-11-check-and-challenge",
        title="Learning from this year's section 11 check and challenge",
        date=MonthDay(-8, 16),
        summary=(
            "What the partnership found when it tested how agencies hear children, young people and families, and "
            "what happens next."
        ),
        topics=(g.PRACTICE,),
        body=[
            text(
                p(
                    "Every agency's section 11 self-assessment was reviewed, and each took part in a check and "
                    "challenge session. Most agencies could show how they collect feedback; fewer could show what "
                    "changed as a result, or that they told children and families about it."
                )
            ),
            heading("Strengths"),
            text(
                ul(
                    "Health services use feedback from families in every service, and act on it.",
                    "Schools have active pupil voice through councils, surveys and votes.",
                    "Young people sit on interview panels in several agencies.",
                )
            ),
            heading("What needs to improve"),
            text(
                ul(
                    "feeding back to children and families on what changed",
                    "hearing disabled children and babies",
                    "sharing children's views between agencies when it is right to do so",
                )
            ),
        ],
    ),
)

# --- How agencies hear children's voices -------------------------------------------------------

DIRECTORY = ListingPageSpec(
    slug=DIRECTORY_SLUG,
    title="How agencies hear children's voices",
    introduction=(
        "The regular ways that agencies in Eastbrook hear from children, young people, parents and carers, by "
        "sector. The list is not complete; ask the worker you know about how to get involved."
    ),
)

ENGAGEMENT: tuple[EngagementSpec, ...] = (
    EngagementSpec(
        agency="NHS Eastbrook Integrated Care Board",
        sector="health",
        summary="Plans and buys health services for the borough, and checks what patients think of them.",
        methods=ul(
            "surveys of patients' and families' experience of health services",
            "patient stories, gathered to spot themes and trends; some are told directly to the board, such as a "
            "family's experience of services for a child with special educational needs",
            "a children's asthma nurse who asks families how care could be better",
            "a large engagement project, commissioned from a children's charity, asking children, young people "
            "and families about their experience of local health services",
            "children's views gathered to shape the integrated care strategy",
        ),
        how_to_get_involved="Ask your GP practice or health visitor about current surveys, or email the ICB.",
        contact_email="engagement@eastbrook-health.example",
    ),
    EngagementSpec(
        agency="Eastbrook Community Health and Care NHS Trust",
        sector="health",
        summary="Community and mental health services, including CAMHS.",
        methods=ul(
            "compliments and complaints through the Patient Advice and Liaison Service (PALS)",
            "the Friends and Family Test",
            "incident reports; all three are looked at by the team and, when needed, by the service's governance "
            "meeting, which reports to the trust's quality and safety committee",
            "young people help recruit staff to CAMHS",
            "patient experience groups, and experts by experience who help shape services",
            "a youth board that has run for ten years, with young people's advisory groups for particular pieces "
            "of work",
        ),
        how_to_get_involved="Ask your CAMHS worker about joining the youth board or an advisory group.",
        contact_email="youth.board@eastbrook-health.example",
    ),
    EngagementSpec(
        agency="Eastbrook Hospitals NHS Trust",
        sector="health",
        summary=(
            "The acute hospital, with health visiting, school nursing and children's therapy services. Families' "
            "feedback has changed how children are seen in A&E."
        ),
        methods=ul(
            "a patient engagement forum and committee",
            "every safeguarding training course covers how to listen to the child, and why it matters",
            "health visitors phone a sample of parents each quarter and check their answers against the records",
            "surveys at set health visiting contacts, from the first weeks to age two and a half",
            "the Friends and Family Test in health visiting, school nursing and children's physiotherapy",
            "school nurses ask the child and family for feedback at the end of every piece of work",
            "the special care baby unit's family feedback forms and a 'what we did well, what we can improve' board",
            "young ambassadors, whose feedback helped create a children's assessment unit in A&E",
        ),
        how_to_get_involved="Ask at the children's ward or your school nurse about becoming a young ambassador.",
        contact_email="young.ambassadors@eastbrook-hospitals.example",
    ),
    EngagementSpec(
        agency="Schools and colleges",
        sector="education",
        summary="Pupils influence how their school is run and what it offers.",
        methods=ul(
            "school councils",
            "focus groups run by heads of year",
            "pupil voice questionnaires",
            "whole-school and class votes in assemblies",
            "comment boxes",
        ),
        how_to_get_involved="Ask your form tutor or head of year how to join the school council.",
    ),
    EngagementSpec(
        agency="Eastbrook Council Early Help",
        sector="local-authority",
        summary="Support for families before problems grow.",
        methods=ul(
            "parents and children complete an evaluation at the end of their early help support",
            "evaluations at the end of every parenting group",
            "families are asked for feedback as part of the monthly audit",
            "compliments and complaints",
        ),
        how_to_get_involved="Your family's early help worker will ask for your views; you can also email the team.",
        contact_email="early.help@eastbrook.example",
        contact_phone="01632 960 270",
    ),
    EngagementSpec(
        agency="Eastbrook Council Children's Social Care",
        sector="local-authority",
        summary="Social work for children in need, children in care and care leavers.",
        methods=ul(
            "children and families are asked for their views during case audits and at the end of a period of work",
            "monthly groups for care leavers, including LGBTQIA+, arts and baking, unaccompanied asylum-seeking "
            "young people and young parents",
            "focus groups of care-experienced young people for particular pieces of work",
            "a children in care council, being set up",
            "Safe Cadets, run with the exploitation team",
            "the edge of care team asks families for feedback when its work ends",
            "a participation framework for children and young people with SEND and their families",
            "Parents for Change, a group of parents who have had children's services involvement",
        ),
        how_to_get_involved="Ask your social worker or personal adviser, or contact the participation officer.",
        contact_email="participation@eastbrook.example",
        contact_phone="01632 960 280",
    ),
    EngagementSpec(
        agency="Eastbrook Police",
        sector="police",
        summary="Neighbourhood, early intervention and child exploitation officers.",
        methods=ul(
            "an early intervention and prevention officer who works with children and families",
            "child exploitation officers who work closely with young people at risk of, or being, exploited",
            "officers trained to hear the voice of the child and to put victims first, as the Victims' Code requires",
            "neighbourhood officers who go to youth groups, such as boxing and football clubs",
            "police cadets who give a young person's view on policing",
        ),
        how_to_get_involved="Ask at your local youth club, or your school's police contact, about police cadets.",
        contact_phone=d.POLICE_NON_EMERGENCY,
    ),
    EngagementSpec(
        agency="Eastbrook Youth Justice Service",
        sector="youth-justice",
        summary="Works with 10 to 17-year-olds who are in trouble with the police or the courts.",
        methods=ul(
            "young people complete a self-assessment at the start of their work with the service",
            "feedback at the end of every order and out-of-court outcome",
            "a participation group that reviews letters, leaflets and the service's plan",
            "young people help choose projects for reparation work in the community",
        ),
        how_to_get_involved="Ask your youth justice worker.",
        contact_email="youth.justice@eastbrook.example",
        contact_phone="01632 960 290",
    ),
    EngagementSpec(
        agency="Eastbrook Youth Forum (voluntary and community sector)",
        sector="voluntary",
        summary=(
            "Young people aged 11 to 19, supported by local youth charities, who advise the partnership and its "
            "agencies."
        ),
        methods=ul(
            "monthly meetings open to any young person who lives or studies in Eastbrook",
            "young people review the partnership's leaflets and web pages before they are published",
            "peer research in schools and youth clubs, such as this year's work on staying safe online",
            "members sit on interview panels for senior posts",
            "an annual youth summit with the partnership's leaders",
        ),
        how_to_get_involved="Any young person aged 11 to 19 can join; ask a youth worker or email the forum.",
        contact_email="youth.forum@eastbrookscp.example",
    ),
)

# --- Everything --------------------------------------------------------------------------------

TOOLKIT = ToolkitSpec(
    documents=docs.DOCUMENTS,
    toolkit=TOOLKIT_INDEX,
    resources=RESOURCES,
    briefings_index=BRIEFINGS_INDEX,
    briefings=BRIEFINGS,
    directory=DIRECTORY,
    engagement=ENGAGEMENT,
    youth_hub=YOUTH_HUB,
    youth_pages=YOUTH_PAGES,
    glossary_page=GLOSSARY_PAGE,
    services_page=SERVICES_PAGE,
    glossary=TERMS,
    services=SERVICES,
)
