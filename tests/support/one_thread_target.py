"""StopCisSession on Python's standard library, the smallest server there is: http.server's
HTTPServer, one thread, HTTP/1.0 (a connection a request), a listen backlog of 5. It validates as
the model says, so it is a conforming target; what it cannot do is take many requests at once.
Connections past its backlog wait in the kernel, or see their SYN dropped and retransmitted a
second later. A client that keeps too many in flight meets stalls of a second and more, and,
past a few retransmissions, timeouts.

Prints the base URL on one line, then serves until killed. Optional argument: the port (default 0:
a free one)."""

import json
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

UUID = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
STATUSES = {"SUCCESS", "FAILED", "INTERRUPTED", "UNSUPPORTED_OS"}
COUNTS = ["totalChecks", "successfulChecks", "failedChecks", "notEvaluatedChecks", "unknownChecks",
          "notApplicableChecks", "informationalChecks", "errorChecks"]
STOP_PATH = "/cissession/stop"


class Invalid(Exception):
    pass


def refuse_constant(name):
    # json.loads takes NaN, Infinity and -Infinity by default; JSON does not.
    raise Invalid(f"{name} is not JSON")


def string(value, where, most):
    if not isinstance(value, str):
        raise Invalid(f"{where} must be a string")
    if len(value) > most:  # code points, as the model counts them
        raise Invalid(f"{where} is longer than {most}")


def optional_string(body, name, where, most):
    if body.get(name) is not None:
        string(body[name], f"{where}.{name}", most)


def obj(value, where):
    if not isinstance(value, dict):
        raise Invalid(f"{where} must be an object")
    return value


def validate(body):
    obj(body, "the body")
    for name in ("scanJobId", "sessionToken"):
        value = body.get(name)
        if not isinstance(value, str) or not UUID.fullmatch(value):
            raise Invalid(f"{name} must be a UUID")
    message = obj(body.get("message"), "message")
    if not isinstance(message.get("status"), str) or message["status"] not in STATUSES:
        raise Invalid("message.status is not a status")
    progress = obj(message.get("progress"), "message.progress")
    for name in COUNTS:
        count = progress.get(name)
        if count is None:
            continue
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 65536:
            raise Invalid(f"message.progress.{name} must be an integer from 0 to 65536")
    optional_string(message, "reason", "message", 1024)
    optional_string(message, "benchmarkVersion", "message", 8)
    optional_string(message, "benchmarkProfile", "message", 128)
    if message.get("computePlatform") is not None:
        platform = obj(message["computePlatform"], "message.computePlatform")
        for name, most in (("vendor", 16), ("product", 32), ("version", 8)):
            optional_string(platform, name, "message.computePlatform", most)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    # A connection that sends nothing (its client gave up) may not hold the one thread for ever.
    timeout = 5

    def log_message(self, *args):
        pass

    def answer(self, status, error_type=None, message=None):
        body = b"" if error_type is None else json.dumps({"message": message}).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if error_type is not None:
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Amzn-Errortype", error_type)
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def do_PUT(self):
        raw = self.read_body()
        path = self.path.split("?")[0]
        if path != STOP_PATH:
            return self.answer(404, "UnknownOperationException", f"No operation at {path}.")
        try:
            body = json.loads(raw.decode("utf-8"), parse_constant=refuse_constant)
        except Exception as error:  # not UTF-8, not JSON, nested past the recursion limit, too many digits
            return self.answer(400, "SerializationException", f"The body is not JSON: {error}")
        try:
            validate(body)
        except Invalid as error:
            return self.answer(400, "ValidationException", str(error))
        self.answer(200)

    def other_method(self):
        self.read_body()
        path = self.path.split("?")[0]
        if path != STOP_PATH:
            return self.answer(404, "UnknownOperationException", f"No operation at {path}.")
        self.answer(405, "UnknownOperationException", f"StopCisSession is PUT {STOP_PATH}.")

    do_GET = do_POST = do_DELETE = do_PATCH = other_method


class OneThreadServer(HTTPServer):
    request_queue_size = 5

    def handle_error(self, request, client_address):
        # A client that gave up on its request (a reset, a broken pipe) is its own business.
        pass


if __name__ == "__main__":
    server = OneThreadServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
