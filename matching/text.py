"""Text normalisation for label look-ups and matching: one rule for every script."""
import unicodedata

# Arabic-script letter variants people type interchangeably (alef forms, yeh/kaf forms, teh marbuta).
_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ـ": None})


def normalise(text: str) -> str:
    """Casefold, drop diacritics and tatweel, unify Arabic letter variants, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_ARABIC_VARIANTS).casefold().split())
