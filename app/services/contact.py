"""Who may see a person's contact details: everyone entitled to, except with protected identity.

With skyddade personuppgifter (JobseekerProfile.protected_identity) phone, e-mail and any address
are shown only to the assigned caseworker (profile.caseworker_id) on screen, never to employers,
and never in any staff export (CSV/JSON), because exports travel further than a screen.
"""
from dataclasses import dataclass

from app.models import JobseekerProfile, User


@dataclass(frozen=True)
class Contact:
    email: str | None
    phone: str | None
    protected: bool = False  # True: withheld because of protected identity; say so instead


def contact_for(profile: JobseekerProfile, viewer: User | None, *, export: bool = False) -> Contact:
    """The contact details viewer may see of profile (the caller has already checked the viewer may see the person)."""
    if profile.protected_identity and (export or viewer is None or viewer.id != profile.caseworker_id):
        return Contact(email=None, phone=None, protected=True)
    return Contact(email=profile.email, phone=profile.phone)


def set_protected_identity(profile: JobseekerProfile, protected: bool, caseworker: User,
                           reason: str | None = None) -> None:
    """Set or clear the flag; not committed here.

    Setting it makes the caseworker the assigned one when nobody is, so someone can still reach the
    person. Clearing it is for the assigned caseworker or an administrator only, with a reason: anyone
    else could otherwise lift the protection to read the details (PermissionError; ValueError without
    a reason).
    """
    if not protected and profile.protected_identity:
        if caseworker.id != profile.caseworker_id and caseworker.role != "admin":
            raise PermissionError("only the assigned caseworker or an administrator can lift protected identity")
        if not (reason or "").strip():
            raise ValueError("a reason is required to lift protected identity")
    profile.protected_identity = protected
    if protected and profile.caseworker_id is None:
        profile.caseworker_id = caseworker.id
