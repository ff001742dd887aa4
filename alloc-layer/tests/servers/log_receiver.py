#!/usr/bin/python3
"""Test servers for alloc-layer/tests/logging_socket.rs and logging_syslog.rs.

    log_receiver.py tcp PORT OUT        the logging cookbook's TCP receiver
    log_receiver.py unix PATH OUT       the same on a unix stream socket
    log_receiver.py udp PORT OUT        its UDP counterpart
    log_receiver.py unixdgram PATH OUT  the same on a unix datagram socket
    log_receiver.py stall PORT          accepts TCP connections, never reads
    log_receiver.py stalldgram PATH     a unix datagram socket never read
    log_receiver.py rawudp PORT OUT     each datagram, in hex, one a line
    log_receiver.py rawunixdgram PATH OUT
    log_receiver.py rawtcp PORT OUT     each connection's bytes, in hex, at EOF
    log_receiver.py rawunix PATH OUT    the same on a unix stream socket

PORT 0 picks a free port; a stale socket file at PATH is removed first. Once listening, prints `READY <port or path>`.
The pickle receivers rebuild each record with logging.makeLogRecord and
hand it to a logging handler that writes one line to OUT: whether
pickle.dumps(pickle.loads(data), 1) gives back the very bytes received
(`repickle-ok`), a tab, and JSON of the formatted record (its first
line), the keys in order, every value's type, and the values that do not
depend on time, thread, process or source position.
"""
import json
import logging
import os
import pickle
import socket
import socketserver
import struct
import sys
import threading
import time

FORMAT = "%(name)s|%(levelname)s|%(levelno)d|%(message)s|%(processName)s"
VARYING = {"pathname", "filename", "module", "lineno", "funcName", "created",
           "msecs", "relativeCreated", "thread", "threadName", "process",
           "exc_text"}
lock = threading.Lock()


class JsonHandler(logging.Handler):
    def __init__(self, path):
        super().__init__()
        self.out = open(path, "a", encoding="utf-8")
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record):
        d = record.__dict__
        canonical = {
            # The first line: the rest is exc_text, a traceback in CPython.
            "formatted": self.format(record).split("\n")[0],
            "keys": [k for k in d if k != "message"],
            "types": {k: type(v).__name__ for k, v in d.items() if k != "message"},
            "values": {k: v for k, v in d.items()
                       if k not in VARYING and k != "message"},
        }
        line = "%s\t%s\n" % ("repickle-ok" if record.repickle else "repickle-DIFFERS",
                             json.dumps(canonical, ensure_ascii=False, default=repr))
        with lock:
            self.out.write(line)
            self.out.flush()


def handle_pickle(data, handler):
    obj = pickle.loads(data)
    same = pickle.dumps(obj, 1) == data
    record = logging.makeLogRecord(obj)
    record.repickle = same
    handler.handle(record)


class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    """The cookbook's handler: length-prefixed pickles, one after another."""

    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack(">L", chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                chunk = chunk + self.connection.recv(slen - len(chunk))
            handle_pickle(chunk, self.server.log_handler)


class LogRecordDatagramHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0]
        slen = struct.unpack(">L", data[:4])[0]
        assert slen == len(data) - 4, (slen, len(data))
        handle_pickle(data[4:], self.server.log_handler)


class TCPReceiver(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class UnixReceiver(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


def ready(what):
    print("READY", what, flush=True)


def serve(server, what, out):
    server.log_handler = JsonHandler(out)
    ready(what)
    server.serve_forever()


def raw_out(path):
    f = open(path, "a")

    def write(data):
        with lock:
            f.write(data.hex() + "\n")
            f.flush()
    return write


def main():
    mode, where = sys.argv[1], sys.argv[2]
    if "unix" in mode or mode == "stalldgram":
        try:
            os.unlink(where)
        except FileNotFoundError:
            pass
    out = sys.argv[3] if len(sys.argv) > 3 else None
    if mode == "tcp":
        s = TCPReceiver(("127.0.0.1", int(where)), LogRecordStreamHandler)
        serve(s, s.server_address[1], out)
    elif mode == "unix":
        serve(UnixReceiver(where, LogRecordStreamHandler), where, out)
    elif mode == "udp":
        s = socketserver.UDPServer(("127.0.0.1", int(where)), LogRecordDatagramHandler)
        serve(s, s.server_address[1], out)
    elif mode == "unixdgram":
        serve(socketserver.UnixDatagramServer(where, LogRecordDatagramHandler), where, out)
    elif mode == "stall":
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.bind(("127.0.0.1", int(where)))
        s.listen(8)
        ready(s.getsockname()[1])
        kept = []
        while True:
            kept.append(s.accept())
    elif mode == "stalldgram":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind(where)
        ready(where)
        while True:
            time.sleep(60)
    elif mode in ("rawudp", "rawunixdgram"):
        if mode == "rawudp":
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", int(where)))
            ready(s.getsockname()[1])
        else:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(where)
            ready(where)
        write = raw_out(out)
        while True:
            write(s.recv(1 << 16))
    elif mode in ("rawtcp", "rawunix"):
        write = raw_out(out)

        class Raw(socketserver.BaseRequestHandler):
            def handle(self):
                data = b""
                while chunk := self.request.recv(65536):
                    data += chunk
                write(data)
        if mode == "rawtcp":
            s = TCPReceiver(("127.0.0.1", int(where)), Raw)
            ready(s.server_address[1])
        else:
            s = UnixReceiver(where, Raw)
            ready(where)
        s.serve_forever()
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
