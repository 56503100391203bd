"""A real SMTP server on loopback for the tests: every message it accepts
is written to DIR as one file (<n>.eml, written to a temporary name and
renamed, so a reader never sees half a message). A recipient whose
address begins "refused-" gets "550 5.1.1" (no such mailbox), as a relay
answers for an address that can never work; one beginning "busy-" gets
"451 4.3.0" (try again later).

    /usr/bin/python3 tests/smtp_sink.py PORT DIR

Debian's python3-aiosmtpd; runs until killed (SIGTERM)."""
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        self.n = len(os.listdir(folder))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refused-"):
            return "550 5.1.1 No such mailbox here"
        if address.lower().startswith("busy-"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        tmp = os.path.join(self.folder, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.folder, f"{n:06d}.eml"))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
