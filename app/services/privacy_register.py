"""The register of personal data (GDPR art. 30): every personal field, why it is kept, on what basis,
who sees it and for how long.

tests/app/test_privacy_register.py walks the models: a column of a listed table that is neither in
REGISTER nor in NOT_PERSONAL fails the suite, so a new field cannot arrive without a reason.
Administrators see the whole register; jobseekers see the short GROUPS version in plain language.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# Tables that hold data about people; every column of these must be accounted for.
REGISTERED_TABLES = ("user", "jobseeker_profile", "consent", "audit_event", "match", "match_event", "case_note",
                     "form_draft", "notification", "notification_settings", "concept_correction", "satisfaction_answer")

# Lawful bases (GDPR art. 6(1)); a municipality cannot rely on legitimate interests for its public task.
PUBLIC_TASK = _l("Public task (art. 6.1 e): the municipality's labour market support")
CONSENT = _l("Consent (art. 6.1 a): the person said yes and can withdraw")
SECURITY = _l("Public task and security of processing (art. 6.1 e, art. 32)")

# Who can see a field.
SEEKER_AND_CASEWORKER = _l("The person and caseworkers in their municipality")
SEEKER_CASEWORKER_EMPLOYER = _l("The person, caseworkers in their municipality, and an employer only after the person "
                                "agreed to be introduced (never with protected identity)")
SEEKER_AND_STAFF = _l("The person, caseworkers and administrators")
STAFF_ONLY = _l("Caseworkers and administrators")
ADMINS = _l("Administrators, and the person themself")
NOBODY = _l("Nobody: used by the system only")
CODED_TO_EMPLOYER = _l("The person, caseworkers, and approved employers as coded facts without name")

# How long.
WHILE_ACTIVE = _l("While the account is used; hidden after the municipality's inactivity limit "
                  "(default 365 days) and deleted after a further period (default 180 days), or at once "
                  "when the person deletes the account")
WITH_THE_ACCOUNT = _l("As long as the account exists; deleted with it")
AUDIT_RETENTION = _l("Kept for staff accountability; when the person is deleted the event no longer points to them")
SURVEY_RETENTION = _l("Until the person is deleted; then the score stays in the statistics, without the link to the "
                      "case and without the comment")


@dataclass(frozen=True)
class PersonalField:
    table: str
    column: str
    group: str  # key of GROUPS: the plain-language heading a jobseeker sees it under
    purpose: object
    legal_basis: object
    visible_to: object
    retention: object

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"


def _f(table, column, group, purpose, legal_basis=PUBLIC_TASK, visible_to=SEEKER_AND_CASEWORKER,
       retention=WHILE_ACTIVE) -> PersonalField:
    return PersonalField(table, column, group, purpose, legal_basis, visible_to, retention)


REGISTER = [
    # Accounts (jobseekers, employer contacts and staff).
    _f("user", "email", "account", _l("Logging in and messages about the account"), visible_to=SEEKER_CASEWORKER_EMPLOYER),
    _f("user", "password_hash", "account", _l("Checking the password (only a one-way hash is kept)"), SECURITY, NOBODY,
       WITH_THE_ACCOUNT),
    _f("user", "role", "account", _l("Deciding what the account may see and do"), SECURITY, ADMINS, WITH_THE_ACCOUNT),
    _f("user", "locale", "account", _l("Showing the service in the language the person chose; never used for matching"),
       visible_to=ADMINS, retention=WITH_THE_ACCOUNT),
    _f("user", "full_name", "account", _l("Addressing the person"), visible_to=SEEKER_AND_STAFF, retention=WITH_THE_ACCOUNT),
    _f("user", "phone", "account", _l("Reaching employer and school contacts"), visible_to=SEEKER_AND_STAFF,
       retention=WITH_THE_ACCOUNT),
    _f("user", "municipality_code", "account", _l("The municipality a caseworker works for (limits what they see)"),
       SECURITY, ADMINS, WITH_THE_ACCOUNT),
    _f("user", "organisation_id", "account", _l("The organisation an employer contact belongs to"), SECURITY, ADMINS,
       WITH_THE_ACCOUNT),
    _f("user", "created_at", "account", _l("Knowing how old an account is"), SECURITY, ADMINS, WITH_THE_ACCOUNT),
    _f("user", "totp_secret", "account", _l("The second login factor"), SECURITY, NOBODY, WITH_THE_ACCOUNT),
    _f("user", "totp_last_step", "account", _l("The second login factor"), SECURITY, NOBODY, WITH_THE_ACCOUNT),
    _f("user", "last_login_at", "account", _l("Security follow-up of logins"), SECURITY, ADMINS, WITH_THE_ACCOUNT),
    _f("user", "deactivated_at", "account", _l("Whether a staff account is switched off (it cannot log in)"), SECURITY,
       ADMINS, WITH_THE_ACCOUNT),
    # The profile.
    _f("jobseeker_profile", "user_id", "profile", _l("Linking the profile to the person's account")),
    _f("jobseeker_profile", "full_name", "profile", _l("Knowing who the person is"), visible_to=SEEKER_CASEWORKER_EMPLOYER),
    _f("jobseeker_profile", "name_own_script", "profile",
       _l("Addressing the person in their own script; never shown to employers")),
    _f("jobseeker_profile", "phone", "profile", _l("Reaching the person (hidden with protected identity)"),
       visible_to=SEEKER_CASEWORKER_EMPLOYER),
    _f("jobseeker_profile", "birth_year", "profile",
       _l("Age limits of programmes, and extra care for people under 18; never shown to employers")),
    _f("jobseeker_profile", "municipality_code", "profile", _l("Which municipality supports the person, and distances")),
    _f("jobseeker_profile", "travel_km", "profile", _l("Suggesting places the person can reach")),
    _f("jobseeker_profile", "swedish_level", "profile", _l("Matching language requirements"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "languages", "profile", _l("Matching language requirements"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "education_level", "profile", _l("Matching education requirements")),
    _f("jobseeker_profile", "experience", "profile", _l("Matching on work done before"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "skills", "profile", _l("Matching on skills"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "wanted_occupations", "profile", _l("Matching on the jobs the person wants"),
       visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "own_occupations", "profile",
       _l("Jobs the person wants, in their own words, when the list has no name for them"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "own_skills", "profile",
       _l("Skills in the person's own words, when the list has no name for them"), visible_to=CODED_TO_EMPLOYER),
    _f("jobseeker_profile", "driving_licences", "profile", _l("Matching jobs that need a driving licence")),
    _f("jobseeker_profile", "wanted_kinds", "profile", _l("Matching the kind of opportunity the person wants")),
    _f("jobseeker_profile", "available_from", "profile", _l("Matching start dates")),
    _f("jobseeker_profile", "about", "profile", _l("The person's own words, read by the caseworker; never shown to employers")),
    _f("jobseeker_profile", "status", "profile", _l("Whether the person is looking, paused or placed")),
    _f("jobseeker_profile", "caseworker_id", "profile", _l("Who the person's caseworker is")),
    _f("jobseeker_profile", "protected_identity", "protection",
       _l("Protected identity: hides contact details from everyone but the assigned caseworker"), visible_to=STAFF_ONLY),
    _f("jobseeker_profile", "last_active_at", "profile", _l("Retention: when the person last used the service"),
       SECURITY, SEEKER_AND_STAFF),
    _f("jobseeker_profile", "hidden_at", "profile", _l("Retention: when an inactive profile was hidden"), SECURITY,
       SEEKER_AND_STAFF),
    _f("jobseeker_profile", "created_at", "profile", _l("Knowing when the profile was made")),
    _f("jobseeker_profile", "updated_at", "profile", _l("Knowing when the profile last changed")),
    # Suggestions and their history.
    _f("match", "profile_id", "matches", _l("Linking a suggestion to the person")),
    _f("match", "opportunity_id", "matches", _l("Which opportunity was suggested")),
    _f("match", "score", "matches", _l("How well the opportunity fits, for the caseworker's review"), visible_to=STAFF_ONLY),
    _f("match", "explanation", "matches", _l("Why the opportunity was suggested")),
    _f("match", "status", "matches", _l("Where the case stands"), visible_to=SEEKER_CASEWORKER_EMPLOYER),
    _f("match", "reason_code", "matches", _l("Why a suggestion was turned down")),
    _f("match", "created_at", "matches", _l("When the suggestion was made")),
    _f("match", "updated_at", "matches", _l("When the case last moved")),
    _f("match", "requested_by_person", "matches", _l("Whether the person asked for the place themself")),
    _f("match", "review_municipality_code", "matches",
       _l("Which municipality reviews a place the person asked for (the one that owns it)"), visible_to=STAFF_ONLY),
    _f("match_event", "match_id", "matches", _l("Linking a step of a case to the case")),
    _f("match_event", "from_status", "matches", _l("The history of a case")),
    _f("match_event", "to_status", "matches", _l("The history of a case")),
    _f("match_event", "actor_id", "matches", _l("Who moved the case (accountability)"), SECURITY, STAFF_ONLY),
    _f("match_event", "reason_code", "matches", _l("Why the case moved")),
    _f("match_event", "note", "matches", _l("The caseworker's note on a decision"), visible_to=SEEKER_AND_STAFF),
    _f("match_event", "at", "matches", _l("When the case moved")),
    # Caseworkers' notes on a case.
    _f("case_note", "profile_id", "notes", _l("Whose case the note is about"), visible_to=SEEKER_AND_STAFF),
    _f("case_note", "author_id", "notes", _l("Which caseworker wrote it (accountability)"), SECURITY,
       SEEKER_AND_STAFF),
    _f("case_note", "text", "notes", _l("What the caseworker needs to remember to help the person"),
       visible_to=SEEKER_AND_STAFF),
    _f("case_note", "at", "notes", _l("When the note was written"), visible_to=SEEKER_AND_STAFF),
    _f("case_note", "municipality_code", "notes", _l("Which municipality wrote the note (it stays there if you move)"),
       visible_to=SEEKER_AND_STAFF),
    # Messages to the person (notifications) and their choices.
    _f("notification_settings", "profile_id", "messages", _l("Whose choices about messages these are")),
    _f("notification_settings", "email", "messages", _l("Whether the person wants news by e-mail")),
    _f("notification_settings", "sms", "messages", _l("Whether the person wants news by SMS")),
    _f("notification_settings", "alerts", "messages", _l("Whether the person wants alerts about new places")),
    _f("notification_settings", "alerts_since", "messages", _l("From when new places are news for the alerts")),
    _f("notification", "profile_id", "messages", _l("Who a message was for")),
    _f("notification", "match_id", "messages", _l("Which case a message was about")),
    _f("notification", "event", "messages", _l("What a message was about"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "channel", "messages", _l("How a message was sent: e-mail or SMS"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "locale", "messages", _l("The language a message was written in"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "status", "messages", _l("Whether a message reached the person, so that a caseworker can call "
                                                "those it did not reach"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "attempts", "messages", _l("How many times we tried to send a message"), SECURITY, STAFF_ONLY),
    _f("notification", "error", "messages", _l("Why a message could not be sent"), SECURITY, STAFF_ONLY),
    _f("notification", "detail", "messages", _l("Which new places an alert named"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "not_before", "messages", _l("When a message may be sent (no SMS at night)"), SECURITY, NOBODY),
    _f("notification", "created_at", "messages", _l("When a message was made"), visible_to=SEEKER_AND_STAFF),
    _f("notification", "sent_at", "messages", _l("When a message was sent"), visible_to=SEEKER_AND_STAFF),
    # Caseworkers' corrections of what the matcher read from the person's own words.
    _f("concept_correction", "profile_id", "profile", _l("Whose profile the correction is about"),
       visible_to=STAFF_ONLY),
    _f("concept_correction", "concept_id", "profile",
       _l("An occupation or skill read wrongly from the person's words, or one the reading missed"),
       visible_to=STAFF_ONLY),
    _f("concept_correction", "action", "profile", _l("Whether the concept was removed, added or taken back"),
       visible_to=STAFF_ONLY),
    _f("concept_correction", "actor_id", "profile", _l("Which caseworker corrected it (accountability)"), SECURITY,
       STAFF_ONLY),
    _f("concept_correction", "at", "profile", _l("When it was corrected"), visible_to=STAFF_ONLY),
    # Consents.
    _f("consent", "profile_id", "consents", _l("Whose consent it is"), CONSENT, SEEKER_AND_STAFF),
    _f("consent", "purpose", "consents", _l("What the person agreed to"), CONSENT, SEEKER_AND_STAFF),
    _f("consent", "text_version", "consents", _l("The exact text the person saw when agreeing"), CONSENT,
       SEEKER_AND_STAFF),
    _f("consent", "match_id", "consents", _l("Which introduction the consent is for"), CONSENT, SEEKER_AND_STAFF),
    _f("consent", "given_at", "consents", _l("When the person agreed"), CONSENT, SEEKER_AND_STAFF),
    _f("consent", "withdrawn_at", "consents", _l("When the person withdrew the consent"), CONSENT, SEEKER_AND_STAFF),
    # Forms not yet saved (kept over a language switch or a timeout).
    _f("form_draft", "user_id", "profile", _l("Whose unsaved form it is"), visible_to=NOBODY),
    _f("form_draft", "session_key", "profile", _l("Whose unsaved form it is, before an account exists"), SECURITY,
       NOBODY),
    _f("form_draft", "data", "profile", _l("What the person typed and has not saved yet, so that nothing is lost"),
       visible_to=NOBODY),
    _f("form_draft", "saved_at", "profile", _l("When an unsaved form was kept (deleted after a day)"), visible_to=NOBODY),
    # The access log.
    _f("audit_event", "actor_id", "access_log", _l("Who read or changed the person's data"), SECURITY, ADMINS,
       AUDIT_RETENTION),
    _f("audit_event", "profile_id", "access_log", _l("Whose data was read"), SECURITY, ADMINS, AUDIT_RETENTION),
    _f("audit_event", "action", "access_log", _l("What was done: viewed, listed, searched, exported or changed"),
       SECURITY, ADMINS, AUDIT_RETENTION),
    _f("audit_event", "at", "access_log", _l("When it happened"), SECURITY, ADMINS, AUDIT_RETENTION),
    # The one-question satisfaction survey (app/services/satisfaction.py): never who answered.
    _f("satisfaction_answer", "match_id", "matches", _l("Which case a satisfaction answer is about, so that it is "
                                                        "asked once"), visible_to=NOBODY, retention=SURVEY_RETENTION),
    _f("satisfaction_answer", "score", "matches", _l("How satisfied the person is (1–10), counted only together "
                                                     "with at least four other answers"), visible_to=NOBODY,
       retention=SURVEY_RETENTION),
    _f("satisfaction_answer", "comment", "matches", _l("What the person added to their satisfaction answer"),
       visible_to=NOBODY, retention=SURVEY_RETENTION),
    _f("satisfaction_answer", "answered_at", "matches", _l("When the satisfaction answer was given"),
       visible_to=NOBODY, retention=SURVEY_RETENTION),
    _f("audit_event", "detail", "access_log", _l("The reason a caseworker gave (for example for protected identity)"),
       SECURITY, ADMINS, AUDIT_RETENTION),
]

# Columns that say nothing about a person, and why.
NOT_PERSONAL = {
    "user.id": "row number; means nothing outside the database",
    "user.session_version": "counter that ends old sessions",
    "jobseeker_profile.id": "row number",
    "consent.id": "row number",
    "audit_event.id": "row number",
    "match.id": "row number",
    "match.model_version": "version of the matching software",
    "match.version": "counter that stops two caseworkers overwriting each other",
    "match_event.id": "row number",
    "case_note.id": "row number",
    "form_draft.id": "row number",
    "form_draft.form": "which form a draft belongs to",
    "form_draft.step": "which part of the form was open",
    "notification.id": "row number",
    "notification.key": "the event, case and channel a message was for, so that it is sent once (no data of its own)",
    "concept_correction.id": "row number",
    "satisfaction_answer.id": "row number",
    "satisfaction_answer.respondent": "whether a jobseeker or an organisation answered",
    "satisfaction_answer.opportunity_id": "the place an organisation's answer is about (an organisation, no person)",
    "satisfaction_answer.municipality_code": "the area the answer is counted in",
}

# What a jobseeker reads: one short paragraph per group, in plain language.
GROUPS = {
    "account": {
        "title": _l("Your account"),
        "what": _l("Your e-mail, your name, the language you chose, a scrambled form of your password and when you "
                   "logged in."),
        "why": _l("So that you can log in and read the service in your language."),
        "who": _l("You. Administrators when they help with the account."),
    },
    "profile": {
        "title": _l("Your profile"),
        "what": _l("What you wrote: name, phone, year of birth, where you live, languages, education, work, skills, "
                   "the jobs you want, when you can start and what you told us about yourself."),
        "why": _l("So that your caseworker can find opportunities that fit you. Your name, age and where you come "
                  "from never change which suggestions you get."),
        "who": _l("You and the caseworkers in your municipality. Employers only see your skills and languages, "
                  "without your name, until you say yes to be introduced."),
    },
    "matches": {
        "title": _l("Suggestions for you"),
        "what": _l("Which opportunities we suggested, why, what you answered and what happened next."),
        "why": _l("So that you and your caseworker can follow each case."),
        "who": _l("You, your caseworker and, after you said yes, the employer."),
    },
    "notes": {
        "title": _l("Notes about your case"),
        "what": _l("What your caseworker wrote down to help you, and when."),
        "why": _l("So that your caseworker, or another caseworker who helps you, remembers what you agreed on."),
        "who": _l("You and the caseworkers in your municipality. Never employers."),
    },
    "consents": {
        "title": _l("Your answers"),
        "what": _l("When you said yes to be introduced to an employer, the exact text you saw, and if you took it "
                   "back."),
        "why": _l("To show what you agreed to. You can take back your yes on your suggestions page."),
        "who": _l("You and your caseworker."),
    },
    "access_log": {
        "title": _l("Who read your data"),
        "what": _l("Each time a caseworker, administrator or employer looked at your information."),
        "why": _l("To protect you: you can see who read your data."),
        "who": _l("You and administrators."),
    },
    "messages": {
        "title": _l("Messages we send you"),
        "what": _l("How you want news (e-mail, SMS, alerts), and which messages we sent you, when and how."),
        "why": _l("So that you hear when something happens, and so that your caseworker can call you if a message "
                  "did not reach you."),
        "who": _l("You and the caseworkers in your municipality."),
    },
    "protection": {
        "title": _l("Protected identity"),
        "what": _l("If you have protected identity, we mark your profile so that your contact details are hidden."),
        "why": _l("To keep you safe: only your own caseworker sees how to reach you."),
        "who": _l("Caseworkers."),
    },
}
