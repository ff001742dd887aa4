"""CPython's own SMTPHandler, for the tests to compare against.

Usage: smtp_reference.py PORT CASE_HEX... where each case is hex of
`fromaddr\0toaddr1,toaddr2\0subject\0message\0user\0password` (user
empty: no credentials). Logs one record per case with the format
`%(levelname)s:%(name)s:%(message)s`; handleError prints
`ERROR <class>: <str(exc)>` on stdout, a success `SENT`.
"""
import logging
import logging.handlers
import sys


class Handler(logging.handlers.SMTPHandler):
    def handleError(self, record):
        e = sys.exc_info()[1]
        print("ERROR %s: %s" % (type(e).__name__, e), flush=True)


def main():
    port = int(sys.argv[1])
    for case in sys.argv[2:]:
        fromaddr, to, subject, message, user, password = bytes.fromhex(case).decode().split("\0")
        creds = (user, password) if user else None
        h = Handler(("127.0.0.1", port), fromaddr, to.split(","), subject,
                    credentials=creds, timeout=5.0)
        h.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
        record = logging.LogRecord("mail.test", logging.ERROR, "/src/app.py", 7,
                                   message, None, None)
        before = [0]
        orig = h.handleError
        def handle_error(rec, orig=orig):
            before[0] += 1
            orig(rec)
        h.handleError = handle_error
        h.handle(record)
        if not before[0]:
            print("SENT", flush=True)


if __name__ == "__main__":
    main()
