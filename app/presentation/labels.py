"""Translated names for the codes the app stores (kinds, levels, statuses, reasons, explanation parts)."""
from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "trainee_job": _l("Trainee job"),
    "apprenticeship": _l("Apprenticeship"),
    "internship": _l("Internship"),
    "introduction_job": _l("Introduction job"),
    "summer_job": _l("Summer job"),
    "job": _l("Job"),
    "vocational_programme": _l("Vocational programme"),
}

# Programme kinds as Swedish adult education names them (Opportunity.programme_kind).
PROGRAMME_KIND_LABELS = {
    "yrkesvux": _l("Yrkesvux – vocational adult education"),
    "larlingsvux": _l("Lärlingsvux – adult apprenticeship"),
    "yh": _l("YH – higher vocational education"),
    "sfi_yrke": _l("Vocational SFI / SFX – Swedish with a trade"),
    "folkhogskola": _l("Folkhögskola – folk high school course"),
}

# What an employer or school records about a candidate, each with what it means (app/employer/forms.py).
OUTCOME_CHOICES = [
    ("interview", _l("Interview")),
    ("placed", _l("Hired")),
    ("not_placed", _l("Not hired")),
]
OUTCOME_EXPLANATIONS = {
    "interview": _l("You have booked or held an interview. You can record the final outcome later."),
    "placed": _l("The person starts working or studying with you. The place counts as taken."),
    "not_placed": _l("You will not go further with this person. The caseworker helps them find something else."),
}

CLOSED_REASON_LABELS = {
    "by_organisation": _l("Closed by you"),
    "deadline_passed": _l("Closed: the last day to apply has passed"),
    "seats_filled": _l("Closed: all places are taken"),
}

OPPORTUNITY_STATUS_LABELS = {
    "draft": _l("Draft – not published"),
    "open": _l("Published"),
    "filled": _l("All places taken"),
    "closed": _l("Closed"),
}

LEVEL_LABELS = {
    "A1": _l("A1 – beginner"),
    "A2": _l("A2 – basic"),
    "B1": _l("B1 – intermediate"),
    "B2": _l("B2 – upper intermediate"),
    "C1": _l("C1 – advanced"),
    "C2": _l("C2 – fluent"),
    "native": _l("Native language"),
}

STATUS_LABELS = {
    "suggested": _l("Waiting for review"),
    "approved": _l("Approved – waiting for the jobseeker"),
    "rejected": _l("Rejected"),
    "introduced": _l("Introduced"),
    "declined": _l("Declined by the jobseeker"),
    "interview": _l("Interview"),
    "placed": _l("Hired"),
    "not_placed": _l("Not hired"),
    "followed_up_3m": _l("Hired – followed up after 3 months"),
    "followed_up_6m": _l("Hired – followed up after 6 months"),
}

# The same statuses as the jobseeker reads them: about "you", not "the jobseeker".
JOBSEEKER_STATUS_LABELS = {
    "approved": _l("Waiting for your answer"),
    "introduced": _l("You said yes"),
    "declined": _l("You said no"),
    "interview": _l("Interview"),
    "placed": _l("You got the place"),
    "not_placed": _l("You did not get the place this time"),
    "followed_up_3m": _l("You got the place"),
    "followed_up_6m": _l("You got the place"),
}

REASON_LABELS = {
    "skills": _l("Skills do not fit"),
    "language": _l("Language level does not fit"),
    "travel": _l("Too far to travel"),
    "timing": _l("Dates do not fit"),
    "not_wanted": _l("Not what the person wants"),
    "other": _l("Other reason"),
}

# Unpaid and informal experience the matcher read (matching/informal.py categories): to the person, then to staff.
INFORMAL_TO_PERSON = {
    "children": _l("You have cared for children."),
    "sick": _l("You have cared for someone who was sick or disabled."),
    "elderly": _l("You have cared for old people."),
    "cooking": _l("You have cooked for many people."),
    "cleaning": _l("You have cleaned a home."),
    "gardening": _l("You have kept a garden or grown food."),
    "clothes": _l("You have washed, sewn or mended clothes."),
    "fixing": _l("You have fixed and built things."),
    "vehicles": _l("You have repaired vehicles."),
    "community": _l("You have helped people in your community."),
    "sports_culture": _l("You have helped with sports, music or culture."),
    "office": _l("You have helped with papers and office work."),
}
INFORMAL_TO_STAFF = {
    "children": _l("caring for children"),
    "sick": _l("caring for someone sick or disabled"),
    "elderly": _l("caring for old people"),
    "cooking": _l("cooking for many"),
    "cleaning": _l("cleaning a home"),
    "gardening": _l("gardening or growing food"),
    "clothes": _l("washing, sewing or mending clothes"),
    "fixing": _l("fixing and building"),
    "vehicles": _l("repairing vehicles"),
    "community": _l("helping in the community"),
    "sports_culture": _l("helping with sports, music or culture"),
    "office": _l("helping with papers and office work"),
}

