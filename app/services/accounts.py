"""Creating accounts and organisations."""
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, Role, User
from app.models.user import password_hasher, utcnow


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


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    db.session.commit()


def remember_locale(user: User, locale: str) -> None:
    """The language user chose: pages and messages use it on every device from now on."""
    user.locale = locale
    db.session.commit()


def change_password(user: User, new_password: str) -> None:
    """Set a new password; every other session of user ends (the caller renews the current one)."""
    user.set_password(new_password)
    db.session.commit()


def end_all_sessions(user: User) -> None:
    """Server-side logout: a copied session cookie of user stops working at once."""
    user.revoke_sessions()
    db.session.commit()


# A wrong e-mail costs the same hash check as a wrong password, so timing does not tell which accounts exist.
_unknown_account_hashes: dict[tuple[int, int, int], str] = {}


def _unknown_account_hash() -> str:
    """A hash made with the current parameters, made once per parameter set."""
    hasher = password_hasher()
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _unknown_account_hashes:
        _unknown_account_hashes[key] = hasher.hash("an unknown account still costs one hash check")
    return _unknown_account_hashes[key]


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail and password, or None; as slow for an unknown e-mail as for a wrong password."""
    user = find_user_by_email(email)
    if user is None:
        User(password_hash=_unknown_account_hash()).check_password(password)
        return None
    if not user.check_password(password):
        return None
    return user if user.deactivated_at is None else None  # a deactivated staff account answers as a wrong password


def remove_two_factor(user: User) -> None:
    """The person turned two-step login off (after typing the password again); other sessions end; commits."""
    reset_two_factor(user)


def reset_two_factor(user: User) -> None:
    """Remove user's second factor (a lost phone) and end every session; staff must enrol again at login."""
    user.totp_secret = None
    user.totp_last_step = None
    user.revoke_sessions()
    db.session.commit()
