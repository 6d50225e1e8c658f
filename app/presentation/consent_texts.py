"""The consent sentences people agree to, each with the version stored in their consent record.

Change a sentence → add a new version and point the CURRENT name at it; never edit an old text,
because consent records name the exact version the person saw (tests pin every version's text).
"""
from flask_babel import lazy_gettext as _l

INTRODUCTION = "introduction"

CONSENT_TEXTS = {
    "introduction-2025-1": _l("Do you want us to introduce you to the employer? "
                              "They will then see your name and contact details."),
}
CONSENT_TEXT_VERSION = "introduction-2025-1"  # the version shown with the "Yes, introduce me" button
INTRODUCTION_CONSENT_TEXT = CONSENT_TEXTS[CONSENT_TEXT_VERSION]
