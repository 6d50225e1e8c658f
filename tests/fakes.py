"""Fake outside services started by the tests on 127.0.0.1: an SMTP server and an HTTPS-JSON-style SMS gateway.

Both speak the real protocol over a real socket (the app's own SMTP and HTTP code runs unchanged) and keep
what they received, so a test can read exactly what went out.
"""
import email
import email.policy
import json
import socketserver
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _SMTPHandler(socketserver.StreamRequestHandler):
    """The part of RFC 5321 smtplib uses: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 fake-smtp ready")
        recipients, sender = [], None
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-fake-smtp\r\n250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 fake-smtp")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip(" <>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].split(">")[0].strip(" <"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if line in (b".\r\n", b".\n", b""):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                self.server.received.append({"from": sender, "to": recipients, "message": message})
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.received: list[dict] = []

    @property
    def port(self) -> int:
        return self.server_address[1]

    def messages_to(self, address: str) -> list:
        return [r["message"] for r in self.received if address in r["to"]]


class _GatewayHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        gateway = self.server
        gateway.requests.append({"path": self.path, "authorization": self.headers.get("Authorization"),
                                 "content_type": self.headers.get("Content-Type"), "json": json.loads(body)})
        status = gateway.statuses.pop(0) if gateway.statuses else 200
        gateway.requests[-1]["ok"] = status < 300
        answer = json.dumps({"status": "created" if status < 300 else "error"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):  # quiet test output
        pass


class FakeSMSGateway(ThreadingHTTPServer):
    """POST /sms with a bearer token and {"from", "to", "message"}; answers 200, or the statuses queued in
    `statuses` one per request (e.g. [503, 503] for a gateway that fails twice)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.requests: list[dict] = []
        self.statuses: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sms"

    @property
    def sent(self) -> list[dict]:
        """The messages the gateway took (the JSON bodies of requests it answered with 2xx)."""
        return [r["json"] for r in self.requests if r["ok"]]


@contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
