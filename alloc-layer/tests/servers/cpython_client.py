#!/usr/bin/python3
"""CPython's side of the comparisons in logging_socket.rs and
logging_syslog.rs: the same logging calls as the Rust tests make
(`calls` here, `calls` there), through CPython's own handlers.

    cpython_client.py socket tcp PORT | unix PATH
    cpython_client.py datagram udp PORT | unixdgram PATH
    cpython_client.py syslog unix PATH | udp PORT | tcp PORT  FACILITY IDENT NUL
"""
import logging
import logging.handlers
import socket
import sys


def calls(log, exception=True):
    log.info("plain message")
    log.warning("%s has %d items at %.2f%%", "cart", 3, 99.5)
    log.error("unicode: %s", "héllo ☃ 𝄞")
    log.info("with extra", extra={"user": "alice", "n": 42, "ratio": 0.25,
                                  "flag": True, "nothing": None,
                                  "big": 2**40, "empty": ""})
    log.debug("%r and %s", "quoted", None)
    log.critical("big int %d and %s", 2**70, False)
    log.log(25, "custom level %d", 25)
    if exception:
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("caught %s", "it")


def main():
    what, kind, where = sys.argv[1:4]
    log = logging.getLogger("strata.wire")
    log.setLevel(logging.DEBUG)
    log.propagate = False
    port = None if kind in ("unix", "unixdgram") else int(where)
    host = where if port is None else "127.0.0.1"
    if what == "socket":
        handler = logging.handlers.SocketHandler(host, port)
    elif what == "datagram":
        handler = logging.handlers.DatagramHandler(host, port)
    else:
        facility, ident, nul = sys.argv[4:7]
        facility = int(facility) if facility.isdigit() else facility
        address = where if port is None else (host, port)
        socktype = socket.SOCK_STREAM if kind == "tcp" else None
        handler = logging.handlers.SysLogHandler(address, facility, socktype)
        handler.ident = ident
        handler.append_nul = nul == "1"
        handler.setFormatter(logging.Formatter("%(name)s[%(levelname)s]: %(message)s"))
    log.addHandler(handler)
    calls(log, exception=what != "syslog")
    handler.close()


if __name__ == "__main__":
    main()
