"""The demo's guidance pages: procedures, protocols and practice guidance for Eastbrook.

Facts come from the partnership documents the portal was conceived from; the words are our own.
Two pages (online safety, resolving professional disagreements) are deliberately overdue for
review, so that the admin's review-due report has something to show.
"""

from __future__ import annotations

import datetime

from . import directory as d
from . import leaflets as docs
from .specs import (
    Change,
    GuidancePageSpec,
    MonthDay,
    Reference,
    Review,
    accordion,
    contact,
    decision_guide,
    documents,
    heading,
    link,
    ol,
    outcome,
    p,
    quote,
    step,
    text,
    ul,
    video,
    what_to_do_now,
)

INDEX_SLUG = "guidance"

# Most pages went live together when the portal launched; later changes are spread over the months since.
LAUNCH_DAYS_AGO = 182

# Topic slugs (see content.TOPICS).
CHILD_PROTECTION = "child-protection"
CHILDREN_IN_CARE = "children-in-care"
THRESHOLDS = "thresholds-and-early-help"
INFORMATION_SHARING = "information-sharing"
SEXUAL_ABUSE = "sexual-abuse"
EXPLOITATION = "exploitation"
SCHOOLS = "schools-and-colleges"
ONLINE = "online-safety"
ALLEGATIONS = "allegations-against-staff"
CARE_PROVIDERS = "care-providers"
PRACTICE = "practice"

# Team names (see content.TEAMS).
PARTNERSHIP_TEAM = "Partnership Business Unit"
CP_REVIEW_TEAM = "Child Protection and Review Service"
MASH_TEAM = "Multi-Agency Safeguarding Hub"
LADO_TEAM = "Local Authority Designated Officer (LADO) Service"
EDUCATION_TEAM = "Education Safeguarding Team"
ADOLESCENT_TEAM = "Adolescent Safeguarding Team"
LOCATION_TEAM = "Location Risk Assessment Team"
HEALTH_TEAM = "Designated Health Professionals"

# External references used on several pages.
LONDON_PROCEDURES = Reference(
    "London Safeguarding Children Procedures",
    "https://www.londonsafeguardingchildrenprocedures.co.uk/",
    "London Safeguarding Children Partnership",
)
WORKING_TOGETHER = Reference(
    "Working together to safeguard children 2023",
    "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
    "Department for Education",
)
KCSIE = Reference(
    "Keeping children safe in education",
    "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
    "Department for Education",
)


def _launch(note: str = "", minute: int = 0) -> Change:
    return Change(LAUNCH_DAYS_AGO, note, datetime.time(9, minute))


def _review(last_months_ago: int, next_in_months: int, day: int = 14) -> Review:
    return Review(MonthDay(-last_months_ago, day), MonthDay(next_in_months, day))


