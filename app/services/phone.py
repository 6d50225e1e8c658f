"""Phone numbers as people type them ("021-10 20 30", "+46 70 123 45 67") checked and stored in E.164 (+46211020 30)."""
import phonenumbers


def to_e164(text: str | None, region: str = "SE") -> str | None:
    """The number in E.164, or None when it is not a possible and valid number (Swedish unless it starts with +)."""
    text = (text or "").strip()
    if not text or len(text) > 40:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
