"""A scripted server for the timeout and dialogue tests.

Usage: silent_server.py [REPLY...] | --read-close. Prints `PORT n`.
Each connection gets the first REPLY on accept and each next one after a
line it receives (`|` in a REPLY separates its lines; after a reply
starting `354`, everything up to the line `.` counts as one line, as
SMTP's DATA does). Each line received is printed as `GOT <hex>`; when
the replies are used up the server reads to the end and prints `END`.
Without replies it neither reads nor answers nor closes, until the test
closes our stdin or kills us. `--read-close`: read one line and close.
`--http-capture`: read one HTTP request (head and Content-Length body),
print it as `GOT <hex>` and `END`, answer 200 and close.
"""
import socket
import sys
import threading

out_lock = threading.Lock()


def say(*fields):
    with out_lock:
        print(" ".join(fields), flush=True)


def send(conn, reply):
    conn.sendall(reply.replace("|", "\r\n").encode() + b"\r\n")


def serve(conn, replies):
    f = conn.makefile("rb")
    if replies == ["--read-close"]:
        f.readline()
        conn.close()
        return
    if replies == ["--http-capture"]:
        data = b""
        while True:
            line = f.readline()
            data += line
            if line in (b"\r\n", b"\n", b""):
                break
        length = 0
        for line in data.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        data += f.read(length)
        say("GOT", data.hex() or "-")
        say("END")
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        conn.close()
        return
    if not replies:
        return  # hold the connection open, unread
    send(conn, replies[0])
    last = replies[0]
    for reply in replies[1:]:
        if last.startswith("354"):
            data = b""
            while True:
                line = f.readline()
                data += line
                if line in (b".\r\n", b""):
                    break
        else:
            data = f.readline()
        say("GOT", data.hex() or "-")
        send(conn, reply)
        last = reply
    while True:
        line = f.readline()
        if not line:
            break
        say("GOT", line.hex())
    say("END")


def main():
    replies = sys.argv[1:]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print("PORT", listener.getsockname()[1], flush=True)
    held = []

    def accept():
        while True:
            conn, _ = listener.accept()
            held.append(conn)
            threading.Thread(target=serve, args=(conn, replies), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()


if __name__ == "__main__":
    main()
