#!/usr/bin/env python3
"""plot(fig, { image = true }) in a pseudo-terminal that answers the image
queries as kitty, as a sixel terminal, or not at all: the Cairo rendering
inline at the terminal's cell size in pixels, or the text drawing.
Env: LUNETTE_EXE.  TAP output."""
import base64
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

EXE = os.environ["LUNETTE_EXE"]
CODE = ('plot(plot.hist(frame{ x = { 1, 2, 2, 3, 3, 3 } }.x, { title = "Inline" }), '
        '{ image = true, width = 40, height = 10 }) print("END")')
KITTY_QUERY = b"\x1b_Gi=31,"
DA1 = b"\x1b[c"


def run(answer, pixels=True):
    """Run CODE in a pty of 100 x 30 cells (1000 x 600 pixels when `pixels`),
    answer the queries with `answer` (None: stay silent); the output."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        for var in ("TMUX", "STY", "ZELLIJ", "LUNETTE_IMAGES", "TERM_PROGRAM",
                    "LC_TERMINAL", "KITTY_WINDOW_ID", "NO_COLOR"):
            os.environ.pop(var, None)
        os.execv(EXE, [EXE, "-e", CODE])
    size = struct.pack("HHHH", 30, 100, 1000 if pixels else 0, 600 if pixels else 0)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, size)
    out, answered, start = b"", False, time.time()
    while time.time() - start < 20 and b"END" not in out:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
        if answer is not None and not answered and DA1 in out:
            os.write(fd, answer)
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return out, status


n = failed = 0


def check(ok, name):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok"), n, "-", name)


def png_size(png):
    return struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else None


out, status = run(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c")
check(KITTY_QUERY in out, "kitty: the terminal is asked")
chunks = re.findall(rb"\x1b_G([^;]*);([A-Za-z0-9+/=]*)\x1b\\", out)
image = [c for c in chunks if b"a=T" in c[0] or b"m=" in c[0]]
check(len(image) >= 1 and b"f=100" in image[0][0], "kitty: a PNG is sent (a=T, f=100)")
png = base64.b64decode(b"".join(c[1] for c in image)) if image else b""
check(png_size(png) == (400, 200),
      "kitty: 40 x 10 cells of 10 x 20 pixels (the terminal's cell size)")
check(b"Inline" not in out, "kitty: no text drawing besides the image")
check(b"END" in out and status == 0, "kitty: the script goes on and ends well")

out, _ = run(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c", pixels=False)
chunks = re.findall(rb"\x1b_G([^;]*);([A-Za-z0-9+/=]*)\x1b\\", out)
png = base64.b64decode(b"".join(c[1] for c in chunks if b"i=31" not in c[0]))
check(png_size(png) == (320, 160), "kitty: 8 x 16 pixels a cell when the terminal does not say")

out, status = run(b"\x1b[?62;4;22c")
check(b"\x1bP" in out and b"q\"" in out and b"\x1b\\" in out,
      "sixel: a DCS sixel image for a DA1 answer with attribute 4")
check(b"Inline" not in out and status == 0, "sixel: no text drawing besides the image")

out, status = run(None)
check(b"Inline" in out and b"\x1b_Ga=T" not in out and b"\x1bPq" not in out and status == 0,
      "no answer: the text drawing, nothing else")

print("1..%d" % n)
sys.exit(1 if failed else 0)
