"""The demo borough's names, numbers and addresses, in one place.

Eastbrook is fictional. Local numbers are in Ofcom's range reserved for drama (01632 960xxx) and
addresses use the reserved ``.example`` domain, so nothing here reaches a real person. Only the
national services are real: 999, 101, Childline and the NSPCC helpline.
"""

from __future__ import annotations

BOROUGH = "Eastbrook"
PARTNERSHIP = "Eastbrook Safeguarding Children Partnership"
PARTNERSHIP_SHORT = "the partnership"

# National services (real numbers).
EMERGENCY = "999"
POLICE_NON_EMERGENCY = "101"
CHILDLINE_PHONE = "0800 1111"
CHILDLINE_URL = "https://www.childline.org.uk/"
NSPCC_HELPLINE = "0808 800 5000"

# Local services (fictional numbers and addresses).
MASH_NAME = "Multi-Agency Safeguarding Hub (MASH)"
MASH_PHONE = "01632 960 200"
MASH_EMAIL = "mash@eastbrook.example"
MASH_HOURS = "Monday to Thursday 9am to 5pm, Friday 9am to 4.30pm"
OUT_OF_HOURS_NAME = "Emergency Duty Team"
OUT_OF_HOURS_PHONE = "01632 960 999"
OUT_OF_HOURS_TEXT = f"{OUT_OF_HOURS_NAME}: {OUT_OF_HOURS_PHONE} (evenings, weekends and bank holidays)"

PARTNERSHIP_PHONE = "01632 960 100"
PARTNERSHIP_EMAIL = "partnership@eastbrookscp.example"
BRIEFINGS_EMAIL = "briefings@eastbrookscp.example"
PARTNERSHIP_ADDRESS = "Eastbrook Safeguarding Children Partnership\nCivic Centre, Market Square\nEastbrook EB1 1AA"

CP_REVIEW_PHONE = "01632 960 210"
CP_REVIEW_EMAIL = "cp.review@eastbrook.example"
CONFERENCE_REPORTS_EMAIL = "conference.reports@eastbrook.example"
IRO_PHONE = "01632 960 215"
IRO_EMAIL = "iro.service@eastbrook.example"
LADO_PHONE = "01632 960 230"
LADO_EMAIL = "lado@eastbrook.example"
EDUCATION_PHONE = "01632 960 240"
EDUCATION_EMAIL = "education.safeguarding@eastbrook.example"
ADOLESCENT_PHONE = "01632 960 250"
ADOLESCENT_EMAIL = "adolescent.safeguarding@eastbrook.example"
LOCATION_PHONE = "01632 960 260"
LOCATION_EMAIL = "location.requests@eastbrook.example"

SARC_NAME = "The Haven sexual assault referral centre"
SARC_SHORT = "the Haven"
SARC_PHONE = "01632 960 600"
CSA_HUB_NAME = "Eastbrook Child Sexual Abuse Hub"
CSA_HUB_PHONE = "01632 960 610"
CSA_HUB_EMAIL = "csa.hub@eastbrook-health.example"

CONFERENCE_VENUE = "Conference suite, Eastbrook Civic Centre, Market Square, Eastbrook EB1 1AA"

# Videos made by other partnerships, linked (never embedded) from the guidance pages.
CONFERENCE_FILM_URL = "https://www.youtube.com/watch?v=Q1Lgh2n11Gk"
CONFERENCE_FILM_PUBLISHER = "East Cheshire Safeguarding Children Partnership"
CORE_GROUP_FILM_URL = "https://www.youtube.com/watch?v=hZmAusUzvQE"
CORE_GROUP_FILM_PUBLISHER = "Waltham Forest Safeguarding Children Partnership"

# Audience slugs (see portal.home.models.Audience).
PRACTITIONERS = "practitioners"
PARENTS = "parents-and-carers"
YOUNG_PEOPLE = "children-and-young-people"
