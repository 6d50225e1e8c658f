"""Creating accounts and organisations."""
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, Role, User


def email_taken(email: str) -> bool:
    return db.session.scalar(select(func.count()).where(User.email == email.strip().lower())) > 0


def org_number_taken(org_number: str) -> bool:
    return db.session.scalar(select(func.count()).where(Organisation.org_number == org_number)) > 0


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))


def create_user(*, email: str, password: str, role: Role, full_name: str, locale: str | None = None,
                **fields) -> User:
    user = User(email=email.strip().lower(), role=role, full_name=full_name.strip(), locale=locale, **fields)
    user.set_password(password)
    db.session.add(user)
    return user


def register_organisation(*, name: str, org_number: str, kind: str, municipality_code: str, email: str,
                          password: str, full_name: str, phone: str | None, locale: str | None) -> User:
    """Create the organisation and its first member in one transaction."""
    organisation = Organisation(name=name.strip(), org_number=org_number, kind=kind,
                                municipality_code=municipality_code)
    db.session.add(organisation)
    user = create_user(email=email, password=password, role=Role(kind), full_name=full_name, locale=locale,
                       phone=phone, organisation=organisation)
    db.session.commit()
    return user
