"""An SMTP server for the SMTPHandler tests: aiosmtpd on loopback.

Prints `PORT n`, then for each step of each session one line, bytes as
hex: `EHLO <hostname>`, `HELO <hostname>`, `AUTH <mechanism> <login>
<ok|fail>`, `MAIL <address> <options>`, `RCPT <address> <options>`,
`DATA <content>` (the message as received, dots unstuffed), `END`.
Accepts the user `logger` with the password `s3cret` (AUTH PLAIN and
LOGIN, over plain TCP); `--no-auth` offers no AUTH.
Run with /usr/bin/python3 (where Debian's python3-aiosmtpd lives).
"""
import socket
import sys
import logging
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

# aiosmtpd 1.4 logs a warning about its own use of Session.login_data.
logging.getLogger("mail.log").setLevel(logging.ERROR)

out_lock = threading.Lock()


def say(*fields):
    with out_lock:
        print(" ".join(fields), flush=True)


def hx(data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return data.hex() or "-"


class Recorder:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        say("EHLO", hx(hostname))
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        say("HELO", hx(hostname))
        session.host_name = hostname
        return "250 {}".format(server.hostname)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        say("MAIL", hx(address), hx(" ".join(mail_options)))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        say("RCPT", hx(address), hx(" ".join(rcpt_options)))
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        say("DATA", hx(envelope.original_content))
        say("END")
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"logger" and auth_data.password == b"s3cret"
    say("AUTH", hx(mechanism), hx(auth_data.login), "ok" if ok else "fail")
    # handled=False: aiosmtpd then answers 535 itself.
    return AuthResult(success=ok, handled=False)


class LoopbackController(Controller):
    """A Controller on a port the kernel picks (bound before start)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._sock)


def main():
    auth = "--no-auth" not in sys.argv
    kwargs = dict(hostname="127.0.0.1", server_hostname="mail.test")
    if auth:
        kwargs.update(authenticator=authenticator, auth_require_tls=False)
    controller = LoopbackController(Recorder(), **kwargs)
    controller.start()
    say("PORT", str(controller.port))
    try:
        sys.stdin.read()  # until the test closes our stdin or kills us
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
