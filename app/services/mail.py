"""Outgoing e-mail through the configured SMTP server; without MAIL_SERVER (development) it goes to the log."""
import secrets
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    # secrets, not email.utils.make_msgid: that draws from the shared `random` module, which mail sent from a
    # background thread would then move under whatever else uses it (and an id need not be guessable)
    domain = config["MAIL_FROM"].rpartition("@")[2].strip("> ") or "jobbrygga.invalid"
    message["Message-ID"] = f"<{secrets.token_hex(16)}@{domain}>"
    message.set_content(body)
    return message


def send_mail(to: str, subject: str, body: str, *, raise_errors: bool = False) -> bool:
    """Send a plain-text message to one address; SMTP errors are logged, never shown to the visitor (raised
    with raise_errors, for a job that tries again). False when no MAIL_SERVER is configured."""
    message = build_message(to, subject, body)
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        if config.get("JOBBRYGGA_ENV") == "production":
            # A reset link in a production log would let anyone who reads the log take the account.
            current_app.logger.error("MAIL_SERVER is not set: e-mail %s was not sent", message["Message-ID"])
        else:
            current_app.logger.info("MAIL_SERVER is not set, so this e-mail was not sent:\nTo: %s\nSubject: %s\n\n%s",
                                    message["To"], message["Subject"], message.get_content())
        return False
    tls = ssl.create_default_context()  # certificates checked, unlike smtplib's default
    try:
        if config["MAIL_PORT"] == 465:  # implicit TLS ("SMTPS")
            smtp = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10, context=tls)
        else:
            smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10)
        with smtp:
            if config.get("MAIL_USE_TLS") and config["MAIL_PORT"] != 465:
                smtp.starttls(context=tls)
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError):
        # The visitor gets the same answer whether or not mail went out (and whether the account exists).
        current_app.logger.exception("could not send e-mail %s", message["Message-ID"])
        if raise_errors:
            raise
        return False
    return True
