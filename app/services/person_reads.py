"""Reading a person's data: the scope check and the audit event in one call, so no caller (page, export, API,
job) can read a person without both.

A view asks here instead of db.session.get + in_my_area + record_access + commit; it never commits itself.
"""
from __future__ import annotations

from collections.abc import Iterable

from app.extensions import db
from app.models import JobseekerProfile, Match, User
from app.services.audit import record_access, record_access_to_many
from app.services.scope import may_see_municipality

VIEW = "caseworker_view_profile"


def may_see(viewer: User, profile: JobseekerProfile | None) -> bool:
    return profile is not None and may_see_municipality(viewer, profile.municipality_code)


def person_for(viewer: User, profile_id: int) -> JobseekerProfile | None:
    """The person if viewer may see them (not audited: for a change, which records its own event)."""
    profile = db.session.get(JobseekerProfile, profile_id)
    return profile if may_see(viewer, profile) else None


def match_for(viewer: User, match_id: int) -> Match | None:
    """A case of a person viewer may see (not audited: for a decision, which records its own event)."""
    match = db.session.get(Match, match_id)
    return match if may_see_case(viewer, match) else None


def may_see_case(viewer: User, match: Match | None) -> bool:
    """A case of a person viewer may see, or one a person started themself for a place in viewer's municipality
    (their own request is reviewed where the place is: review_municipality_code)."""
    return match is not None and (may_see(viewer, match.profile) or (
        match.review_municipality_code is not None and may_see_municipality(viewer, match.review_municipality_code)))


def read(viewer: User, profile: JobseekerProfile, action: str = VIEW, detail: str | None = None) -> JobseekerProfile:
    """Record that viewer reads this person's data (committed at once, before the page is sent); detail: the
    reason given, if any (protected identity)."""
    if not may_see(viewer, profile):
        raise PermissionError("outside the viewer's scope")
    record_access(viewer, profile, action, detail=detail)
    db.session.commit()
    return profile


def read_cases(viewer: User, matches: Iterable[Match], action: str) -> None:
    """read_many for the people of these cases (the queue), each case checked with may_see_case."""
    matches = list(matches)
    if any(not may_see_case(viewer, m) for m in matches):
        raise PermissionError("a case outside the viewer's scope")
    record_access_to_many(viewer, [m.profile for m in matches], action)
    db.session.commit()


def shown(viewer: User, profiles: Iterable[JobseekerProfile], action: str) -> None:
    """One event per distinct person on a list whose query already applied the scope rule (a recruitment day's
    candidates, late answers), committed at once; render the page first, as for read_many."""
    record_access_to_many(viewer, list(profiles), action)
    db.session.commit()


def read_many(viewer: User, profiles: Iterable[JobseekerProfile], action: str) -> None:
    """One event per distinct person on a list (queue, follow-ups), committed at once.

    The list's page is rendered first: the commit expires the loaded rows the page would read again.
    """
    profiles = list(profiles)
    if any(not may_see(viewer, p) for p in profiles):
        raise PermissionError("a person outside the viewer's scope")
    record_access_to_many(viewer, profiles, action)
    db.session.commit()
