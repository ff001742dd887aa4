"""A server that accepts connections and never answers (or answers only
its first lines), for the timeout tests.

Usage: silent_server.py [REPLY...]. Prints `PORT n`. Each connection
gets the first REPLY on accept and each next one after a line it
receives (`|` in a REPLY separates its lines), then nothing: the server
neither reads nor closes until the test closes our stdin or kills us.
`--read-close` instead: read one line, then close the connection.
"""
import socket
import sys
import threading


def serve(conn, lines):
    if lines == ["--read-close"]:
        conn.makefile("rb").readline()
        conn.close()
        return
    if lines:
        conn.sendall(lines[0].replace("|", "\r\n").encode() + b"\r\n")
        f = conn.makefile("rb")
        for line in lines[1:]:
            f.readline()
            conn.sendall(line.replace("|", "\r\n").encode() + b"\r\n")
    # Hold the connection open, unread.


def main():
    lines = [a for a in sys.argv[1:] if a != "--"]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print("PORT", listener.getsockname()[1], flush=True)
    held = []

    def accept():
        while True:
            conn, _ = listener.accept()
            held.append(conn)
            threading.Thread(target=serve, args=(conn, lines), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()


if __name__ == "__main__":
    main()