CHECK_LABELS = {
    "kind": _l("the kind of opportunity is one the person wants"),
    "distance": _l("the place is within the person's travel distance"),
    "licence": _l("the person has the driving licence needed"),
    "swedish": _l("the person's Swedish is at the level needed"),
    "start": _l("the start date fits when the person can start"),
    "age": _l("the person is within the programme's age limits"),
}

BLOCK_LABELS = {
    "text": _l("description and experience"),
    "occupation": _l("occupation"),
    "skills": _l("skills"),
    "language": _l("languages"),
    "education": _l("education"),
}

ROLE_LABELS = {
    "jobseeker": _l("Jobseeker"),
    "employer": _l("Employer"),
    "education_provider": _l("Education provider"),
    "caseworker": _l("Caseworker"),
    "admin": _l("Administrator"),
}

AUDIT_ACTION_LABELS = {
    "caseworker_queue": _l("Saw you in the list of suggestions to review"),
    "caseworker_view_profile": _l("Read your profile"),
    "caseworker_list": _l("Saw you in the list of people"),
    "caseworker_search": _l("Found you in a search"),
    "caseworker_export": _l("Exported a list with you in it"),
    "caseworker_set_protected_identity": _l("Changed the protected identity marker"),
    "employer_view_candidate": _l("Read your name and contact details after you agreed"),
    "caseworker_assign": _l("Became your caseworker"),
    "caseworker_edit_profile": _l("Changed your profile for you"),
    "caseworker_add_note": _l("Wrote a note about your case"),
    "profile_moved": _l("You moved: your case was handed over to your new municipality"),
    "caseworker_person_data": _l("Gave you a copy of your data"),
    "caseworker_erase": _l("Deleted everything about you"),
    "caseworker_unreachable": _l("Saw you in the list of people our messages do not reach"),
    "caseworker_profile_pdf": _l("Printed your profile"),
    "caseworker_recruitment_day": _l("Saw you on the list of a recruitment day"),
    "caseworker_late_answers": _l("Saw you in the list of late answers from employers"),
}

# A hard constraint a place the person found themself does not meet (app/services/places.py), said to them.
UNMET_LABELS = {
    "licence": _l("a driving licence"),
    "swedish": _l("a higher level of Swedish"),
    "start": _l("an earlier start"),
    "age": _l("a different age"),
    "seats": _l("a free seat"),
}

# SUN 2020 top levels (the one-digit code of the education_level concepts), in order of level, in plain words.
EDUCATION_LEVEL_LABELS = {
    "0": _l("No school, or preschool only"),
    "1": _l("School, less than 9 years"),
    "2": _l("Compulsory school, 9 or 10 years"),
    "3": _l("Upper secondary school (gymnasium)"),
    "4": _l("Studies after upper secondary school, less than 2 years"),
    "5": _l("University, college or vocational college, 2 years or more"),
    "6": _l("Doctorate (PhD)"),
}

# The kinds of place, explained in plain words on the jobseeker's suggestion cards.
KIND_EXPLAINED = {
    "trainee_job": _l("A paid job where you learn the work on the job, with support."),
    "apprenticeship": _l("You work and learn a trade from an experienced colleague, usually with pay."),
    "internship": _l("You try the work for a while to learn it and show what you can do. Usually without pay."),
    "introduction_job": _l("A paid job with support for people who are new in Sweden."),
    "summer_job": _l("A paid job during the summer."),
    "job": _l("A paid job."),
    "vocational_programme": _l("A course that teaches you a job. It is free."),
}


UNKNOWN_EMPLOYER = "Okänd arbetsgivare"  # the name the ad import stores when an ad names no employer


def employer_name(name: str) -> str:
    """An organisation's name as stored, except the ad import's placeholder, which is shown translated."""
    return str(_l("Employer not named in the ad")) if name == UNKNOWN_EMPLOYER else name
# An organisation's vetting state (Organisation.vetting_state) and its decisions (OrganisationEvent.action).
VETTING_LABELS = {
    "waiting": _l("Waiting for approval"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "suspended": _l("Suspended"),
    "reinstated": _l("Suspension lifted"),
}

# The dashboard's outcome columns (app/services/dashboard.py OUTCOMES): full names, and the short headers a
# 320 px table shows (the full name stays for screen readers).
OUTCOME_GROUP_LABELS = {
    "waiting": _l("Waiting for review"), "approved": _l("Approved, waiting for the person"),
    "rejected": _l("Rejected"), "declined": _l("Declined by the person"),
    "in_progress": _l("Introduced or interview"), "placed": _l("Placed"), "not_placed": _l("Not placed"),
}
OUTCOME_GROUP_SHORT = {
    "waiting": _l("Waiting"), "approved": _l("Appr."), "rejected": _l("Rej."), "declined": _l("Decl."),
    "in_progress": _l("Intro."), "placed": _l("Placed"), "not_placed": _l("Not pl."),
}
