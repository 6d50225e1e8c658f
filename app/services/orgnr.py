"""Swedish organisation numbers (organisationsnummer)."""
import re

_SEPARATORS = re.compile(r"[\s-]")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish personal and organisation numbers."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_org_number(raw: str) -> str | None:
    """Return NNNNNN-NNNN for a valid number (10 digits, or 12 with the "16" prefix), else None."""
    digits = _SEPARATORS.sub("", raw or "")
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return None
    if not luhn_ok(digits):
        return None
    return f"{digits[:6]}-{digits[6:]}"