CONFERENCES = GuidancePageSpec(
    slug="child-protection-conferences",
    title="Child protection conferences",
    summary=(
        "How initial and review child protection conferences work in Eastbrook: when one is called, who is "
        "invited, and what partner agencies need to send before the meeting."
    ),
    topics=(CHILD_PROTECTION,),
    audiences=(d.PRACTITIONERS, d.PARENTS),
    team=CP_REVIEW_TEAM,
    review=_review(3, 9),
    history=(
        _launch(minute=5),
        Change(47, "Conferences are back in person: added the new venue at the Civic Centre.", datetime.time(14, 20)),
        Change(9, "Added the Polish translation of the parents' and carers' leaflet.", datetime.time(11, 45)),
    ),
    related_documents=(docs.CORE_GROUP,),
    references=(
        LONDON_PROCEDURES,
        WORKING_TOGETHER,
        Reference(
            "Children Act 1989, section 47",
            "https://www.legislation.gov.uk/ukpga/1989/41/section/47",
            "legislation.gov.uk",
        ),
    ),
    body=[
        heading("When a conference is called"),
        text(
            p(
                "If children's social care has reason to think that a child is suffering, or is likely to suffer, "
                "significant harm, it must make enquiries under section 47 of the Children Act 1989. When a "
                "multi-agency strategy meeting agrees that the risk is real, for a child or an unborn baby, an "
                "initial child protection conference is arranged. It takes place within <b>15 working days</b> of "
                "the strategy meeting that decided to hold it.",
                "The conference decides whether the child needs a child protection plan. If so, it agrees an "
                "outline plan, builds on the family's strengths, and names the members of the "
                + link("page:guidance/core-group-meetings", "core group")
                + " who will carry the plan forward. Review conferences follow every three to six months for as "
                "long as the plan is in place.",
            )
        ),
        heading("Who is invited"),
        text(
            ul(
                "Parents and carers, who may bring a relative or friend, an advocate or a solicitor.",
                "Young people aged 13 and over. Younger children's views are gathered before the meeting.",
                "Every professional working with the family, from schools and health services to the police.",
            ),
            p(
                "An independent chair leads the meeting. In Eastbrook this is one of the Independent Reviewing "
                "Officers in the Child Protection and Review Service, who is not involved in the family's day-to-day "
                "support."
            ),
        ),
        what_to_do_now(
            p(
                "Write a multi-agency report for the conference as soon as you receive the invitation, using your "
                "agency's template. Say what you know, what is going well, and what worries you, and share it with "
                "the parents before the meeting wherever it is safe to do so.",
                f"Send it to <b>{d.CONFERENCE_REPORTS_EMAIL}</b>. If you cannot attend, your report is still needed.",
            ),
            heading="Invited to a conference?",
        ),
        contact(
            "Child Protection and Review Service",
            description="Questions about a conference, a report or a child protection plan.",
            phone=d.CP_REVIEW_PHONE,
            email=d.CP_REVIEW_EMAIL,
            address=d.CONFERENCE_VENUE,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
        video(
            "What happens at a child protection conference",
            d.CONFERENCE_FILM_URL,
            d.CONFERENCE_FILM_PUBLISHER,
            p(
                "A short film made for children and young people. It explains why a child protection conference "
                "is held, who comes to it, and how a young person can make sure the meeting hears their views, "
                "whether or not they attend."
            ),
        ),
        documents(
            "Leaflets to give to families", docs.YP_CONFERENCE, docs.PARENT_CONFERENCE, docs.PARENT_CONFERENCE_PL
        ),
        accordion(
            "Common questions",
            (
                "Are conferences held in person?",
                p(
                    "Yes. Conferences take place in the conference suite at Eastbrook Civic Centre. Ask the chair in "
                    "advance if someone needs to join remotely."
                ),
            ),
            (
                "I have only met the child once. Do I need to send a report?",
                p(
                    "Yes. Even a short report helps the conference see the whole picture. Say what you saw and "
                    "heard, and when."
                ),
            ),
            (
                "What if the parents disagree with the decision?",
                p(
                    "The chair explains how to raise a concern about the way the conference was run. A decision "
                    "about a plan is reviewed at every review conference."
                ),
            ),
        ),
    ],
)

CORE_GROUPS = GuidancePageSpec(
    slug="core-group-meetings",
    title="Core group meetings",
    summary=(
        "What the core group does while a child protection plan is in place, how often it meets, and what every "
        "member is responsible for, whichever agency they work for."
    ),
    topics=(CHILD_PROTECTION,),
    audiences=(d.PRACTITIONERS, d.PARENTS),
    team=CP_REVIEW_TEAM,
    review=_review(4, 8),
    history=(
        _launch(minute=10),
        Change(75, "Made clear that any member of the core group can chair the meeting.", datetime.time(16, 5)),
    ),
    related_documents=(docs.PARENT_CONFERENCE, docs.YP_CONFERENCE),
    references=(
        Reference(
            "Implementing child protection plans",
            "https://www.londonsafeguardingchildrenprocedures.co.uk/imp_chi_prot.html",
            "London Safeguarding Children Procedures",
        ),
        WORKING_TOGETHER,
    ),
    body=[
        heading("Where change happens"),
        text(
            p(
                "The core group is where a child protection plan is put into practice. Every plan has a lead "
                "social worker, a qualified social worker from the local authority, who keeps the agencies' work "
                "joined up. The initial conference chooses the group's members: the family, and the professionals "
                "closest to the child or to the adults caring for them.",
                "It meets with the family, usually <b>every six weeks</b>, fills in the detail of the outline "
                "plan, reviews what has been done since last time, and adjusts the plan as new strengths or "
                "worries come to light.",
            )
        ),
        heading("A shared responsibility"),
        text(
            ul(
                "No member outranks another: the plan's progress is everyone's job.",
                "If the usual chair is away, any member can lead the meeting.",
                "Can't make a meeting? Ask a colleague to go in your place, and send your update regardless.",
                "If meetings are not happening or actions are not being done, say so, and "
                + link("page:guidance/resolving-professional-disagreements", "escalate")
                + " if it continues.",
            )
        ),
        what_to_do_now(
            ul(
                "Check the actions your agency agreed at the last meeting, and what has happened since.",
                "Bring what the child has told you, or how they seem, in their own words where you can.",
                "Note anything that has got better as well as anything that worries you.",
            ),
            heading="Before each core group",
            urgency="info",
        ),
        quote(
            "The best meetings started with what was going right at home. Then it felt like they were on our side.",
            "Young person, 15",
            "Feedback to the Child Protection and Review Service",
        ),
        video(
            "Core groups explained",
            d.CORE_GROUP_FILM_URL,
            d.CORE_GROUP_FILM_PUBLISHER,
            p(
                "A film for practitioners about core group meetings: what they are for, who belongs to them, and "
                "how members share responsibility for a child protection plan between conferences."
            ),
        ),
        documents("Leaflet for families", docs.CORE_GROUP),
    ],
)

CARE_REVIEWS = GuidancePageSpec(
    slug="children-in-care-reviews",
    title="Reviews for children in care",
    summary=(
        "How reviews for children in care are arranged and chaired, what they decide, and why every professional "
        "involved must share information even when they are not invited."
    ),
    topics=(CHILDREN_IN_CARE,),
    audiences=(d.PRACTITIONERS, d.YOUNG_PEOPLE),
    team=CP_REVIEW_TEAM,
    review=_review(2, 10),
    history=(_launch(minute=15),),
    references=(WORKING_TOGETHER,),
    body=[
        heading("How reviews work"),
        text(
            p(
                "Every child in care has their plan reviewed regularly from the moment the local authority starts "
                "to look after them. The first review takes place within the child's first month in care, and "
                "later reviews every few months after that.",
                "Each review is chaired by an Independent Reviewing Officer (IRO), whose job is to make sure the "
                "plan really meets the child's needs and that the child's voice is heard. The review looks at "
                "health, education, family time, where the child lives and what comes next. Parents and "
                "professionals often take part, but the child stays at the centre: the meeting exists for them.",
            )
        ),
        what_to_do_now(
            p(
                "Share what you know with the child's social worker and the IRO before every review, even if you "
                "have not been invited to the meeting. A review can only plan well with the whole picture."
            ),
            heading="Not invited to a review?",
        ),
        quote(
            "I want to know what you decided about me, and why.", "Young person in care, 13", "Children in Care Council"
        ),
        accordion(
            "Common questions",
            (
                "Can a young person chair their own review?",
                p(
                    "Yes. Some young people lead all or part of their review, with support from their IRO. Others "
                    "prefer to send their views in writing or in a recording."
                ),
            ),
            (
                "Who decides who comes to the review?",
                p("The IRO agrees the invitations with the child, taking account of their wishes."),
            ),
        ),
        contact(
            "Independent Reviewing Service",
            description="For questions about a child's review or to contact their IRO.",
            phone=d.IRO_PHONE,
            email=d.IRO_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
        documents("Leaflet for children and young people", docs.CARE_REVIEW),
    ],
)

CURIOSITY = GuidancePageSpec(
    slug="professional-curiosity",
    title="Professional curiosity and disguised compliance",
    summary=(
        "Practice guidance on looking beyond what you are first told: asking direct questions, testing what you "
        "hear, and noticing when parents or carers seem to cooperate but nothing changes for the child."
    ),
    topics=(PRACTICE, CHILD_PROTECTION),
    audiences=(d.PRACTITIONERS,),
    team=PARTNERSHIP_TEAM,
    review=_review(5, 7),
    history=(
        _launch(minute=20),
        Change(118, "Added a section on children who were not brought to health appointments.", datetime.time(10, 30)),
        Change(21, "Added questions to ask yourself before closing a case.", datetime.time(15, 10)),
    ),
    references=(WORKING_TOGETHER, LONDON_PROCEDURES),
    body=[
        heading("Why it matters"),
        text(
            p(
                "A lack of professional curiosity comes up again and again in local and national reviews, whether "
                "they look at the death or serious harm of a child, of an adult at risk, or at domestic homicide. "
                "Strengthening it is one of the recommendations of our case review group, and it matters as much "
                "when you work with adults as with children.",
            )
        ),
        heading("What professional curiosity looks like"),
        text(
            p(
                "A curious practitioner does not settle for the first explanation. They notice what they see in "
                "the home, ask the direct question even when it is awkward, listen properly to the answer, and "
                "check it against what others know."
            ),
            ul(
                "<b>Respectful uncertainty</b>: be warm with families, but test what you are told rather than "
                "simply accepting it.",
                "<b>Safe uncertainty</b>: you will rarely have the full picture. Keep the child's safety in view "
                "and revisit your judgement as new information arrives.",
                "<b>Mind the gaps</b>: an absent partner, an unexplained injury or a silence in the records is a "
                "reason to ask more.",
            ),
        ),
        heading("Disguised compliance"),
        text(
            p(
                "Sometimes a parent or carer appears to cooperate in order to keep professionals at a distance. "
                "Signs can include:"
            ),
            ul(
                "agreeing to every action while little changes for the child",
                "visits cancelled at short notice, or the child never seen alone",
                "conversations that always turn to the adult's needs",
                "a child who was not brought to health appointments, recorded as if the child chose not to attend",
            ),
        ),
        heading("Was not brought, not did not attend", "h3"),
        text(
            p(
                "Children do not take themselves to appointments. Recording a missed appointment as 'was not "
                "brought' keeps attention on the child and on the adults responsible for them."
            )
        ),
        accordion(
            "Questions to ask yourself",
            ("Have I seen the child, and where they sleep?", p("If not, why not, and what would it take?")),
            (
                "What has actually changed for the child?",
                p("Look for evidence in the child's experience, not only in what the adults say."),
            ),
            (
                "Who else knows this family?",
                p("Check with other agencies before you conclude that all is well."),
            ),
        ),
        what_to_do_now(
            p(
                "Record what you have seen and heard, discuss it in supervision or with your safeguarding lead, and "
                f"share it. If you think a child is at risk of harm, contact the MASH on {d.MASH_PHONE}."
            ),
            heading="If nothing seems to change",
        ),
    ],
)

INFO_SHARING = GuidancePageSpec(
    slug="information-sharing",
    title="Information sharing: myths and facts",
    summary=(
        "Fears about data protection should never stop you sharing information to keep a child safe. Common "
        "myths about information sharing, and the facts, in line with Working Together to Safeguard Children 2023."
    ),
    topics=(INFORMATION_SHARING,),
    audiences=(d.PRACTITIONERS,),
    team=PARTNERSHIP_TEAM,
    review=_review(6, 6),
    history=(
        _launch(minute=25),
        Change(150, "Updated throughout for Working Together to Safeguard Children 2023.", datetime.time(11, 0)),
    ),
    references=(
        WORKING_TOGETHER,
        Reference(
            "Information sharing advice for safeguarding practitioners",
            "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice",
            "Department for Education",
        ),
    ),
    body=[
        text(
            p(
                "Reviews of serious cases often find that someone knew something that, shared in time, could have "
                "changed what happened. Data protection law is there to make sure information is shared properly, "
                "not to stop it being shared."
            )
        ),
        accordion(
            "Myths and facts",
            (
                "Data protection law stops me sharing information.",
                p(
                    "It does not. UK data protection law gives you a framework for sharing lawfully. Keeping a child "
                    "safe from harm is a legitimate reason to share."
                ),
            ),
            (
                "I always need consent to share.",
                p(
                    "Consent is not the only lawful basis. You do not need it when a child is at risk of harm, or "
                    "when asking for it would put the child at greater risk or cause delay. Record your reasons."
                ),
            ),
            (
                "I can only share with the child's social worker.",
                p("Share with anyone who needs the information to keep the child safe, and only what they need."),
            ),
            (
                "I should wait until I am sure.",
                p(
                    "Waiting can leave a child at risk. Share a concern early; the picture often only makes sense once "
                    "several pieces come together."
                ),
            ),
            (
                "Someone else has probably reported it already.",
                p("Do not assume. If you are worried, make the call yourself."),
            ),
            (
                "I cannot share information about the parents.",
                p(
                    "You can share information about an adult when it is relevant to the risk to a child, such as "
                    "domestic abuse, substance misuse or mental ill health."
                ),
            ),
        ),
        what_to_do_now(
            p("Before you share, check that the information is:")
            + ul(
                "necessary and proportionate",
                "relevant, accurate and up to date",
                "shared in good time and securely",
            )
            + p("Then write down what you shared, with whom, and why."),
            heading="Sharing well",
            urgency="info",
        ),
        contact(
            d.MASH_NAME,
            description="For advice on whether to share, and to share a concern about a child.",
            phone=d.MASH_PHONE,
            email=d.MASH_EMAIL,
            opening_hours=d.MASH_HOURS,
            out_of_hours=d.OUT_OF_HOURS_TEXT,
        ),
    ],
)

THRESHOLDS_PAGE = GuidancePageSpec(
    slug="thresholds-of-need",
    title="Thresholds of need: the London threshold document",
    summary=(
        "How Eastbrook uses the London threshold document to judge what help a child and family need, from "
        "universal services and early help to child protection."
    ),
    topics=(THRESHOLDS, CHILD_PROTECTION),
    audiences=(d.PRACTITIONERS,),
    team=MASH_TEAM,
    review=_review(2, 10),
    history=(
        _launch(minute=30),
        Change(96, "Now links to the London threshold document rather than a local copy.", datetime.time(9, 40)),
    ),
    references=(LONDON_PROCEDURES, WORKING_TOGETHER),
    body=[
        text(
            p(
                "The partnership has formally adopted the revised London threshold document, which the London "
                "Safeguarding Children Partnership's executive agreed in December 2022 after a London-wide review "
                "of multi-agency safeguarding hubs. It forms part of the London Safeguarding Children Procedures.",
                "We link to the London version rather than keep a local copy, so that everyone works from the "
                "latest edition.",
            )
        ),
        heading("How the threshold document helps"),
        text(
            p(
                "The document sets out indicators of need, from children whose needs are met by universal "
                "services, through those who would benefit from early help, to those who need specialist or "
                "statutory help because they are, or may be, at risk of significant harm."
            ),
            ul(
                "Use it to support your professional judgement, not as a checklist.",
                "Consider the child's whole situation, including risks outside the home.",
                "Needs change: look again when circumstances do.",
            ),
        ),
        what_to_do_now(
            p(
                "Talk to your designated safeguarding lead, then call the MASH for a consultation. If a child is in "
                f"immediate danger, call {d.EMERGENCY}."
            ),
            heading="Not sure which level applies?",
        ),
        heading("Suggesting changes"),
        text(
            p(
                "Send suggested additions or amendments to the partnership at "
                f"{d.PARTNERSHIP_EMAIL}. We gather them for the procedures' six-monthly updates."
            )
        ),
        contact(
            d.MASH_NAME,
            description="Consultation and referrals for any child you are worried about.",
            phone=d.MASH_PHONE,
            email=d.MASH_EMAIL,
            opening_hours=d.MASH_HOURS,
            out_of_hours=d.OUT_OF_HOURS_TEXT,
        ),
    ],
)

SEXUAL_ABUSE_PAGE = GuidancePageSpec(
    slug="child-sexual-abuse-referrals",
    title="Child sexual abuse: referral routes",
    summary=(
        "What to do when a child tells you about sexual abuse or you strongly suspect it: who must be told, when "
        "to contact the sexual assault referral centre, and when to refer to the child sexual abuse hub."
    ),
    topics=(SEXUAL_ABUSE, CHILD_PROTECTION),
    audiences=(d.PRACTITIONERS,),
    team=HEALTH_TEAM,
    review=_review(2, 6),
    history=(
        _launch(minute=35),
        Change(
            56,
            "Added the child sexual abuse hub's new joint health and wellbeing referral form.",
            datetime.time(13, 15),
        ),
        Change(
            14,
            "Made the steps clearer for young people aged 13 or over who decline police involvement.",
            datetime.time(10, 50),
        ),
    ),
    related_documents=(docs.CSA_ROUTE,),
    references=(WORKING_TOGETHER, LONDON_PROCEDURES),
    body=[
        what_to_do_now(
            p(
                f"If the child is in immediate danger or needs urgent medical care, call {d.EMERGENCY}.",
                f"In every case, refer to the MASH on {d.MASH_PHONE}. The steps below add to that referral; they "
                "never replace it. Health professionals have a duty to refer to the MASH too.",
            ),
            heading="First, keep the child safe",
            urgency="urgent",
        ),
        decision_guide(
            "Referral route for suspected or disclosed child sexual abuse",
            "Use this when a child has told you about sexual abuse or you have a strong professional suspicion. "
            "Work through the steps in order.",
            step(
                "How old is the child?",
                outcome(
                    "the child is under 13",
                    p("The police <b>must</b> be told. The MASH will make sure they are, or call them yourself."),
                    2,
                ),
                outcome(
                    "the young person is 13 or over",
                    p("Encourage them to agree to a police referral, and explain how it can help."),
                    2,
                ),
            ),
            step(
                "When did the abuse happen?",
                outcome(
                    "it was within the last 7 days (acute)",
                    p(
                        f"Call {d.SARC_SHORT}, the sexual assault referral centre, for advice on "
                        f"<b>{d.SARC_PHONE}</b> (open 24 hours). Liaise with the police so that the Haven can see "
                        "the child."
                    ),
                    3,
                ),
                outcome(
                    "it was 7 or more days ago (non-acute)",
                    p(
                        f"Refer to the {d.CSA_HUB_NAME}. If you are not sure whether the Haven could still help, "
                        "call them for advice first."
                    ),
                ),
                help_text="Forensic evidence is lost quickly, so the timing decides the route.",
            ),
            step(
                "Does a young person aged 13 or over decline police involvement or a referral to the Haven?",
                outcome(
                    "they decline",
                    p(
                        "Explain the options still open to them: going to an emergency department if they have "
                        "injuries that need urgent care, or a referral to the child sexual abuse hub. Record the "
                        "conversation and tell the MASH."
                    ),
                ),
                outcome(
                    "they agree",
                    p("Carry on with the police and the Haven, and tell the MASH what has been arranged."),
                ),
            ),
        ),
        heading("The child sexual abuse hub"),
        text(
            p(
                "After sexual abuse, the hub helps children and their families recover. In one place, a child "
                "might see a paediatrician or specialist nurse for a health check, and a play specialist or "
                "wellbeing practitioner for emotional support. The hub agrees with children's social care when "
                "each part of that help should happen.",
                "Refer using the hub's joint health and wellbeing referral form. If you think a child needs the "
                "hub, you can also email the team directly.",
            )
        ),
        contact(
            d.SARC_NAME,
            description="Advice and forensic medical examinations when abuse happened within the last 7 days.",
            phone=d.SARC_PHONE,
            opening_hours="24 hours a day, every day",
        ),
        contact(
            d.CSA_HUB_NAME,
            description="Health and emotional wellbeing support after sexual abuse, including non-recent abuse.",
            phone=d.CSA_HUB_PHONE,
            email=d.CSA_HUB_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
        accordion(
            "Common questions",
            (
                "Should I ask the child what happened?",
                p(
                    "Listen, but do not question them in detail or suggest answers. Write down what they said in "
                    "their own words, tell them what will happen next, and never promise to keep it secret."
                ),
            ),
            (
                "Should I tell the parents?",
                p(
                    "Not before you have spoken to the MASH or the police, if telling them could put the child at "
                    "risk or affect an investigation."
                ),
            ),
        ),
    ],
)

ALLEGATIONS_PAGE = GuidancePageSpec(
    slug="allegations-against-staff",
    title="Allegations against staff and volunteers",
    summary=(
        "What to do when someone who works or volunteers with children may have harmed a child or may pose a "
        "risk to children, and how the Local Authority Designated Officer (LADO) can help."
    ),
    topics=(ALLEGATIONS, SCHOOLS),
    audiences=(d.PRACTITIONERS,),
    team=LADO_TEAM,
    review=_review(4, 8),
    history=(_launch(minute=40),),
    references=(KCSIE, LONDON_PROCEDURES),
    body=[
        heading("When to involve the LADO"),
        text(
            p("Contact the LADO when an adult who works with children, paid or unpaid, may have:"),
            ul(
                "behaved in a way that has harmed a child, or may have harmed a child",
                "committed a criminal offence against or related to a child",
                "behaved towards a child in a way that suggests they may pose a risk of harm",
                "behaved in a way that suggests they may not be suitable to work with children",
            ),
            p(
                "Schools and colleges should follow the London procedures and Keeping Children Safe in Education. "
                "The LADO helps employers manage the process fairly and keep children safe."
            ),
        ),
        what_to_do_now(
            ul(
                "Tell your organisation's senior safeguarding lead the same day.",
                "The lead (the case manager) contacts the LADO within one working day.",
                "Do not investigate yourself, and do not tell the person concerned until the LADO has advised.",
                f"If a child is in immediate danger, call {d.EMERGENCY}.",
            ),
            heading="If you have a concern about a colleague",
        ),
        contact(
            "Local Authority Designated Officer (LADO)",
            description="Advice and referrals about allegations against people who work with children.",
            phone=d.LADO_PHONE,
            email=d.LADO_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
        accordion(
            "Common questions",
            (
                "What if the concern is about the head teacher?",
                p("Report it to the chair of governors, or to the proprietor in an independent school."),
            ),
            (
                "What about concerns that do not meet the harm threshold?",
                p(
                    "Follow your organisation's policy on low-level concerns and record them. The LADO can advise "
                    "if you are unsure which applies."
                ),
            ),
            (
                "Will the person be suspended?",
                p("Not automatically. The employer considers the alternatives first, with advice from the LADO."),
            ),
        ),
    ],
)

LOCATION_PAGE = GuidancePageSpec(
    slug="location-risk-assessments",
    title="Location risk assessments for care providers",
    summary=(
        "For children's homes, supported accommodation and semi-independent providers: assessing the area around "
        "a home, the principles young people should be able to agree with, and how to ask for an assessment."
    ),
    topics=(CARE_PROVIDERS, EXPLOITATION),
    audiences=(d.PRACTITIONERS,),
    team=LOCATION_TEAM,
    review=_review(1, 11),
    history=(
        Change(104, "", datetime.time(12, 0)),
        Change(33, "Added the eight principles young people should be able to agree with.", datetime.time(9, 55)),
    ),
    related_documents=(docs.LOCATION_FORM,),
    references=(
        Reference(
            "The Supported Accommodation (England) Regulations 2023",
            "https://www.legislation.gov.uk/uksi/2023/416/contents",
            "legislation.gov.uk",
        ),
        LONDON_PROCEDURES,
    ),
    body=[
        text(
            p(
                "Children's homes and supported accommodation for young people must assess the risks of the area "
                "around each home and keep that assessment up to date, as part of their oversight by Ofsted. For "
                "supported accommodation, this is part of the quality standards that came into force in October "
                "2023. Knowing the local area well is part of keeping young people safe."
            )
        ),
        heading("What young people should be able to say"),
        text(
            p("A good home, in a well-chosen place, means that each young person living there can agree that:"),
            ol(
                "Where I live, and the streets around it, feel safe to me.",
                "When I speak, people listen, take it seriously and stand up for me, so I have a say in my support.",
                "The adults supporting me get me, know what they are doing and pull together for me.",
                "I have a room of my own I'm proud of, in a home that is comfortable, looked after and settled.",
                "The support I get is good quality, made for me, and keeps me healthy and well.",
                "There are people in my life I trust and can count on.",
                "I'm learning the everyday skills I'll need to live independently, and I get help to use them.",
                "Thanks to the support I get, I feel good about what lies ahead for me.",
            ),
        ),
        heading("Asking for a location risk assessment"),
        text(
            ol(
                "Research the area yourself first, and ask the young people already living there what they think.",
                "Complete the request form: the address, the type of home and the ages of the young people. "
                "Never include a young person's name.",
                "A safeguarding officer reviews what local agencies know about the area and may visit.",
                "You receive the assessment with recommendations, and talk them through with the officer.",
                "Review it at least once a year, and sooner if the area or the young people change.",
            )
        ),
        what_to_do_now(
            p(
                f"Email the request form to <b>{d.LOCATION_EMAIL}</b> before a young person moves in wherever you "
                "can, or use the online request form (\u201cAsk for a location risk assessment\u201d), which lets you "
                "follow your request and receive the outcome by email."
            ),
            heading="Opening a new home?",
        ),
        contact(
            "Location Risk Assessment Team",
            description="Requests, questions about an assessment, and advice on the local area.",
            phone=d.LOCATION_PHONE,
            email=d.LOCATION_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
        documents("Leaflet for providers", docs.LOCATION_PROVIDERS),
    ],
)

SCHOOLS_PAGE = GuidancePageSpec(
    slug="safeguarding-in-schools",
    title="Safeguarding in schools and colleges",
    summary=(
        "How the partnership supports schools and colleges: the safeguarding self-assessment, surveys of staff "
        "and pupils, learning from reviews and audits, and the monthly briefing."
    ),
    topics=(SCHOOLS,),
    audiences=(d.PRACTITIONERS,),
    team=EDUCATION_TEAM,
    review=_review(3, 9),
    history=(
        _launch(minute=45),
        Change(
            26,
            "The self-assessment for this year is open: added how to save your progress and return.",
            datetime.time(8, 30),
        ),
    ),
    references=(
        KCSIE,
        Reference("Educate Against Hate", "https://www.educateagainsthate.com/", "Department for Education"),
    ),
    body=[
        text(
            p(
                "Schools and colleges see children every day and are often the first to notice that something is "
                "wrong. The partnership's guidance on "
                + link("page:guidance/thresholds-of-need", "thresholds of need")
                + " and on "
                + link("page:guidance/allegations-against-staff", "allegations against staff")
                + " applies to every school and college in Eastbrook."
            )
        ),
        heading("The safeguarding self-assessment"),
        text(
            p(
                "Each year we ask every school and college to complete our online safeguarding self-assessment; "
                "as relevant agencies, they are required to take part. The form works at your pace: stop whenever "
                "you need to, pick up where you left off, and return to it after submitting as things change.",
                "An addendum on harmful sexual behaviour and harm outside the home is being developed.",
            )
        ),
        heading("Hearing from staff and pupils"),
        text(
            p(
                "We also ask staff directly, through an anonymous survey, how confident and supported they feel. "
                "Their answers help us test what schools tell us in the self-assessment.",
                "Pupils in more than 20 schools can now mark, anonymously, the places where they feel unsafe: in "
                "school, on the way to school and in their neighbourhood. Schools see their own pupils' reports; "
                "the partnership looks for patterns across the borough.",
            )
        ),
        heading("Learning from reviews and audits"),
        text(
            p(
                "Schools help with local case reviews and with our multi-agency case audits. An audit asks what a "
                "child's day-to-day life was actually like, and recognises good practice as well as what must "
                "change. The lessons reach every school through training and the monthly briefing."
            )
        ),
        what_to_do_now(
            p(
                "Our monthly safeguarding briefing keeps designated safeguarding leads up to date. To join the "
                f"mailing list, email <b>{d.BRIEFINGS_EMAIL}</b>."
            ),
            heading="Stay up to date",
            urgency="info",
        ),
        accordion(
            "Common questions",
            (
                "Which national guidance do schools follow?",
                p("Keeping Children Safe in Education, alongside the London Safeguarding Children Procedures."),
            ),
            (
                "Where can I find classroom resources on extremism?",
                p(
                    "Educate Against Hate, from the Department for Education, offers ready-made lesson materials, "
                    "including films and activities, for talking about extremism in class."
                ),
            ),
        ),
        contact(
            "Education Safeguarding Team",
            description="Advice for designated safeguarding leads, and help with the self-assessment.",
            phone=d.EDUCATION_PHONE,
            email=d.EDUCATION_EMAIL,
            opening_hours="Monday to Friday during term time, 8.30am to 5pm",
        ),
    ],
)

ONLINE_PAGE = GuidancePageSpec(
    slug="online-safety",
    title="Online safety",
    summary=(
        "Helping children stay safe online: signs of online abuse and grooming, what to do when a nude image has "
        "been shared, and where children and adults can report."
    ),
    topics=(ONLINE, EXPLOITATION),
    audiences=(d.PRACTITIONERS, d.PARENTS),
    team=EDUCATION_TEAM,
    review=_review(14, -1, day=10),  # overdue
    history=(_launch(minute=50),),
    references=(
        Reference(
            "CEOP Safety Centre: report online abuse",
            "https://www.ceop.police.uk/Safety-Centre/",
            "National Crime Agency",
        ),
        Reference(
            "Report Remove", "https://learning.nspcc.org.uk/research-resources/report-remove", "NSPCC and Childline"
        ),
    ),
    body=[
        text(
            p(
                "Children's lives online and offline are not separate. The same risks, from bullying to "
                "exploitation, can follow a child from one to the other."
            )
        ),
        heading("Signs to look out for"),
        text(
            ul(
                "secrecy about who they are talking to, or a new older 'friend'",
                "gifts, money or phone credit from someone they met online",
                "being upset or withdrawn after using their phone",
                "talk of being threatened with the release of images",
            )
        ),
        what_to_do_now(
            ul(
                "Do not view, copy, forward or delete the image or messages.",
                "Reassure the child that they are not in trouble and that you will help.",
                f"Tell your safeguarding lead and refer to the MASH on {d.MASH_PHONE}.",
                f"If a child is in immediate danger, call {d.EMERGENCY}.",
            ),
            heading="If a child is being groomed or blackmailed online",
            urgency="urgent",
        ),
        accordion(
            "Common questions",
            (
                "Can a young person get a nude image of themselves taken down?",
                p(
                    "Yes. Under-18s can use the Report Remove tool from Childline and the Internet Watch "
                    "Foundation. They can get support from Childline throughout."
                ),
            ),
            (
                "Where can a child report something that worried them online?",
                p("To a trusted adult, to Childline on " + d.CHILDLINE_PHONE + ", or to CEOP's Safety Centre."),
            ),
        ),
        quote(
            "Don't just tell us to come off our phones. Help us work out what to do when something goes wrong.",
            "Young person, 14",
            "Youth forum",
        ),
    ],
)

EXPLOITATION_PAGE = GuidancePageSpec(
    slug="exploitation-and-contextual-safeguarding",
    title="Exploitation and harm outside the home",
    summary=(
        "Recognising and responding to risks young people face outside their families, such as criminal and "
        "sexual exploitation and serious youth violence, and how the partnership uses what it knows about places."
    ),
    topics=(EXPLOITATION, CHILD_PROTECTION),
    audiences=(d.PRACTITIONERS, d.PARENTS),
    team=ADOLESCENT_TEAM,
    review=_review(2, 10),
    history=(Change(61, "", datetime.time(11, 20)),),
    references=(WORKING_TOGETHER, LONDON_PROCEDURES),
    body=[
        text(
            p(
                "Young people can be harmed outside their homes: by peers, in their neighbourhood, in public "
                "spaces and online. Parents and carers often cannot protect them from these risks alone. "
                "Contextual safeguarding means assessing, and changing, the places and relationships where harm "
                "happens, not only the family.",
                "Young people who cause harm have often been harmed themselves. Respond to the whole person, not "
                "to a label of victim or offender.",
            )
        ),
        heading("Signs of exploitation"),
        text(
            ul(
                "going missing from home, care or school, or travelling to unfamiliar areas",
                "unexplained money, phones, clothes or gifts",
                "new older friends, or friends who suddenly change",
                "injuries they will not explain, or a sudden drop in attendance",
            )
        ),
        heading("Using what we know about places"),
        text(
            p(
                "The partnership brings together what agencies know, and what pupils tell us anonymously about "
                "where they feel unsafe, to find themes, trends and hotspots. We work with the police, transport "
                "operators and local businesses to make those places safer, and report on progress every quarter."
            )
        ),
        what_to_do_now(
            ul(
                f"Refer to the MASH on {d.MASH_PHONE}, or call {d.EMERGENCY} if a young person is in danger.",
                "When a young person returns from being missing, make sure they are offered a return home interview.",
                "Share information about places and people of concern with the adolescent safeguarding team.",
            ),
        ),
        quote(
            "The workers who helped most asked where I spent my time, not just what was going on at home.",
            "Young person, 16",
            "Adolescent safeguarding feedback",
        ),
        contact(
            "Adolescent Safeguarding Team",
            description="Advice on exploitation and harm outside the home, and information about places of concern.",
            phone=d.ADOLESCENT_PHONE,
            email=d.ADOLESCENT_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
            out_of_hours=d.OUT_OF_HOURS_TEXT,
        ),
    ],
)

DISAGREEMENTS_PAGE = GuidancePageSpec(
    slug="resolving-professional-disagreements",
    title="Resolving professional disagreements",
    summary=(
        "What to do when you disagree with another agency's decision about a child's safety: raise it early, keep "
        "the child at the centre, and escalate step by step if it is not resolved."
    ),
    topics=(PRACTICE, CHILD_PROTECTION),
    audiences=(d.PRACTITIONERS,),
    team=PARTNERSHIP_TEAM,
    review=_review(15, -3, day=20),  # overdue
    history=(_launch(minute=55),),
    references=(LONDON_PROCEDURES, WORKING_TOGETHER),
    body=[
        text(
            p(
                "Professional challenge is healthy: it is how we make good decisions together. A disagreement "
                "should be resolved quickly, at the lowest level possible, and never at the expense of the child's "
                "safety."
            )
        ),
        what_to_do_now(
            p(
                "If a child is at risk of immediate harm while you disagree, act now: call "
                f"{d.EMERGENCY} or the MASH on {d.MASH_PHONE}. Escalation runs alongside, never instead."
            ),
            heading="If a child is at risk now",
            urgency="urgent",
        ),
        heading("Escalating step by step"),
        text(
            ol(
                "Talk to the practitioner directly and explain your concern, with your evidence.",
                "If it is not resolved, ask your manager to talk to their manager.",
                "If it is still not resolved, the heads of service for each agency discuss it.",
                "If agencies still cannot agree, the partnership's business unit arranges a meeting of senior leaders.",
            ),
            p("Record each step, and what was decided, on the child's file."),
        ),
        accordion(
            "Common questions",
            (
                "Will escalating damage my working relationships?",
                p("Raising a concern respectfully, with evidence, is expected practice. Managers will support you."),
            ),
            (
                "Can I escalate a decision made at a child protection conference?",
                p("Yes. Speak to the conference chair first, then follow the steps above."),
            ),
        ),
        contact(
            "Partnership Business Unit",
            description="Support with escalations that have not been resolved between agencies.",
            phone=d.PARTNERSHIP_PHONE,
            email=d.PARTNERSHIP_EMAIL,
            opening_hours="Monday to Friday, 9am to 5pm",
        ),
    ],
)

VOICE_PAGE = GuidancePageSpec(
    slug="voice-of-the-child",
    title="Listening to children and working with parents",
    summary=(
        "How to hear children's views and act on them, and the principles for working with parents and carers, "
        "shaped by what children and young people in Eastbrook have told us."
    ),
    topics=(PRACTICE,),
    audiences=(d.PRACTITIONERS,),
    team=PARTNERSHIP_TEAM,
    review=_review(1, 11),
    history=(
        _launch(minute=58),
        Change(12, "Added what young people told us in this year's survey.", datetime.time(14, 0)),
    ),
    references=(
        Reference(
            "The UN Convention on the Rights of the Child",
            "https://www.unicef.org.uk/what-we-do/un-convention-child-rights/",
            "UNICEF UK",
        ),
        WORKING_TOGETHER,
    ),
    body=[
        text(
            p(
                "Under Article 12 of the UN Convention on the Rights of the Child, every child has a right to a "
                "say in matters that affect them, and for that say to carry weight. One conversation is not "
                "enough: children should be able to see their views make a difference, and hear back from us "
                "about what we did with them."
            )
        ),
        heading("What children and young people told us"),
        quote("When you look at your phone while I'm talking, I stop talking.", "Young person, 16", "Youth forum"),
        quote("I filled in the survey last year. Did anything change?", "Young person, 13", "Partnership survey"),
        quote("Ask me one thing at a time, and don't rush me.", "Child, 10", "School council"),
        heading("Ask, listen, act, feed back"),
        text(
            ul(
                "<b>Ask</b> in a way that suits the child's age and how they communicate.",
                "<b>Listen</b> with your face and body as well as your ears.",
                "<b>Act</b> on what you hear, and record it in the child's words.",
                "<b>Feed back</b> so the child knows what difference their views made.",
            )
        ),
        heading("Working with parents and carers"),
        text(
            p("Working Together to Safeguard Children 2023 sets out four principles. In short:"),
            ol(
                "Relationships first: aim for trust and cooperation with parents and carers.",
                "Speak and write plainly and respectfully, without blame, adapting to each parent's needs.",
                "Make it possible for parents and carers to play a real part in decisions about their children.",
                "Ask families and communities to help shape the processes that affect them.",
            ),
        ),
        what_to_do_now(
            p(
                "Share what a child or family told you about our services with the partnership at "
                f"{d.PARTNERSHIP_EMAIL}. We report every year on how their views shaped our work."
            ),
            heading="Heard something we should know?",
            urgency="info",
        ),
    ],
)

GUIDANCE_PAGES: tuple[GuidancePageSpec, ...] = (
    CONFERENCES,
    CORE_GROUPS,
    CARE_REVIEWS,
    CURIOSITY,
    INFO_SHARING,
    THRESHOLDS_PAGE,
    SEXUAL_ABUSE_PAGE,
    ALLEGATIONS_PAGE,
    LOCATION_PAGE,
    SCHOOLS_PAGE,
    ONLINE_PAGE,
    EXPLOITATION_PAGE,
    DISAGREEMENTS_PAGE,
    VOICE_PAGE,
)
