#!/usr/bin/env python3
"""Time from starting a program in a real pseudo-terminal (80x24) to its first frame on screen:
the moment the verdict question ("scam or genuine") has been written.

Usage: benches/first-frame.py BINARY [RUNS] [ARGS...]
  BINARY  target/release/smishdrill (run as `smishdrill --seed 1 ARGS...`), or the floor,
          target/release/examples/first-frame-floor (raw mode, alternate screen, one write;
          `cargo build --release --example first-frame-floor`), run without arguments
  ARGS    more arguments for smishdrill, e.g. --scenarios DIR"""
import os, pty, time, sys, select
binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
extra = sys.argv[3:]
floor = os.path.basename(binary).startswith("first-frame-floor")
argv = [binary] if floor else [binary, "--seed", "1", *extra]
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["XDG_DATA_HOME"] = "/tmp/ff-data"
        os.environ["COLUMNS"] = "80"; os.environ["LINES"] = "24"
        os.execv(binary, argv)
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf = b""
    while b"scam or genuine" not in buf:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            break
        buf += os.read(fd, 65536)
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
times.sort()
print(f"{' '.join(argv)}: first frame median {times[len(times)//2]:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms over {runs} runs")
