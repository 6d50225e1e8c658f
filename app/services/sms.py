"""Outgoing SMS through one HTTPS JSON gateway, as Swedish SMS providers offer (e.g. 46elks, Cellsynt, Sinch).

The gateway is configured from the environment: SMS_API_URL (the endpoint), SMS_API_TOKEN (sent as a bearer
token) and SMS_SENDER (the sender name or number). A message is one POST of
{"from": SMS_SENDER, "to": "+46…", "message": "…"}; any 2xx answer means the gateway took it. A provider
with another body shape needs a small adapter here and nowhere else. Without SMS_API_URL nothing is sent
(the log says so).
"""
import json
import logging
import re
import urllib.error
import urllib.request

from flask import current_app

log = logging.getLogger(__name__)
TIMEOUT = 10  # seconds: a job waits no longer for the gateway
E164 = re.compile(r"\+[1-9][0-9]{7,14}")


class SmsFailed(Exception):
    """The gateway did not take the message (network error or a non-2xx answer); worth another try."""


def configured() -> bool:
    return bool(current_app.config.get("SMS_API_URL"))


def phone_number(text: str | None) -> str | None:
    """A number to text in E.164 (+46701234567), from how people write it (070-123 45 67, 0046…); None if not one."""
    if not text:
        return None
    number = re.sub(r"[\s\-().]", "", text)
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+46" + number[1:]  # a Swedish number written the Swedish way
    return number if E164.fullmatch(number) else None


def send_sms(to: str, message: str) -> bool:
    """Send message to the E.164 number to; False (logged) when no gateway is configured. Raises SmsFailed."""
    config = current_app.config
    if not configured():
        log.warning("SMS_API_URL is not set: an SMS was not sent")
        return False
    body = json.dumps({"from": config.get("SMS_SENDER") or "Jobbrygga", "to": to, "message": message}).encode()
    request = urllib.request.Request(config["SMS_API_URL"], data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json",
        "Authorization": f"Bearer {config.get('SMS_API_TOKEN') or ''}"})
    try:
        # The URL is the operator's configuration (SMS_API_URL), not user input.
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # nosec B310
            response.read()
    except urllib.error.HTTPError as error:  # the number is never logged, only the gateway's status
        raise SmsFailed(f"http {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise SmsFailed(type(error).__name__) from None
    return True
