"""Accounts and roles."""
import unicodedata
from datetime import datetime, timezone
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db, login

_DEFAULT_HASHER = PasswordHasher()  # argon2id with the library's defaults (RFC 9106 low-memory profile)


def password_hasher() -> PasswordHasher:
    """The library's defaults, unless the app was created with PASSWORD_HASH_PARAMETERS.

    Only the test suite sets it (argon2's CHEAPEST profile, made for tests): it is never read from the
    environment. Verification reads the parameters from each stored hash, so both kinds keep working.
    """
    parameters = current_app.config.get("PASSWORD_HASH_PARAMETERS") if has_app_context() else None
    return PasswordHasher.from_parameters(parameters) if parameters else _DEFAULT_HASHER


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Role(StrEnum):
    JOBSEEKER = "jobseeker"
    EMPLOYER = "employer"
    EDUCATION_PROVIDER = "education_provider"
    CASEWORKER = "caseworker"
    ADMIN = "admin"
    PLANNER = "planner"  # a region's planner: aggregated figures only, never a person


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    locale: Mapped[str | None] = mapped_column(String(8))
    full_name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    # Caseworkers work for one municipality (4-digit SCB code); a planner for a county (2 digits) or a municipality.
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped at logout and password change: sessions carrying an older number stop working.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Base32 TOTP secret once a second factor is enrolled (required for staff).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The 30-second step of the last code accepted: a code (or an older one) never works twice (RFC 6238 §5.2).
    totp_last_step: Mapped[int | None]
    last_login_at: Mapped[datetime | None]
    # Set when an administrator deactivates a staff account: it can no longer log in (app/services/invitations.py).
    deactivated_at: Mapped[datetime | None]

    organisation = relationship("Organisation", back_populates="members", foreign_keys=[organisation_id])
    profile = relationship("JobseekerProfile", back_populates="user", uselist=False,
                           foreign_keys="JobseekerProfile.user_id")

    def set_password(self, password: str) -> None:
        """Hash the NFC form of password and end every existing session of this user."""
        self.password_hash = password_hasher().hash(unicodedata.normalize("NFC", password))
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        # Hashes made before NFC was applied were made of the password exactly as typed.
        candidates = dict.fromkeys([unicodedata.normalize("NFC", password), password])
        for candidate in candidates:
            try:
                if password_hasher().verify(self.password_hash, candidate):
                    return True
            except (VerificationError, InvalidHashError):
                continue
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def revoke_sessions(self) -> None:
        """Every session of this user, on every device, ends at its next request."""
        self.session_version = (self.session_version or 0) + 1

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses to log in an inactive account."""
        return self.deactivated_at is None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.CASEWORKER, Role.ADMIN, Role.PLANNER)  # all sign in with a second factor


@login.user_loader
def load_user(user_id: str) -> User | None:
    """The session stores "id:session_version", so a revoked session no longer loads its user."""
    user_part, _, version = user_id.partition(":")
    if not user_part.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_part))
    return user if user is not None and user.session_version == int(version) else None
