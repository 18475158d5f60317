"""Printable files for the Voice of the Child toolkit: worksheets, templates and guides.

They are generated as PDFs by ``pdfs.render_document``, like the leaflets. Keys are stable and
name the files.
"""

from __future__ import annotations

from . import directory as d
from .specs import DocumentSpec, MonthDay, Section

THREE_HOUSES = "three-houses-worksheet"
ALL_ABOUT_ME = "all-about-me-template"
POSTCARDS = "feedback-postcards"
INTERVIEW_PANELS = "young-people-on-interview-panels-guide"
AUDIT_PROMPTS = "voice-of-the-child-audit-prompt-sheet"
YOU_SAID_WE_DID = "you-said-we-did-poster-template"
BABIES_BRIEFING = "practice-briefing-hearing-babies-and-toddlers"

_GET_HELP_NOW = (
    f"If a child is in danger right now, call {d.EMERGENCY}.",
    f"Worried about a child? Call the {d.MASH_NAME} on {d.MASH_PHONE}.",
)
_CHILD_HELP = (
    f"If you are in danger right now, call {d.EMERGENCY}.",
    f"You can talk to Childline for free, at any time, on {d.CHILDLINE_PHONE}.",
)

DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        key=THREE_HOUSES,
        title="Three houses worksheet",
        kind="form",
        summary="A printable worksheet for the three houses activity: worries, good things and wishes.",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(10, 5),
        heading="My three houses",
        subheading="Draw or write in each house. There are no wrong answers.",
        sections=(
            Section(
                "The house of worries",
                ("What makes you feel sad, scared or cross? Who or what is in this house?",),
            ),
            Section(
                "The house of good things",
                ("What is going well? Who helps you, and what do you enjoy?",),
            ),
            Section(
                "The house of wishes",
                ("If things could be just how you wanted, what would be different? Who would be there?",),
            ),
            Section(
                "For the practitioner",
                (
                    "Write down the child's words exactly, including how they describe people. Agree with the "
                    "child who will see the drawing and what will happen next, and tell them when you will "
                    "come back to them.",
                ),
            ),
        ),
        help_box=_CHILD_HELP,
    ),
    DocumentSpec(
        key=ALL_ABOUT_ME,
        title="All about me: a one-page profile template",
        kind="form",
        summary="A one-page profile that a child fills in with a worker, so everyone who meets them starts from what matters to them.",
        audiences=(d.PRACTITIONERS, d.YOUNG_PEOPLE),
        review_due=MonthDay(10, 5),
        heading="All about me",
        subheading="Fill this in with someone you trust. You choose what goes on it and who sees it.",
        sections=(
            Section("My name and what I like to be called", ("Write or draw it here, in any way you like.",)),
            Section(
                "Things people like and admire about me",
                ("Ask a friend, a family member or your worker to help with this part.",),
            ),
            Section(
                "What is important to me",
                (),
                (
                    "people and pets",
                    "things I like doing",
                    "my culture, faith or language",
                    "what I want to do when I am older",
                ),
            ),
            Section(
                "How to help me and talk with me",
                (),
                (
                    "the best time and place to talk",
                    "things that help me feel calm",
                    "things that upset me or that I do not want to talk about yet",
                    "how I would like to hear about decisions",
                ),
            ),
        ),
        help_box=_CHILD_HELP,
    ),
    DocumentSpec(
        key=POSTCARDS,
        title="Feedback postcards (print and cut)",
        kind="form",
        summary="Four postcards to print and cut out: two for children to tell us how we did, and two to tell a child what happened because of their views.",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(9, 12),
        heading="Feedback postcards",
        subheading="Print on card, cut along the lines, and post or hand them out.",
        sections=(
            Section(
                "Card 1: Did we listen? (for the child)",
                ("Circle a face for each question, then add anything else on the back.",),
                (
                    "Did you feel listened to?",
                    "Did we explain things in a way you understood?",
                    "Is there one thing we should do differently?",
                ),
            ),
            Section(
                "Card 2: My worker (for younger children)",
                ("Draw your worker and write or draw one word about them.",),
            ),
            Section(
                "Card 3: You told us... so we... (for the worker)",
                (
                    "Write one thing the child told you, and one thing that happened because of it. Sign it "
                    "with your first name.",
                ),
            ),
            Section(
                "Card 4: What happens next (for the worker)",
                ("Write the date you will next see or call the child, and what you will talk about.",),
            ),
        ),
        help_box=_CHILD_HELP,
    ),
    DocumentSpec(
        key=INTERVIEW_PANELS,
        title="Young people on interview panels: a guide for recruiting managers",
        kind="guidance",
        summary="How to involve young people in recruiting staff, from planning the panel to telling them the outcome.",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(8, 20),
        heading="Young people on interview panels",
        subheading="A guide for recruiting managers in Eastbrook",
        sections=(
            Section(
                "Why involve young people",
                (
                    "Young people notice things that adult panels miss: whether a candidate talks to them or "
                    "over them, uses jargon, or is at ease with someone younger. Their panel has real weight in "
                    "the decision; it is not a tour or a formality.",
                ),
            ),
            Section(
                "Planning",
                (),
                (
                    "recruit panel members aged 14 and over through the youth forum, the children in care "
                    "council or a youth service, at least four weeks ahead",
                    "agree the role, how their scores count and what they will be paid or given as thanks",
                    "hold a preparation session to write questions and practise scoring together",
                    "check travel, timing around school or college, access needs and parental consent for "
                    "those under 16",
                ),
            ),
            Section(
                "On the day",
                (),
                (
                    "a named worker supports the panel throughout and is not an interviewer",
                    "candidates meet the young people's panel as well as the staff panel",
                    "young people give their views before the staff panel shares theirs",
                    "no personal details of panel members are shared with candidates",
                ),
            ),
            Section(
                "Afterwards",
                (
                    "Tell the young people who was appointed and how their views shaped the decision, within "
                    "a week. Ask them how the day went and what to change next time.",
                ),
            ),
        ),
        help_box=_GET_HELP_NOW,
    ),
    DocumentSpec(
        key=AUDIT_PROMPTS,
        title="Voice of the child: audit prompt sheet",
        kind="form",
        summary="Questions for case file audits and supervision: is the child seen, heard and told what happened?",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(7, 15),
        heading="Voice of the child: audit prompts",
        subheading="For single and multi-agency case audits, and for supervision",
        sections=(
            Section(
                "Ask",
                (),
                (
                    "Was the child seen, and seen alone where that was appropriate?",
                    "Was the way of asking suited to the child's age, language and communication needs?",
                    "For a baby or a child who does not speak, is there an observation of how they respond to "
                    "their carers?",
                ),
            ),
            Section(
                "Listen",
                (),
                (
                    "Are the child's own words recorded, in quotation marks, with the date and context?",
                    "Is it clear what daily life is like for this child?",
                ),
            ),
            Section(
                "Act",
                (),
                (
                    "Did the child's views change the plan? If not, is the reason recorded?",
                    "Were the child's views shared with other agencies when it was right to do so?",
                ),
            ),
            Section(
                "Feed back",
                (),
                (
                    "Was the child told what happened because of what they said?",
                    "Did they know how to complain, get an advocate or contact their worker?",
                ),
            ),
            Section(
                "Rating",
                ("Rate each stage as good, requires improvement or inadequate, and record one action.",),
            ),
        ),
        help_box=_GET_HELP_NOW,
    ),
    DocumentSpec(
        key=YOU_SAID_WE_DID,
        title="You said, we did: poster template",
        kind="form",
        summary="A poster template to show children and families what changed because of their feedback.",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(11, 2),
        heading="You said, we did",
        subheading="What changed because you told us",
        sections=(
            Section(
                "You said",
                ("Write what children, young people or families told you, in their words where you can.",),
            ),
            Section("We did", ("Write what you changed, and when.",)),
            Section(
                "We could not do this yet, because",
                ("Be honest about anything you could not change, and say what you are doing instead.",),
            ),
            Section("Tell us more", ("Say how people can give more feedback, and to whom.",)),
        ),
        help_box=_GET_HELP_NOW,
    ),
    DocumentSpec(
        key=BABIES_BRIEFING,
        title="Practice briefing: hearing babies and toddlers",
        kind="guidance",
        summary="A two-page briefing on understanding the daily life of children under five who cannot tell us in words.",
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(10, 18),
        heading="Hearing babies and toddlers",
        subheading="Eastbrook Safeguarding Children Partnership practice briefing",
        sections=(
            Section(
                "Why it matters",
                (
                    "Babies and very young children are the most at risk of serious harm and the least able to "
                    "tell anyone. Their voice is in how they look, move, feed, sleep, play and respond to the "
                    "adults around them.",
                ),
            ),
            Section(
                "What to look for",
                (),
                (
                    "how the baby reacts when the parent comes close, picks them up or leaves the room",
                    "whether the baby seeks comfort, and whether it is given",
                    "the baby's weight, skin, nappy area and any marks, in every contact",
                    "whether the home is safe for a child who is crawling or climbing",
                ),
            ),
            Section(
                "What to record",
                (
                    "Record what you saw, not only what you were told, and describe the baby as a person: "
                    "'Amira smiled and reached for her dad; she startled and went quiet when the door slammed.'",
                ),
            ),
        ),
        help_box=_GET_HELP_NOW,
    ),
)
