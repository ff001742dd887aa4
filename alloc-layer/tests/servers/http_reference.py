"""CPython's own HTTPHandler, for the tests to compare against.

Usage: http_reference.py HOST URL METHOD USER PASSWORD MESSAGE_HEX
(USER `-`: no credentials). Sends one record with fixed attributes (the
same the Rust test sets); handleError prints `ERROR <class>: <str>`, a
success `SENT`.
"""
import logging
import logging.handlers
import sys

failed = []


class Handler(logging.handlers.HTTPHandler):
    def handleError(self, record):
        e = sys.exc_info()[1]
        failed.append(e)
        print("ERROR %s: %s" % (type(e).__name__, e), flush=True)


def main():
    host, url, method, user, password, message = sys.argv[1:7]
    creds = None if user == "-" else (user, password)
    h = Handler(host, url, method, credentials=creds)
    record = logging.LogRecord("web.test", logging.WARNING, "/src/app/main.py", 42,
                               bytes.fromhex(message).decode(), ("x y", 2.5, None), None,
                               func="handler")
    record.created = 1700000000.25
    record.msecs = 250.0
    record.relativeCreated = 1234.5
    record.thread = 140000
    record.threadName = "MainThread"
    record.process = 4242
    record.user = "ann é"
    h.handle(record)
    if not failed:
        print("SENT", flush=True)


if __name__ == "__main__":
    main()
