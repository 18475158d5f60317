"""The demo glossary: words professionals use, explained for young people and for practitioners.

Each term has a short definition an 11-year-old can follow and a fuller one for practitioners.
Terms are linked wherever they first appear in guidance, toolkit and Youth Hub pages, so everyday
words that would be linked everywhere (such as "review") have ``link_in_pages=False``.
"""

from __future__ import annotations

from . import guidance as g
from .specs import link, p
from .toolkit_specs import GlossaryTermSpec


def _guidance(spec: g.GuidancePageSpec) -> str:
    return f"{g.INDEX_SLUG}/{spec.slug}"


CONFERENCES = _guidance(g.CONFERENCES)
CORE_GROUPS = _guidance(g.CORE_GROUPS)
CARE_REVIEWS = _guidance(g.CARE_REVIEWS)
INFO_SHARING = _guidance(g.INFO_SHARING)
THRESHOLDS = _guidance(g.THRESHOLDS_PAGE)
SEXUAL_ABUSE = _guidance(g.SEXUAL_ABUSE_PAGE)
ALLEGATIONS = _guidance(g.ALLEGATIONS_PAGE)
SCHOOLS = _guidance(g.SCHOOLS_PAGE)
ONLINE = _guidance(g.ONLINE_PAGE)
EXPLOITATION = _guidance(g.EXPLOITATION_PAGE)
VOICE = _guidance(g.VOICE_PAGE)
WORRIED = "worried-about-a-child"
YOUR_RIGHTS = "youth-hub/your-rights"
SOCIAL_WORKER_PAGE = "youth-hub/when-a-social-worker-gets-involved"
GET_HELP = "youth-hub/get-help"

