"""The one password rule: 12–128 characters, not easy to guess, not built from the account's own e-mail.

Used by every form that sets a password (registration, organisation registration, change, reset).
"""
import unicodedata
from enum import StrEnum

from zxcvbn import zxcvbn

PASSWORD_MIN, PASSWORD_MAX = 12, 128
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
# zxcvbn's cost grows fast with length; a strong start is enough, and 72 is the library's own default cap.
SCORED_PREFIX = 72
MIN_LOCAL_PART = 3  # "a@…" or "jo@…" is too short to mean anything inside a password
# zxcvbn's dictionaries are English; these site words are what people here build weak passwords from.
SITE_WORDS = ("jobbrygga", "lösenord", "losenord", "sverige", "sommar", "vinter", "kommun")


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    CONTAINS_EMAIL = "contains_email"
    TOO_COMMON = "too_common"


def normalise(password: str) -> str:
    """NFC only: the same letters typed on different keyboards give the same password; nothing else changes."""
    return unicodedata.normalize("NFC", password)


def password_problem(password: str, *, email: str | None = None, other_inputs: tuple[str, ...] = ()) -> \
        PasswordProblem | None:
    """The first reason password cannot be used, or None when it is fine."""
    password = normalise(password or "")
    if len(password) < PASSWORD_MIN:
        return PasswordProblem.TOO_SHORT
    if len(password) > PASSWORD_MAX:
        return PasswordProblem.TOO_LONG
    local_part = (email or "").rpartition("@")[0] if "@" in (email or "") else (email or "")
    local_part = normalise(local_part).strip().casefold()
    if len(local_part) >= MIN_LOCAL_PART and local_part in password.casefold():
        return PasswordProblem.CONTAINS_EMAIL
    user_inputs = [value for value in (local_part, *local_part.replace("_", ".").replace("-", ".").split("."),
                                       *other_inputs, *SITE_WORDS) if value]
    if zxcvbn(password[:SCORED_PREFIX], user_inputs=user_inputs)["score"] < MIN_SCORE:
        return PasswordProblem.TOO_COMMON
    return None
