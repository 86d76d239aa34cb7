#!/usr/bin/python3
"""An SMTP server for the notification tests (Debian's python3-aiosmtpd):
listens on 127.0.0.1, writes each message as OUTDIR/N.json with its envelope,
its header lines as sent and its decoded text and HTML parts, and writes
its port to OUTDIR/port once it accepts connections. Runs until killed."""
import email
import email.policy
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

outdir = sys.argv[1]


class Sink:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        out = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
               "header_lines": raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace").split("\r\n"),
               "subject": str(message["Subject"]), "list_unsubscribe": str(message["List-Unsubscribe"])}
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                out[part.get_content_type()] = part.get_content()
        n = len([f for f in os.listdir(outdir) if f.endswith(".json")])
        tmp = os.path.join(outdir, ".%d.tmp" % n)
        with open(tmp, "w") as f:
            json.dump(out, f)
        os.rename(tmp, os.path.join(outdir, "%d.json" % n))
        return "250 OK"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
with open(os.path.join(outdir, ".port"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(outdir, ".port"), os.path.join(outdir, "port"))
while True:
    time.sleep(3600)