TERMS: tuple[GlossaryTermSpec, ...] = (
    GlossaryTermSpec(
        slug="advocate",
        term="Advocate",
        aliases=("advocacy",),
        plain=(
            "Someone who is on your side. An advocate helps you work out what you want to say and makes sure "
            "adults hear it at meetings, or says it for you if you would rather."
        ),
        practitioner=p(
            "An independent person who helps a child or young person express their wishes and feelings and "
            "have them taken into account. Children in care, care leavers and children who are the subject of "
            "child protection conferences can ask for one; children in care must be told how to get one.",
            "An advocate represents what the child wants, not what professionals think is best for them.",
        ),
        related=("independent-reviewing-officer", "child-in-care", "voice-of-the-child"),
        see_also=(YOUR_RIGHTS,),
    ),
    GlossaryTermSpec(
        slug="care-leaver",
        term="Care leaver",
        aliases=("care leavers", "care experienced", "care-experienced"),
        plain=(
            "A young person aged 16 to 25 who has spent time in care. The council still has to help them, "
            "for example with a home, money, education and work."
        ),
        practitioner=p(
            "A young person who was looked after for at least 13 weeks after the age of 14, including some time "
            "after their 16th birthday (an eligible, relevant or former relevant child under the Children Act "
            "1989). The local authority must keep in touch, provide a personal adviser up to age 25 and keep a "
            "pathway plan under review.",
        ),
        related=("corporate-parent", "pathway-plan", "personal-adviser", "child-in-care"),
    ),
    GlossaryTermSpec(
        slug="camhs",
        term="CAMHS",
        aliases=("child and adolescent mental health services", "children and young people's mental health services"),
        plain=(
            "NHS teams who help children and young people with their feelings and mental health, when things are "
            "too hard to manage with help from school or your doctor alone."
        ),
        practitioner=p(
            "Child and adolescent mental health services: specialist NHS services for children and young people "
            "with moderate to severe mental health difficulties. Referrals usually come through a GP, school "
            "nurse or other professional; many areas also have early support teams in schools and an online "
            "offer for lower-level needs. In a crisis, use the local urgent mental health line or A&amp;E.",
        ),
    ),
    GlossaryTermSpec(
        slug="care-order",
        term="Care order",
        aliases=("care proceedings", "interim care order"),
        plain=(
            "A decision made by a family court that the council should share responsibility for looking after a "
            "child, because the child is not safe at home."
        ),
        practitioner=p(
            "An order under section 31 of the Children Act 1989. The court must be satisfied that the child is "
            "suffering, or is likely to suffer, significant harm because of the care they are receiving, or that "
            "they are beyond parental control. The local authority then shares parental responsibility with the "
            "parents. Proceedings should normally finish within 26 weeks.",
        ),
        related=("public-law-outline", "child-in-care", "significant-harm"),
    ),
    GlossaryTermSpec(
        slug="child-and-family-assessment",
        term="Child and family assessment",
        aliases=("single assessment", "social work assessment"),
        plain=(
            "When a social worker gets to know you and your family, finds out what is going well and what is "
            "hard, and works out what help you need."
        ),
        practitioner=p(
            "The social work assessment of a child's needs, their parents' capacity to meet them and the wider "
            "family and community, carried out under section 17 or section 47 of the Children Act 1989. Working "
            "Together to Safeguard Children 2023 sets a maximum of 45 working days from the referral; many are "
            "quicker. The child should be seen, and seen alone where appropriate.",
        ),
        related=("child-in-need", "section-47-enquiry", "social-worker"),
    ),
    GlossaryTermSpec(
        slug="child-criminal-exploitation",
        term="Child criminal exploitation",
        aliases=("CCE", "criminal exploitation"),
        plain=(
            "When someone uses a child or young person to commit crimes for them, like carrying drugs or money, "
            "often with gifts, threats or pretending to be a friend. It is never the young person's fault."
        ),
        practitioner=p(
            "A form of abuse in which a person or group uses an imbalance of power to coerce, control, manipulate "
            "or deceive a child into criminal activity, sometimes in return for something the child needs or "
            "wants. It can happen even when the activity seems consensual, and it can be carried out through "
            "technology. Treat the child as a victim first.",
        ),
        related=("county-lines", "grooming", "contextual-safeguarding", "child-sexual-exploitation"),
        see_also=(EXPLOITATION,),
    ),
    GlossaryTermSpec(
        slug="child-in-care",
        term="Child in care",
        aliases=("children in care", "looked-after child", "looked after child", "looked-after children", "LAC", "CLA"),
        plain=(
            "A child who is looked after by the council, for example living with foster carers, with relatives "
            "or in a children's home, instead of with their parents."
        ),
        practitioner=p(
            "A looked-after child under section 22 of the Children Act 1989: a child subject to a care order, or "
            "accommodated by the local authority for more than 24 hours (for example under section 20, with "
            "parental agreement). Each has a care plan, a social worker and an independent reviewing officer. "
            "Many young people prefer 'child in care' to 'LAC'; ask them.",
        ),
        related=("corporate-parent", "independent-reviewing-officer", "foster-carer", "care-leaver"),
        see_also=(CARE_REVIEWS,),
    ),
    GlossaryTermSpec(
        slug="child-in-need",
        term="Child in need",
        aliases=("children in need", "CIN", "child in need plan"),
        plain=(
            "A child who needs extra help from the council to be healthy and do well, for example because of a "
            "disability or because things are hard at home."
        ),
        practitioner=p(
            "A child who is unlikely to reach or keep a reasonable standard of health or development without "
            "services, or whose health or development will be significantly impaired without them, or who is "
            "disabled (section 17, Children Act 1989). Support is set out in a child in need plan, agreed with "
            "the family and reviewed regularly.",
        ),
        related=("section-17", "early-help", "thresholds-of-need"),
        see_also=(THRESHOLDS,),
    ),
    GlossaryTermSpec(
        slug="child-protection-conference",
        term="Child protection conference",
        aliases=("child protection conferences", "initial child protection conference", "ICPC", "review conference"),
        plain=(
            "A meeting where your family and the adults who know you talk about worries that you might be "
            "harmed and decide whether you need a plan to keep you safe. Your views count, even if you do not go."
        ),
        practitioner=p(
            "A multi-agency meeting, led by an independent chair, held after section 47 enquiries when concerns "
            "about significant harm are substantiated. The initial conference should take place within 15 working "
            "days of the strategy discussion; it decides whether the child needs a child protection plan. Review "
            "conferences follow within three months and then at least every six months.",
        ),
        related=("child-protection-plan", "core-group", "section-47-enquiry"),
        see_also=(CONFERENCES, SOCIAL_WORKER_PAGE),
    ),
    GlossaryTermSpec(
        slug="child-protection-plan",
        term="Child protection plan",
        aliases=("CP plan", "child protection plans", "protection plan"),
        plain=(
            "A written plan that says what everyone, including your family, will do to keep you safe, and how "
            "they will know it is working."
        ),
        practitioner=p(
            "The plan agreed at a child protection conference, under a category of abuse or neglect. It sets out "
            "what must change, who does what and by when, and how progress will be measured. The core group "
            "puts it into practice; it ends when a review conference decides the child is no longer at risk of "
            "significant harm.",
        ),
        related=("child-protection-conference", "core-group", "significant-harm"),
        see_also=(CONFERENCES,),
    ),
    GlossaryTermSpec(
        slug="child-sexual-exploitation",
        term="Child sexual exploitation",
        aliases=("CSE", "sexual exploitation"),
        plain=(
            "When someone tricks, pressures or forces a young person into sexual activity, sometimes in "
            "exchange for things like gifts, money, alcohol, a place to stay or attention. It is abuse, and it "
            "is never the young person's fault."
        ),
        practitioner=p(
            "A form of child sexual abuse in which a person or group uses an imbalance of power to coerce, "
            "manipulate or deceive a child into sexual activity in exchange for something the child needs or "
            "wants, or for the abuser's gain or status. It can happen when the activity appears consensual and "
            "without physical contact, including online.",
        ),
        related=("grooming", "child-criminal-exploitation", "consent"),
        see_also=(EXPLOITATION, SEXUAL_ABUSE),
    ),
    GlossaryTermSpec(
        slug="confidentiality",
        term="Confidentiality",
        aliases=("confidential",),
        plain=(
            "Keeping what you say private. Most of the time, what you tell a worker stays private, but if they "
            "think you or someone else might be harmed, they will need to tell someone who can help. They "
            "should tell you first."
        ),
        practitioner=p(
            "The duty to keep personal information private unless there is a lawful reason to share it. Never "
            "promise a child that you will keep a secret: explain what you will do with what they tell you. "
            "Protecting a child from harm is a lawful reason to share, with or without consent.",
        ),
        related=("consent", "information-sharing", "trusted-adult"),
        see_also=(INFO_SHARING,),
    ),
    GlossaryTermSpec(
        slug="consent",
        term="Consent",
        plain=(
            "Agreeing to something freely, knowing what it means, and being able to change your mind. Nobody can "
            "agree to sex under 16 in the law, and being pressured, scared or drunk means it is not real consent."
        ),
        practitioner=p(
            "Freely given, informed agreement. The age of consent to sexual activity is 16, and a child under 13 "
            "cannot consent in law (Sexual Offences Act 2003). For sharing information, consent is not usually "
            "the right basis when a child is at risk: do not seek it if doing so would put the child at greater "
            "risk or delay action.",
        ),
        related=("gillick-competence", "confidentiality", "child-sexual-exploitation"),
    ),
    GlossaryTermSpec(
        slug="contextual-safeguarding",
        term="Contextual safeguarding",
        aliases=("harm outside the home", "extra-familial harm"),
        plain=(
            "Keeping young people safe in places outside home, like parks, shops, school, transport and online, "
            "and with friends, not just inside their family."
        ),
        practitioner=p(
            "An approach to harm young people face outside the family: in peer groups, schools, neighbourhoods and "
            "online. It looks at changing those places and relationships (for example with the council, police, "
            "transport operators and businesses) rather than only at the child and their parents, who may have "
            "little control over these risks.",
        ),
        related=("child-criminal-exploitation", "child-sexual-exploitation", "county-lines"),
        see_also=(EXPLOITATION,),
    ),
    GlossaryTermSpec(
        slug="core-group",
        term="Core group",
        aliases=("core group meeting", "core groups"),
        plain=(
            "A small group of people, including your family and the workers who know you best, who meet often "
            "to make your child protection plan happen."
        ),
        practitioner=p(
            "The lead social worker, the parents, the child where appropriate, and the practitioners most "
            "involved with the family. The first meeting takes place within 10 working days of the initial child "
            "protection conference; the group then develops the outline plan into a detailed one and checks "
            "progress between conferences.",
        ),
        related=("child-protection-plan", "child-protection-conference"),
        see_also=(CORE_GROUPS,),
    ),
    GlossaryTermSpec(
        slug="corporate-parent",
        term="Corporate parent",
        aliases=("corporate parenting",),
        plain=(
            "When a child is in care, the whole council acts like a parent: it should want the same things for "
            "them that a good parent would."
        ),
        practitioner=p(
            "The collective responsibility of the local authority, its councillors and officers, and its "
            "partners for children in care and care leavers. The Children and Social Work Act 2017 sets out "
            "seven corporate parenting principles, including listening to the young person's views and helping "
            "them get the most from services.",
        ),
        related=("child-in-care", "care-leaver"),
    ),
    GlossaryTermSpec(
        slug="county-lines",
        term="County lines",
        plain=(
            "When gangs use young people to carry or sell drugs in other towns, often using a special phone "
            "line. Young people can be threatened, hurt or kept away from home."
        ),
        practitioner=p(
            "Criminal networks that move illegal drugs from one area to another, using dedicated phone lines to "
            "take orders. They commonly exploit children and vulnerable adults to carry and store drugs and "
            "money, using coercion, intimidation, violence and debt. Frequent missing episodes, unexplained money "
            "or phones and new older friends are warning signs.",
        ),
        related=("child-criminal-exploitation", "missing-episode", "contextual-safeguarding"),
        see_also=(EXPLOITATION,),
    ),
    GlossaryTermSpec(
        slug="designated-safeguarding-lead",
        term="Designated safeguarding lead",
        aliases=("DSL", "designated safeguarding leads", "safeguarding lead"),
        plain=(
            "The person at your school or college whose job is to help when someone is worried about a pupil's "
            "safety. You can ask to speak to them."
        ),
        practitioner=p(
            "A senior member of staff in a school, college or other setting who takes lead responsibility for "
            "safeguarding and child protection, as Keeping Children Safe in Education requires. They advise "
            "staff, make referrals, keep child protection records and work with other agencies; their training "
            "is refreshed at least every two years.",
        ),
        related=("trusted-adult", "referral"),
        see_also=(SCHOOLS,),
    ),
    GlossaryTermSpec(
        slug="domestic-abuse",
        term="Domestic abuse",
        aliases=("domestic violence",),
        plain=(
            "When someone in a family or relationship hurts, scares, controls or puts down another person. "
            "Children who see or hear it are affected too, and can get help."
        ),
        practitioner=p(
            "Abusive behaviour between people aged 16 or over who are personally connected: physical or sexual "
            "abuse, violent or threatening behaviour, controlling or coercive behaviour, economic, psychological "
            "or emotional abuse. Under the Domestic Abuse Act 2021, a child who sees, hears or experiences the "
            "effects of it is a victim in their own right.",
        ),
        related=("significant-harm", "neglect"),
    ),
    GlossaryTermSpec(
        slug="early-help",
        term="Early help",
        aliases=("early help assessment",),
        plain=(
            "Help for a family as soon as problems start, so they do not get worse. The family chooses whether to "
            "take part."
        ),
        practitioner=p(
            "Support for children and families at any age, as soon as needs emerge, below the threshold for "
            "statutory social work. It is voluntary and usually coordinated by a lead practitioner through an "
            "early help assessment and a family plan. In Eastbrook, ask the MASH for advice or see the "
            + link(f"page:{THRESHOLDS}", "thresholds of need")
            + ".",
        ),
        related=("thresholds-of-need", "child-in-need"),
        see_also=(THRESHOLDS,),
    ),
    GlossaryTermSpec(
        slug="education-health-and-care-plan",
        term="Education, health and care plan",
        aliases=("EHCP", "EHC plan"),
        plain=(
            "A plan for a child or young person up to 25 with special educational needs, saying what extra help "
            "they must get at school or college, and from health and care services."
        ),
        practitioner=p(
            "A legally binding plan under the Children and Families Act 2014 for a child or young person aged 0 to "
            "25 whose special educational needs cannot be met from the support a setting usually provides. It "
            "records the young person's views and aspirations, their needs, the outcomes sought and the provision "
            "to meet them, and is reviewed at least once a year.",
        ),
        related=("send",),
    ),
    GlossaryTermSpec(
        slug="foster-carer",
        term="Foster carer",
        aliases=("foster carers", "foster family", "fostering"),
        plain="Someone who looks after a child in care in their own home, as part of their family.",
        practitioner=p(
            "A person approved by a fostering service (the council or an independent agency) to care for looked-"
            "after children in their home. Foster carers are assessed, trained and supervised, and work with the "
            "child's social worker to carry out the care plan.",
        ),
        related=("child-in-care", "kinship-care"),
    ),
    GlossaryTermSpec(
        slug="gillick-competence",
        term="Gillick competence",
        aliases=("Gillick competent", "Fraser guidelines"),
        plain=(
            "The idea that a young person under 16 can make some decisions for themselves, like agreeing to "
            "medical treatment, if they understand them well enough."
        ),
        practitioner=p(
            "From the House of Lords' decision in Gillick v West Norfolk and Wisbech Area Health Authority (1985): "
            "a child under 16 can consent to their own treatment if they have enough understanding and "
            "intelligence to fully understand what is proposed. The Fraser guidelines apply this to contraception "
            "and sexual health advice. Competence is judged decision by decision.",
        ),
        related=("consent",),
    ),
    GlossaryTermSpec(
        slug="grooming",
        term="Grooming",
        plain=(
            "When someone builds a friendship or relationship with a young person to gain their trust, so they "
            "can abuse or use them. It can happen online or face to face, and can feel like a real friendship."
        ),
        practitioner=p(
            "Building a relationship, trust and emotional connection with a child, and sometimes their family, in "
            "order to manipulate, exploit or abuse them. Abusers may use gifts, attention, secrecy and isolation. "
            "Sexual communication with a child and arranging to meet a child after grooming are criminal "
            "offences.",
        ),
        related=("child-sexual-exploitation", "child-criminal-exploitation"),
        see_also=(ONLINE,),
    ),
    GlossaryTermSpec(
        slug="independent-reviewing-officer",
        term="Independent reviewing officer",
        aliases=("IRO", "independent reviewing officers"),
        plain=(
            "If you are in care, the person who runs your reviews and checks that the council is doing what it "
            "promised. They do not work for your social worker's team, and they want to hear what you think."
        ),
        practitioner=p(
            "A qualified social worker, independent of the child's case management, appointed for every child in "
            "care. The IRO chairs the child's reviews, monitors the care plan and can challenge the local "
            "authority, escalating to Cafcass if needed. Reviews take place within 20 working days of the child "
            "coming into care, then within three months, then at least every six months.",
        ),
        related=("child-in-care", "advocate"),
        see_also=(CARE_REVIEWS,),
    ),
    GlossaryTermSpec(
        slug="information-sharing",
        term="Information sharing",
        plain=(
            "When workers tell each other things about a child or family so they can help or keep someone safe. "
            "They should only share what is needed."
        ),
        practitioner=p(
            "Passing on information between practitioners and agencies to safeguard and promote a child's "
            "welfare. Data protection law allows sharing to keep a child safe; fears about sharing must not stand "
            "in the way. Share what is necessary, proportionate, relevant, accurate, timely and secure, and record "
            "your reasons.",
        ),
        related=("confidentiality", "consent"),
        see_also=(INFO_SHARING,),
    ),
    GlossaryTermSpec(
        slug="kinship-care",
        term="Kinship care",
        aliases=("kinship carer", "kinship carers", "family and friends care"),
        plain=(
            "When a child lives with a grandparent, aunt, uncle, older brother or sister, or a family friend "
            "because they cannot live with their parents."
        ),
        practitioner=p(
            "Care of a child by a relative or friend who is not their parent. It may be informal, a formal "
            "arrangement in which the carer is approved as a foster carer for that child, or secured by a child "
            "arrangements order or a special guardianship order. Kinship carers are entitled to information about "
            "the support available.",
        ),
        related=("foster-carer", "special-guardianship-order", "private-fostering"),
    ),
    GlossaryTermSpec(
        slug="lado",
        term="Local authority designated officer",
        aliases=("LADO", "designated officer"),
        plain=(
            "The person at the council who checks what happens when an adult who works with children might have "
            "hurt a child or behaved in a way that is not safe."
        ),
        practitioner=p(
            "The officer who manages allegations against people who work or volunteer with children: where they "
            "have harmed a child, may have committed an offence against a child, have behaved in a way that "
            "suggests they may pose a risk, or may be unsuitable to work with children. Refer to the LADO within "
            "one working day; do not investigate first.",
        ),
        related=("designated-safeguarding-lead",),
        see_also=(ALLEGATIONS,),
    ),
    GlossaryTermSpec(
        slug="missing-episode",
        term="Missing episode",
        aliases=("missing episodes", "missing from home", "missing from care"),
        plain=(
            "When a young person is away and nobody knows where they are. If it happens, the police and others "
            "will look for you to make sure you are safe, not to get you into trouble."
        ),
        practitioner=p(
            "A time when a child's whereabouts cannot be established. Every missing child should be reported to "
            "the police and offered a return home interview. Repeated episodes can signal exploitation, abuse or "
            "problems at home or in placement, and should lead to a review of the child's plan.",
        ),
        related=("return-home-interview", "county-lines", "child-criminal-exploitation"),
    ),
    GlossaryTermSpec(
        slug="mash",
        term="Multi-agency safeguarding hub",
        aliases=("MASH",),
        plain=(
            "The team people contact when they are worried about a child. Social workers, police and health "
            "workers there decide together what help is needed."
        ),
        practitioner=p(
            "Eastbrook's single front door for concerns about a child. Children's social care, police, health and "
            "education staff share what their agencies know and decide, usually within one working day, whether a "
            "child needs early help, a social work assessment or an urgent response.",
        ),
        related=("referral", "strategy-meeting"),
        see_also=(WORRIED,),
    ),
    GlossaryTermSpec(
        slug="neglect",
        term="Neglect",
        plain=(
            "When a child does not get the basic things they need again and again, like food, warm clothes, a "
            "safe home, medical care or love and attention."
        ),
        practitioner=p(
            "The persistent failure to meet a child's basic physical or psychological needs, likely to seriously "
            "impair their health or development. It can begin in pregnancy. Neglect is often cumulative: look at "
            "the child's lived experience over time, not single incidents, and use a structured tool to measure "
            "change.",
        ),
        related=("significant-harm", "child-protection-plan"),
    ),
    GlossaryTermSpec(
        slug="pathway-plan",
        term="Pathway plan",
        aliases=("pathway plans",),
        plain=(
            "A plan made with a young person in care from around 16, about moving on to adult life: where to "
            "live, money, learning, work and health."
        ),
        practitioner=p(
            "The plan, based on an assessment of need, that every eligible young person in care has from 16 and "
            "keeps as a care leaver. It covers accommodation, education, training or employment, finances, health "
            "and relationships, is written with the young person and is reviewed at least every six months.",
        ),
        related=("care-leaver", "personal-adviser"),
    ),
    GlossaryTermSpec(
        slug="personal-adviser",
        term="Personal adviser",
        aliases=("personal advisers",),
        plain=(
            "A worker who helps a care leaver with the plan for their future, and who they can go to for advice "
            "until they are 25."
        ),
        practitioner=p(
            "The person who supports a care leaver, coordinates their pathway plan and keeps in touch with them. "
            "Care leavers can have a personal adviser up to the age of 25, whether or not they are in education "
            "or training.",
        ),
        related=("care-leaver", "pathway-plan"),
    ),
    GlossaryTermSpec(
        slug="private-fostering",
        term="Private fostering",
        plain=(
            "When a child under 16 lives for 28 days or more with someone who is not a close relative, arranged by "
            "the family and not by the council. The council must be told so it can check all is well."
        ),
        practitioner=p(
            "An arrangement in which a child under 16 (under 18 if disabled) is cared for by someone who is not a "
            "parent or close relative for 28 days or more. Parents and carers must notify the local authority, "
            "which must assess the arrangement and visit the child. Professionals who learn of one should tell "
            "the MASH.",
        ),
        related=("kinship-care",),
    ),
    GlossaryTermSpec(
        slug="public-law-outline",
        term="Public Law Outline",
        aliases=("PLO", "pre-proceedings"),
        plain=(
            "The steps the council must follow before and during a family court case about a child. Parents are "
            "told what needs to change and can get free advice from a lawyer."
        ),
        practitioner=p(
            "The framework for care proceedings. In the pre-proceedings stage the local authority sends a letter "
            "before proceedings setting out its concerns and invites parents to a meeting, for which they can get "
            "free legal advice. If things do not change, proceedings follow, with a 26-week timetable.",
        ),
        related=("care-order",),
    ),
    GlossaryTermSpec(
        slug="referral",
        term="Referral",
        aliases=("referrals",),
        plain=(
            "When someone asks a service to help a child or family, for example a teacher contacting children's "
            "services because they are worried."
        ),
        practitioner=p(
            "A request to children's social care (through the MASH) or another service for help for a child. Say "
            "what you have seen or heard, what the child has said in their own words, what you have already done "
            "and whether the family knows. Follow up if you do not hear the outcome.",
        ),
        related=("mash", "thresholds-of-need"),
        see_also=(WORRIED,),
    ),
    GlossaryTermSpec(
        slug="return-home-interview",
        term="Return home interview",
        aliases=("return home interviews", "RHI", "return interview"),
        plain=(
            "A chat, after you have been missing, with someone who is not from the police, about why you went, "
            "what happened and what would help. You choose what to say."
        ),
        practitioner=p(
            "An independent conversation offered to every child who has been missing, normally within 72 hours of "
            "their return. It aims to understand why the child went missing, what happened while they were away "
            "and any risks, and to share that information so that plans can reduce the chance of it happening "
            "again.",
        ),
        related=("missing-episode",),
    ),
    GlossaryTermSpec(
        slug="review",
        term="Review",
        link_in_pages=False,
        plain="A meeting to check how a plan is going and what should happen next.",
        practitioner=p(
            "A planned meeting to check progress against a plan: for example a review child protection "
            "conference, a child in care review or a child in need review. The child's views should be sought "
            "before every review, and they should be told the outcome.",
        ),
        related=("child-protection-conference", "independent-reviewing-officer"),
    ),
    GlossaryTermSpec(
        slug="section-17",
        term="Section 17",
        aliases=("s17",),
        plain=(
            "The part of the law that says councils must help children in need and their families, for example "
            "with support or services."
        ),
        practitioner=p(
            "Section 17 of the Children Act 1989 places a general duty on local authorities to safeguard and "
            "promote the welfare of children in need in their area, and to promote their upbringing by their "
            "families, by providing a range of services.",
        ),
        related=("child-in-need",),
    ),
    GlossaryTermSpec(
        slug="section-47-enquiry",
        term="Section 47 enquiry",
        aliases=("section 47", "s47", "child protection enquiry", "section 47 enquiries"),
        plain=(
            "When a social worker, sometimes with the police, looks carefully into worries that a child has been "
            "or might be seriously harmed."
        ),
        practitioner=p(
            "Enquiries the local authority must make under section 47 of the Children Act 1989 when there is "
            "reasonable cause to suspect a child is suffering, or is likely to suffer, significant harm. They are "
            "agreed at a strategy discussion and carried out through a child and family assessment, with other "
            "agencies contributing what they know.",
        ),
        related=("strategy-meeting", "significant-harm", "child-protection-conference"),
    ),
    GlossaryTermSpec(
        slug="send",
        # "SEND" is in the name, not an alias: aliases are matched ignoring case, and the verb "send"
        # must not be linked.
        term="Special educational needs and disabilities (SEND)",
        aliases=("special educational needs", "special educational needs and disabilities"),
        plain=(
            "When a child or young person needs extra help to learn, for example because of a disability or "
            "because they find some things harder than others their age."
        ),
        practitioner=p(
            "A child or young person has special educational needs if they have a learning difficulty or "
            "disability that calls for special educational provision. The SEND Code of Practice covers ages 0 to "
            "25. Disabled children are more likely to be abused and less likely to be heard: adapt how you "
            "communicate.",
        ),
        related=("education-health-and-care-plan",),
    ),
    GlossaryTermSpec(
        slug="significant-harm",
        term="Significant harm",
        plain=(
            "Harm that is serious enough for the law to say the council must act, for example serious injury, "
            "abuse or neglect that badly affects a child's health or development."
        ),
        practitioner=p(
            "The threshold in the Children Act 1989 for compulsory intervention in family life. Harm includes "
            "ill-treatment and the impairment of health or development, including from seeing or hearing the "
            "ill-treatment of another. Whether it is significant depends on the child's health and development "
            "compared with what could reasonably be expected of a similar child.",
        ),
        related=("section-47-enquiry", "thresholds-of-need", "neglect"),
    ),
    GlossaryTermSpec(
        slug="social-worker",
        term="Social worker",
        aliases=("social workers",),
        plain=(
            "Someone whose job is to help keep children safe and support families through difficult times. They "
            "should listen to you and explain what is happening."
        ),
        practitioner=p(
            "A qualified professional registered with Social Work England. In children's services, social "
            "workers assess children's needs and risks, lead child in need, child protection and care plans and "
            "build relationships with children and their families.",
        ),
        related=("child-and-family-assessment", "child-in-need"),
        see_also=(SOCIAL_WORKER_PAGE,),
    ),
    GlossaryTermSpec(
        slug="special-guardianship-order",
        term="Special guardianship order",
        aliases=("SGO", "special guardian"),
        plain=(
            "A court decision that lets a relative or friend bring up a child until they are 18, making most of "
            "the everyday decisions a parent would."
        ),
        practitioner=p(
            "An order under section 14A of the Children Act 1989 appointing one or more people as a child's "
            "special guardian until the child is 18. Special guardians have parental responsibility which they can "
            "exercise to the exclusion of others, while the legal link to the birth parents remains.",
        ),
        related=("kinship-care",),
    ),
    GlossaryTermSpec(
        slug="strategy-meeting",
        term="Strategy meeting",
        aliases=("strategy discussion", "strategy meetings", "strategy discussions"),
        plain=(
            "A meeting or call where a social worker, the police and health workers quickly share what they know "
            "about a worry and decide what to do next."
        ),
        practitioner=p(
            "A discussion held whenever there is reasonable cause to suspect a child is suffering, or is likely to "
            "suffer, significant harm. Children's social care, the police, health and the referring agency share "
            "information, decide whether to start section 47 enquiries and agree immediate safety measures and "
            "what the family is told.",
        ),
        related=("section-47-enquiry", "mash"),
    ),
    GlossaryTermSpec(
        slug="thresholds-of-need",
        term="Thresholds of need",
        aliases=("threshold", "thresholds", "levels of need"),
        plain=(
            "A guide workers use to decide how much help a child or family needs, from a little extra support to "
            "urgent action to keep a child safe."
        ),
        practitioner=p(
            "The partnership's published criteria for the level of help a child needs, from universal services "
            "through early help to child in need and child protection. Use it to support, not replace, "
            "professional judgement, and talk to the MASH if unsure. See "
            + link(f"page:{THRESHOLDS}", "Eastbrook's thresholds of need")
            + ".",
        ),
        related=("early-help", "child-in-need", "significant-harm"),
        see_also=(THRESHOLDS,),
    ),
    GlossaryTermSpec(
        slug="trusted-adult",
        term="Trusted adult",
        aliases=("trusted adults", "an adult you trust"),
        plain=(
            "A grown-up you feel safe with and can talk to, like a family member, teacher, youth worker, coach or "
            "school nurse."
        ),
        practitioner=p(
            "An adult a child chooses to confide in. Children often tell the person they trust rather than the "
            "person with a safeguarding role, so every practitioner should know how to respond: listen, reassure, "
            "do not promise secrecy, record the child's words and pass the concern on.",
        ),
        related=("designated-safeguarding-lead", "confidentiality"),
        see_also=(GET_HELP,),
    ),
    GlossaryTermSpec(
        slug="uncrc",
        term="UN Convention on the Rights of the Child",
        aliases=("UNCRC", "United Nations Convention on the Rights of the Child"),
        plain=(
            "A promise made by almost every country in the world, including the UK, about the rights every child "
            "has, such as being safe, learning, playing and being listened to."
        ),
        practitioner=p(
            "The international treaty on children's rights, ratified by the UK in 1991. Article 12 gives every "
            "child capable of forming a view the right to express it freely in matters affecting them, with their "
            "views given due weight according to their age and maturity.",
        ),
        related=("voice-of-the-child", "advocate"),
        see_also=(YOUR_RIGHTS,),
    ),
    GlossaryTermSpec(
        slug="voice-of-the-child",
        term="Voice of the child",
        aliases=("child's voice", "wishes and feelings"),
        plain=(
            "What you think, feel and want, in your own words or ways. Adults should ask, listen, take it "
            "seriously and tell you what they did about it."
        ),
        practitioner=p(
            "The child's views, wishes, feelings and lived experience, gathered in ways that suit their age and "
            "communication, and recorded in their own words. Hearing it is a cycle: ask, listen, act and feed "
            "back.",
        ),
        related=("uncrc", "advocate"),
        see_also=(VOICE, "toolkit"),
    ),
    GlossaryTermSpec(
        slug="youth-justice-service",
        term="Youth justice service",
        aliases=("YJS", "YOS", "youth offending service", "youth offending team", "YOT"),
        plain=(
            "A team that works with young people aged 10 to 17 who have got into trouble with the police or "
            "courts, to help them make a fresh start and stay safe."
        ),
        practitioner=p(
            "The multi-agency team, set up under the Crime and Disorder Act 1998, that works with children aged "
            "10 to 17 in the youth justice system, including on out-of-court disposals and court orders. Many "
            "children it works with are also at risk of exploitation and harm, so it is a key safeguarding "
            "partner.",
        ),
        related=("child-criminal-exploitation", "contextual-safeguarding"),
    ),
)
