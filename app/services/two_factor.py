"""Time-based one-time codes (TOTP, RFC 6238) as a second factor: required for staff, optional for others."""
import binascii
import hmac
import unicodedata
from datetime import datetime, timezone

import pyotp
import segno
from sqlalchemy import or_, update

from app.extensions import db
from app.models import User

ISSUER = "Jobbrygga"


def required_for(user: User) -> bool:
    """Caseworkers and administrators must use a second factor; others may."""
    return user.is_staff


def needs_code(user: User) -> bool:
    """After the password, does this user still have a step to take before being logged in?"""
    return bool(user.totp_secret) or required_for(user)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads (typed in or scanned)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The otpauth address as an SVG QR code in a data: URI, drawn here (no outside service, no script)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4)


def code_step(secret: str | None, code: str | None) -> int | None:
    """The 30-second step whose code this is: the current one or its neighbour on either side (clocks drift by
    up to 30 s); None when the code is not right."""
    code = _ascii_digits(code)
    if not secret or code is None or len(code) != 6:
        return None
    try:
        totp = pyotp.TOTP(secret)
        now = totp.timecode(datetime.now(timezone.utc))
        return next((step for step in (now - 1, now, now + 1) if hmac.compare_digest(totp.generate_otp(step), code)),
                    None)
    except (ValueError, binascii.Error):  # a damaged or too short stored key never lets anyone in
        return None


def use_code(user: User, code: str | None, secret: str | None = None) -> bool:
    """True once per code: right for secret (default: user's own) and newer than the last code user used, so a
    code seen over someone's shoulder or sent twice does not work again. One conditional UPDATE: two requests
    with the same code at the same moment cannot both pass. The caller commits."""
    step = code_step(secret or user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        update(User).where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False))
    return claimed.rowcount == 1


def enrol(user: User, secret: str, code: str) -> bool:
    """Store secret as user's second factor if code proves the app has it (the code is then used up); committed."""
    if not use_code(user, code, secret):
        return False
    user.totp_secret = secret
    db.session.commit()
    return True


def _ascii_digits(code: str | None) -> str | None:
    """Spaces dropped and any script's digits (Arabic-Indic, Persian …) read as 0–9; None if not all digits."""
    digits = []
    for char in "".join((code or "").split()):
        value = unicodedata.decimal(char, None)
        if value is None:
            return None
        digits.append(str(value))
    return "".join(digits)
