"""The demo's documents: leaflets for children and families, and two documents for practitioners.

Each is generated as a PDF by ``pdfs.render_document``. Keys are stable and name the files.
"""

from __future__ import annotations

from . import directory as d
from .specs import DocumentSpec, MonthDay, Section

YP_CONFERENCE = "young-persons-guide-to-child-protection-conferences"
PARENT_CONFERENCE = "parents-guide-to-child-protection-conferences"
PARENT_CONFERENCE_PL = "parents-guide-to-child-protection-conferences-polish"
CARE_REVIEW = "guide-to-reviews-for-children-in-care"
CORE_GROUP = "what-happens-at-a-core-group-meeting"
LOCATION_PROVIDERS = "location-risk-assessments-for-care-providers"
CSA_ROUTE = "sexual-abuse-referral-route-summary"
LOCATION_FORM = "location-risk-assessment-request-form"

_GET_HELP_NOW = (
    f"If you or someone else is in danger right now, call {d.EMERGENCY}.",
    f"Childline is free and open all day, every day: {d.CHILDLINE_PHONE}.",
)

DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        key=YP_CONFERENCE,
        title="Your child protection conference: a guide for young people",
        kind="leaflet",
        summary=(
            "For young people aged 13 and over who have been invited to a child protection conference: "
            "what the meeting is for, who will be there and how to get your views across."
        ),
        audiences=(d.YOUNG_PEOPLE,),
        review_due=MonthDay(9, 1),
        heading="Your child protection conference",
        subheading="A guide for young people",
        sections=(
            Section(
                "Why is there a meeting about me?",
                (
                    "Some of the adults who know you and your family are worried that you might not be safe at "
                    "home, or that you might be harmed. A child protection conference is a meeting where they, "
                    "your family and you can talk about those worries together and agree what should happen next.",
                    "The meeting is not a court and nobody is on trial. Its job is to make a plan that keeps you "
                    "safe and builds on the things that are already going well.",
                ),
            ),
            Section(
                "Who will be there?",
                ("The meeting is run by a chair who does not work with your family day to day. You may also see:",),
                (
                    "your parents or carers, and perhaps someone they have asked to support them",
                    "your social worker",
                    "people from your school or college, your doctor or school nurse",
                    "other workers who know you, such as a youth worker or the police",
                ),
            ),
            Section(
                "How can I have my say?",
                ("Young people aged 13 or over are usually invited. You can choose how to take part:",),
                (
                    "come to all of the meeting, or just part of it",
                    "write down what you want to say, or record it, and ask someone to share it",
                    "ask an advocate to come with you and speak up for you",
                    "talk to your social worker or the chair before the meeting",
                ),
            ),
            Section(
                "What happens afterwards?",
                (
                    "If the meeting decides you need a child protection plan, a small group of people called the "
                    "core group will meet regularly with your family to make it work. Your social worker will tell "
                    "you what was decided and what it means for you. You can always ask questions.",
                ),
            ),
        ),
        help_box=_GET_HELP_NOW,
    ),
    DocumentSpec(
        key=PARENT_CONFERENCE,
        title="Child protection conferences: a guide for parents and carers",
        kind="leaflet",
        summary=(
            "What happens before, during and after a child protection conference, who is invited, and who you "
            "can bring with you for support."
        ),
        audiences=(d.PARENTS,),
        review_due=MonthDay(9, 1),
        heading="Child protection conferences",
        subheading="A guide for parents and carers",
        sections=(
            Section(
                "What is a child protection conference?",
                (
                    "When children's social care has enquired into concerns about your child, and the agencies "
                    "involved think your child may be at risk of significant harm, they arrange a meeting called "
                    "an initial child protection conference. It takes place within 15 working days of the meeting "
                    "that decided to hold it.",
                    "The conference brings you together with the professionals who know your family. Together "
                    "you look at what is going well, what is worrying everyone, and what needs to change.",
                ),
            ),
            Section(
                "Who comes to the meeting?",
                (
                    "An independent chair, who is not involved in your family's day-to-day support, leads the "
                    "meeting. Professionals such as your child's social worker, teachers, health visitors, doctors "
                    "and the police may attend or send a report. Children aged 13 and over are usually invited too.",
                ),
            ),
            Section(
                "Bringing someone with you",
                ("You do not have to come alone. You may bring:",),
                (
                    "a relative or friend for support",
                    "an advocate, who can help you say what you want to say",
                    "a solicitor, although the conference is not a court hearing",
                    "an interpreter, free of charge: tell the social worker which language you need",
                ),
            ),
            Section(
                "Before the meeting",
                (
                    "The social worker will share their report with you before the conference, and the chair will "
                    "usually meet you beforehand to explain how it will run. It can help to write down the points "
                    "you want to make.",
                ),
            ),
            Section(
                "After the meeting",
                (
                    "If your child needs a child protection plan, a core group of professionals will meet with you, "
                    "usually every six weeks, to turn the outline plan into action. Review conferences then take "
                    "place every three to six months while the plan is in place.",
                    f"Questions? Call the Child Protection and Review Service on {d.CP_REVIEW_PHONE}.",
                ),
            ),
        ),
        help_box=(f"If a child is in immediate danger, call {d.EMERGENCY}.", f"NSPCC helpline: {d.NSPCC_HELPLINE}."),
    ),
    DocumentSpec(
        key=PARENT_CONFERENCE_PL,
        title="Konferencja w sprawie ochrony dziecka: poradnik dla rodziców i opiekunów",
        kind="leaflet",
        language="pl",
        summary=(
            "The parents' and carers' guide to child protection conferences in Polish: what the meeting is for, "
            "who takes part, and how to prepare."
        ),
        audiences=(d.PARENTS,),
        review_due=MonthDay(9, 1),
        heading="Konferencja w sprawie ochrony dziecka",
        subheading="Poradnik dla rodziców i opiekunów",
        sections=(
            Section(
                "Czym jest konferencja?",
                (
                    "Konferencja w sprawie ochrony dziecka to spotkanie rodziców, opiekunów i specjalistów, którzy "
                    "pracują z Państwa rodziną. Wspólnie zastanawiamy się, czy dziecko jest bezpieczne i jakiej "
                    "pomocy potrzebuje rodzina.",
                ),
            ),
            Section(
                "Kiedy się odbywa?",
                (
                    "Pierwsza konferencja odbywa się w ciągu 15 dni roboczych od spotkania, na którym podjęto "
                    "decyzję o jej zwołaniu. Jeśli dziecko zostanie objęte planem ochrony, kolejne konferencje "
                    "odbywają się co trzy do sześciu miesięcy.",
                ),
            ),
            Section(
                "Kto bierze udział?",
                (
                    "Spotkaniu przewodniczy niezależny przewodniczący, który nie pracuje na co dzień z Państwa "
                    "rodziną. Zaproszeni są rodzice i opiekunowie, specjaliści (na przykład pracownik socjalny, "
                    "nauczyciel, lekarz lub pielęgniarka) oraz młodzież w wieku od 13 lat.",
                ),
                (
                    "Mogą Państwo przyjść z członkiem rodziny lub przyjacielem.",
                    "Mogą Państwo poprosić o rzecznika albo przyjść z prawnikiem.",
                    "Tłumacz jest bezpłatny: prosimy powiedzieć pracownikowi socjalnemu, jakiego języka potrzebują "
                    "Państwo.",
                ),
            ),
            Section(
                "Co dzieje się potem?",
                (
                    "Jeśli dziecko zostanie objęte planem ochrony, mała grupa specjalistów spotyka się z Państwem "
                    "zwykle co sześć tygodni, aby wspólnie realizować plan.",
                    f"Pytania? Prosimy dzwonić pod numer {d.CP_REVIEW_PHONE}.",
                ),
            ),
        ),
        help_box=(
            f"Jeśli dziecko jest w bezpośrednim niebezpieczeństwie, prosimy dzwonić pod numer {d.EMERGENCY}.",
            f"Telefon zaufania NSPCC: {d.NSPCC_HELPLINE}.",
        ),
    ),
    DocumentSpec(
        key=CARE_REVIEW,
        title="Your review: a guide for children and young people in care",
        kind="leaflet",
        summary=(
            "For children and young people in care: what a review meeting is, who chairs it, and how to make sure "
            "your wishes shape your plan."
        ),
        audiences=(d.YOUNG_PEOPLE,),
        review_due=MonthDay(7, 1),
        heading="Your review",
        subheading="A guide for children and young people in care",
        sections=(
            Section(
                "What is a review?",
                (
                    "While you are in care, the people who look after you meet regularly to check that your plan is "
                    "working and to think about your future. This meeting is called a review. It is your meeting.",
                    "Your first review happens within your first month in care. After that, reviews happen every "
                    "few months.",
                ),
            ),
            Section(
                "Who runs it?",
                (
                    "An Independent Reviewing Officer (IRO) chairs your review. Their job is to make sure your plan "
                    "meets your needs and that your views are heard. They should talk to you before each review.",
                ),
            ),
            Section(
                "How can I take part?",
                (),
                (
                    "choose who comes, with your IRO's help",
                    "choose where it happens, if that is possible",
                    "run part of the meeting yourself",
                    "ask an advocate to help you say what you think",
                    "send your views in writing, in a drawing or in a recording",
                ),
            ),
        ),
        help_box=_GET_HELP_NOW,
    ),
    DocumentSpec(
        key=CORE_GROUP,
        title="What happens at a core group meeting",
        kind="leaflet",
        summary=(
            "For families with a child protection plan, and for young people: what the core group does, how often "
            "it meets and what is expected of everyone in it."
        ),
        audiences=(d.PARENTS, d.YOUNG_PEOPLE),
        review_due=MonthDay(8, 1),
        heading="What happens at a core group meeting",
        subheading="For families and young people",
        sections=(
            Section(
                "What is the core group?",
                (
                    "If a child protection conference agrees that a child needs a child protection plan, it "
                    "also names a small group of people to make the plan work. This is the core group: the family, "
                    "the lead social worker and the professionals who know the child best.",
                ),
            ),
            Section(
                "How often does it meet?",
                (
                    "Usually every six weeks. At each meeting the group checks what has been done, what has "
                    "changed, and whether the plan needs to be adjusted.",
                ),
            ),
            Section(
                "What is expected of everyone?",
                (),
                (
                    "no one in the group is in charge of the others: the plan belongs to all of you",
                    "if the usual chair is away, any member can lead the meeting",
                    "if you can't come, send someone else, and your news either way",
                    "if meetings stop or actions stall, anyone can and should raise it",
                ),
            ),
        ),
        help_box=(f"If a child is in immediate danger, call {d.EMERGENCY}.", f"Childline: {d.CHILDLINE_PHONE}."),
    ),
    DocumentSpec(
        key=LOCATION_PROVIDERS,
        title="Location risk assessments: information for care providers",
        kind="leaflet",
        summary=(
            "For children's homes and supported accommodation: why the area around a home matters, what a "
            "location risk assessment covers and how to ask the partnership for one."
        ),
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(10, 1),
        heading="Location risk assessments",
        subheading="Information for children's homes and supported accommodation",
        sections=(
            Section(
                "Why the area matters",
                (
                    "A young person's safety depends on more than the home itself: the streets, parks, shops and "
                    "transport nearby, and the people who spend time there, all shape the risks they face. "
                    "Providers must assess the location of each home and review it regularly, at least once a year, "
                    "taking into account the views of the young people who live there.",
                ),
            ),
            Section(
                "What an assessment looks at",
                (),
                (
                    "places nearby where young people may be exploited or drawn into crime",
                    "how far the home is from school, health services and family",
                    "public transport, and routes young people will use after dark",
                    "what local agencies know about the area, shared safely through the partnership",
                ),
            ),
            Section(
                "How to ask for one",
                (
                    "Do your own research first, then send the request form to the location risk assessment team. "
                    "Tell us the address, the type of home and the ages of the young people it will care for. Never "
                    "include a young person's name.",
                    f"Email {d.LOCATION_EMAIL} or call {d.LOCATION_PHONE}.",
                ),
            ),
        ),
        help_box=(f"If a young person is in immediate danger, call {d.EMERGENCY}.", f"MASH: {d.MASH_PHONE}."),
    ),
    DocumentSpec(
        key=CSA_ROUTE,
        title="Child sexual abuse: referral route (printable summary)",
        kind="guidance",
        summary=(
            "A one-page summary of the referral route for suspected or disclosed child sexual abuse, for staff "
            "rooms and duty desks."
        ),
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(6, 1),
        heading="Child sexual abuse: referral route",
        subheading="A summary for practitioners",
        sections=(
            Section(
                "Always",
                (f"Refer to the MASH on {d.MASH_PHONE}. If a child is in immediate danger, call {d.EMERGENCY}.",),
            ),
            Section(
                "Age",
                (),
                (
                    "Under 13: the police must be told.",
                    "13 or over: encourage the young person to agree to a police referral.",
                ),
            ),
            Section(
                "Timing",
                (),
                (
                    f"Within the last 7 days: call {d.SARC_SHORT}, the sexual assault referral centre, on "
                    f"{d.SARC_PHONE} and liaise with the police.",
                    f"7 days ago or more: refer to the {d.CSA_HUB_NAME}. If unsure, ask the Haven for advice.",
                ),
            ),
            Section(
                "If a young person aged 13 or over says no",
                (
                    "Explain the options still open to them, including the emergency department for injuries that "
                    "need urgent care, and a referral to the child sexual abuse hub.",
                ),
            ),
        ),
        help_box=(f"Childline: {d.CHILDLINE_PHONE}.", f"NSPCC helpline: {d.NSPCC_HELPLINE}."),
    ),
    DocumentSpec(
        key=LOCATION_FORM,
        title="Location risk assessment request form",
        kind="form",
        summary=(
            "The form care providers send to ask for a location risk assessment, until the online request form "
            "is available."
        ),
        audiences=(d.PRACTITIONERS,),
        review_due=MonthDay(5, 1),
        heading="Location risk assessment request",
        subheading="Send the completed form to the location risk assessment team",
        sections=(
            Section(
                "Part 1: your service",
                (),
                (
                    "Name of the provider and of the home",
                    "Type of home: children's home, supported accommodation or semi-independent unit",
                    "Registered manager's name, email and phone number",
                ),
            ),
            Section(
                "Part 2: the address",
                (),
                ("Full address and postcode", "Date the home opens, or opened"),
            ),
            Section(
                "Part 3: the young people (no names)",
                (),
                ("Number of places", "Age range", "Any needs that affect how safe the area is for them"),
            ),
            Section(
                "Part 4: your own research",
                (
                    "Tell us what you have already found out about the area and how you learned it, including the "
                    "views of any young people already living there.",
                ),
            ),
        ),
        help_box=(f"Email {d.LOCATION_EMAIL}", f"Phone {d.LOCATION_PHONE}"),
    ),
)
