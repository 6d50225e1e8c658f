"""Seeded corruptions of tidy occupation words into the way people type them.

Used twice, with different seeds and on different texts: to *augment* the training texts of the text →
occupation classifier (matching/textclf.py, built by matching/data/build_textclf.py) and to build the
*robustness set* (``python -m matching robustness``) from a held-out split of the same vocabulary that the
classifier never sees. Every function takes a ``random.Random`` so the same seed gives the same text.

Kinds: ``typo`` (a letter dropped, doubled, swapped with the next or replaced by a neighbour on the
keyboard), ``no_diacritics`` (å→a, é→e, Arabic hamza seats and teh marbuta written plainly, Ge'ez
vowel orders left as typed), ``arabizi`` (Arabic in Latin letters with the digits 2 3 5 6 7 8 9 for
letters), ``mixed_sv`` (the word inside a Swedish phrase, as people mix in Swedish), ``short`` (one word
of a longer title) and ``sentence`` (the word inside a sentence in the text's language).
"""
from __future__ import annotations

import random
import re
import unicodedata

_KEYBOARD = {  # neighbouring keys on a Swedish/English Latin keyboard
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad",
    "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x", "å": "p", "ä": "ö", "ö": "ä",
}
_ARABIZI = {
    "ا": "a", "أ": "2", "إ": "2", "آ": "a", "ء": "2", "ؤ": "2", "ئ": "2", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "7", "خ": "5", "د": "d", "ذ": "th", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "9",
    "ض": "d", "ط": "6", "ظ": "z", "ع": "3", "غ": "gh", "ف": "f", "ق": "8", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "ی": "y", "ک": "k", "پ": "p", "چ": "ch",
    "گ": "g", "ژ": "zh",
}
_PLAIN_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")

# "I worked as X" and the like, per locale (written for Jobbrygga)
SENTENCES = {
    "sv": ("jag har jobbat som {}", "{} i två år", "vill jobba som {}"),
    "en": ("i worked as {} for 3 years", "{} back home", "i want to be {}"),
    "ar": ("اشتغلت {} خمس سنين", "كنت {} في بلدي", "بدي اشتغل {}"),
    "so": ("waxaan ahaa {} 4 sano", "shaqadayda {}", "waxaan rabaa {}"),
    "ti": ("ኣብ ዓዲ {} ነይረ", "ስራሐይ {} እዩ", "{} ክኸውን እደሊ"),
    "fa_AF": ("من {} بودم", "سه سال {} کار کردم", "می خواهم {} شوم"),
    "uk": ("працював {} три роки", "я {} за фахом", "хочу працювати {}"),
}
MIXED_SV = ("jobbat som {}", "{} praktik", "jag var {} hemma", "{} heltid")


def typo(text: str, rng: random.Random) -> str:
    """One or two typing slips in the longer words."""
    chars = list(text)
    spots = [i for i, c in enumerate(chars) if c.isalpha()]
    if len(spots) < 4:
        return text
    for _ in range(1 if len(spots) < 9 else 2):
        i = rng.choice(spots[1:])
        if i >= len(chars):
            continue
        op = rng.randrange(4)
        c = chars[i]
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, c)
        elif op == 2 and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            near = _KEYBOARD.get(c.lower())
            chars[i] = rng.choice(near) if near else c
    return "".join(chars)


def no_diacritics(text: str, rng: random.Random | None = None) -> str:
    """Latin letters without their marks, Arabic letter variants written plainly."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return stripped.translate(_PLAIN_ARABIC)


def arabizi(text: str, rng: random.Random) -> str:
    """Arabic-script text in Latin letters and digits (short vowels left out, as typed on phones)."""
    if not _ARABIC.search(text):
        return text
    out = []
    for c in text:
        latin = _ARABIZI.get(c)
        if latin is None:
            out.append(c if not _ARABIC.match(c) else "")
        elif c == "ي" and rng.random() < 0.5:
            out.append("i")
        elif c == "و" and rng.random() < 0.5:
            out.append("o")
        else:
            out.append(latin)
    return "".join(out)


def short(text: str, rng: random.Random) -> str:
    """One word of a longer title: the longest, or a random one."""
    tokens = [t for t in re.findall(r"\w+", text) if len(t) >= 3]
    if len(tokens) < 2:
        return text
    return max(tokens, key=len) if rng.random() < 0.6 else rng.choice(tokens)


def mixed_sv(text: str, rng: random.Random) -> str:
    return rng.choice(MIXED_SV).format(text)


def sentence(text: str, rng: random.Random, locale: str = "en") -> str:
    return rng.choice(SENTENCES.get(locale, SENTENCES["en"])).format(text)


KINDS = ("typo", "no_diacritics", "arabizi", "mixed_sv", "short", "sentence")


def corrupt(text: str, kind: str, rng: random.Random, locale: str = "en") -> str:
    """``text`` as people would type it, by ``kind`` (one of KINDS); typos are added to most kinds too."""
    if kind == "typo":
        return typo(text, rng)
    if kind == "no_diacritics":
        return no_diacritics(text)
    if kind == "arabizi":
        return arabizi(text, rng)
    if kind == "short":
        return short(text, rng)
    if kind == "mixed_sv":
        return mixed_sv(typo(text, rng) if rng.random() < 0.5 else text, rng)
    if kind == "sentence":
        return sentence(typo(text, rng) if rng.random() < 0.5 else text, rng, locale)
    raise ValueError(f"unknown kind {kind!r}")


def kinds_for(text: str, locale: str) -> tuple[str, ...]:
    """The corruptions that change this text (Arabizi only for Arabic script, diacritics only where there are any)."""
    kinds = ["typo", "mixed_sv", "sentence"]
    if no_diacritics(text) != text:
        kinds.append("no_diacritics")
    if _ARABIC.search(text) and locale == "ar":
        kinds.append("arabizi")
    if len(re.findall(r"\w+", text)) >= 2:
        kinds.append("short")
    return tuple(kinds)
