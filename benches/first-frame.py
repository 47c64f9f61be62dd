#!/usr/bin/env python3
"""Time from starting smishdrill in a real pseudo-terminal (80x24) to its first frame on screen:
the moment the verdict question has been written. Usage: benches/first-frame.py target/release/smishdrill [RUNS]"""
import os, pty, time, sys, select
binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["XDG_DATA_HOME"] = "/tmp/ff-data"
        os.environ["COLUMNS"] = "80"; os.environ["LINES"] = "24"
        os.execv(binary, [binary, "--seed", "1"])
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf = b""
    while b"scam or genuine" not in buf:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            break
        buf += os.read(fd, 65536)
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
times.sort()
print(f"first frame: median {times[len(times)//2]:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms over {runs} runs")
