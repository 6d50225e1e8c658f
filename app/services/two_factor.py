"""Time-based one-time codes (TOTP, RFC 6238) as a second factor: required for staff, optional for others."""
import binascii
import unicodedata

import pyotp
import segno

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


def code_is_valid(secret: str | None, code: str | None) -> bool:
    """True for the current code or its neighbour on either side (clocks drift by up to 30 s)."""
    code = _ascii_digits(code)
    if not secret or code is None or len(code) != 6:
        return False
    try:
        return pyotp.TOTP(secret).verify(code, valid_window=1)
    except (ValueError, binascii.Error):  # a damaged or too short stored key never lets anyone in
        return False


def enrol(user: User, secret: str, code: str) -> bool:
    """Store secret as user's second factor if code proves the app has it; the caller commits."""
    if not code_is_valid(secret, code):
        return False
    user.totp_secret = secret
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
