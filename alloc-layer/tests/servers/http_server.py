"""An HTTP server for the HTTPHandler tests: http.server on loopback.

Prints `PORT n`, then per request, bytes as hex: `REQ <request line>`,
`HDR <name> <value>` per header in the order received, `BODY <body>`
(Content-Length bytes), `END`. Answers `200 OK` with a short body.
"""
import http.server
import sys
import threading

out_lock = threading.Lock()


def say(*fields):
    with out_lock:
        print(" ".join(fields), flush=True)


def hx(data):
    if isinstance(data, str):
        data = data.encode("latin-1")
    return data.hex() or "-"


class Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def record(self):
        say("REQ", hx(self.requestline))
        for name, value in self.headers.items():
            say("HDR", hx(name), hx(value))
        length = int(self.headers.get("Content-Length") or 0)
        say("BODY", hx(self.rfile.read(length)))
        say("END")
        body = b"logged\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = record
    do_POST = record

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that reads only the head of the answer and closes
        # (HTTPHandler does) may reset the connection: not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Recorder)
    say("PORT", str(server.server_address[1]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes our stdin or kills us
    server.shutdown()


if __name__ == "__main__":
    main()
