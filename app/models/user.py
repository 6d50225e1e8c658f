"""Accounts and roles."""
from datetime import datetime, timezone
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db, login

_hasher = PasswordHasher()  # argon2id with the library's (OWASP-level) defaults


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Role(StrEnum):
    JOBSEEKER = "jobseeker"
    EMPLOYER = "employer"
    EDUCATION_PROVIDER = "education_provider"
    CASEWORKER = "caseworker"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    locale: Mapped[str | None] = mapped_column(String(8))
    full_name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    # Caseworkers work for one municipality (4-digit SCB code).
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation = relationship("Organisation", back_populates="members")
    profile = relationship("JobseekerProfile", back_populates="user", uselist=False,
                           foreign_keys="JobseekerProfile.user_id")

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.CASEWORKER, Role.ADMIN)


@login.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None
