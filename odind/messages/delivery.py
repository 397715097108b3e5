"""Delivery of one outbox message: an e-mail over SMTP, or a JSON POST signed with HMAC-SHA256.

Both carry the message's fixed id (the `Message-ID` header; `X-Odind-Delivery` on a webhook), the
same on every attempt, so a receiver can drop a repeat: a crash after the send and before the outbox
row is marked sent makes the sender try again.
"""

from __future__ import annotations

import hashlib
import hmac
from email.message import EmailMessage
from email.utils import formatdate

import aiohttp
import aiosmtplib

from odind.config import SmtpConfig


class DeliveryFailed(Exception):
    """The receiver could not be reached or refused the message; the outbox tries again later."""


def email(message_id: str, sender: str, recipient: str, subject: str, text: str, html: str) -> EmailMessage:
    """The mail to send; an address that cannot be a header (a line break in it) fails like a refused send."""
    mail = EmailMessage()
    mail["From"] = sender
    try:
        mail["To"] = recipient
    except ValueError as exc:
        raise DeliveryFailed(f"cannot address the mail to {recipient!r}: {exc}") from exc
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id
    mail.set_content(text)
    if html:
        mail.add_alternative(html, subtype="html")
    return mail


async def send_email(smtp: SmtpConfig, mail: EmailMessage) -> None:
    if smtp.host is None:
        raise DeliveryFailed("no SMTP server is configured ([messages.smtp] host)")
    try:
        await aiosmtplib.send(mail, hostname=smtp.host, port=smtp.port, username=smtp.username,
                              password=smtp.password, use_tls=smtp.security == "ssl",
                              start_tls=True if smtp.security == "starttls" else False, timeout=smtp.timeout_s,
                              cert_bundle=str(smtp.ca_file) if smtp.ca_file else None)
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise DeliveryFailed(f"SMTP {smtp.host}:{smtp.port}: {exc}") from exc


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def send_webhook(session: aiohttp.ClientSession, url: str, secret: str, message_id: str, body: bytes,
                       timeout_s: float = 15.0) -> None:
    headers = {"Content-Type": "application/json", "X-Odind-Delivery": message_id,
               "X-Odind-Signature": signature(secret, body), "User-Agent": "odind-webhook"}
    try:
        async with session.post(url, data=body, headers=headers,
                                timeout=aiohttp.ClientTimeout(total=timeout_s)) as response:
            if response.status >= 300:
                raise DeliveryFailed(f"webhook {url} answered HTTP {response.status}")
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise DeliveryFailed(f"webhook {url}: {exc}") from exc
